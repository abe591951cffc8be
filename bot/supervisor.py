"""Runs the bot's processes as one: starts them, restarts a crashed one with back-off,
and stops them all on Ctrl-C (SIGINT) or SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

logger = logging.getLogger("bot.supervisor")

STABLE_AFTER_S = 60.0  # a child that ran this long starts its back-off from scratch
STOP_GRACE_S = 10.0


def backoff_delay(failures: int) -> float:
    """0.5 s, 1 s, 2 s, ... capped at 30 s."""
    return min(30.0, 0.5 * 2 ** max(0, failures - 1))


# Configuration the supervisor itself was given that only some children may see: each child
# gets exactly what its ChildSpec names (least privilege).
PRIVATE_VARIABLES = (
    "TELEGRAM_BOT_TOKEN", "BOT_HMAC_KEY", "BOT_ENCRYPTION_KEY", "RASA_JWT_SECRET", "DATABASE_URL",
    "TRACKER_DATABASE_URL",
)  # fmt: skip


def inherited_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in PRIVATE_VARIABLES}


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if the supervisor dies (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1


def _signal_group(process: asyncio.subprocess.Process, sig: int) -> None:
    """Signal the child's process group (each child leads its own, see start_new_session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


@dataclass
class ChildSpec:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None


class Supervisor:
    def __init__(self, children: list[ChildSpec]) -> None:
        self.children = children
        self.processes: dict[str, asyncio.subprocess.Process] = {}
        self.stopping = asyncio.Event()

    async def _relay(self, name: str, stream: asyncio.StreamReader) -> None:
        """Prefix each line of a child's output with its name."""
        while line := await stream.readline():
            print(f"[{name}] {line.decode(errors='replace').rstrip()}", flush=True)

    async def _keep_running(self, spec: ChildSpec) -> None:
        failures = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                process = await asyncio.create_subprocess_exec(
                    *spec.argv,
                    env={**inherited_environment(), **spec.env},
                    cwd=spec.cwd,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.STDOUT,
                    start_new_session=True,  # Ctrl-C reaches us; we stop children in order
                    preexec_fn=_die_with_parent,
                )
            except OSError as error:
                failures += 1
                delay = backoff_delay(failures)
                logger.error("cannot start %s (%s); retrying in %.1f s", spec.name, error.strerror, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), timeout=delay)
                continue
            self.processes[spec.name] = process
            logger.info("started %s (pid %d)", spec.name, process.pid)
            assert process.stdout is not None
            relay = asyncio.create_task(self._relay(spec.name, process.stdout))
            # Not `await process.wait()`: it also waits for the output pipe to close, which a
            # leftover grandchild (Sanic's workers) keeps open after the child itself died.
            while process.returncode is None:
                await asyncio.sleep(0.2)
            # A child may leave workers behind (Sanic's worker manager does): end its whole group.
            _signal_group(process, signal.SIGKILL)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(relay, timeout=2)
            if self.stopping.is_set():
                return
            failures = 1 if time.monotonic() - started > STABLE_AFTER_S else failures + 1
            delay = backoff_delay(failures)
            logger.error("%s exited with code %s; restarting in %.1f s", spec.name, process.returncode, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), timeout=delay)

    async def _stop_all(self) -> None:
        for process in self.processes.values():
            if process.returncode is None:
                process.terminate()  # the leader stops its own workers (Sanic's manager does)
        deadline = time.monotonic() + STOP_GRACE_S
        for name, process in self.processes.items():
            while process.returncode is None and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            if process.returncode is None:
                logger.warning("%s did not stop in time; killing it", name)
            _signal_group(process, signal.SIGKILL)

    async def run(self, on_started: Callable[[], Awaitable[None]] | None = None) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        tasks = [asyncio.create_task(self._keep_running(spec)) for spec in self.children]
        watcher = asyncio.create_task(on_started()) if on_started else None
        await self.stopping.wait()
        logger.info("stopping all processes ...")
        if watcher:
            watcher.cancel()
        await self._stop_all()
        await asyncio.gather(*tasks, return_exceptions=True)
        logger.info("stopped")
