"""Shared helpers: free ports, waiting for servers, and the bot's environment for a test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float = 120.0, interval: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except (httpx.HTTPError, OSError, ValueError):
            value = None
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


def bot_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a bot process: its own var dir, ports and no .env surprises."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "RASA_", "TELEGRAM_"))}
    env.update(
        {
            "ENV_FILE": str(var_dir / "none.env"),
            "VAR_DIR": str(var_dir),
            "GATEWAY_PORT": str(free_port()),
            "RASA_PORT": str(free_port()),
            "ACTION_SERVER_PORT": str(free_port()),
            "DATABASE_URL": "",
            "TRACKER_DATABASE_URL": "",
            "LOG_LEVEL": "INFO",
        }
    )
    env.update(extra)
    return env


@pytest.fixture
def var_dir(tmp_path: Path) -> Path:
    path = tmp_path / "var"
    path.mkdir()
    return path


class Bot:
    def __init__(self, var_dir, **env):
        self.var_dir = var_dir
        self.env = bot_env(var_dir, **env)
        self.base = f"http://127.0.0.1:{self.env['GATEWAY_PORT']}"
        self.log_path = var_dir / "bot.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "bot", "run"], cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def ready(self) -> bool:
        state = httpx.get(f"{self.base}/healthz", timeout=2).json()
        return state["engine"] and state["actions"]

    def start_session(self, language: str = "en") -> tuple[str, dict]:
        response = httpx.post(f"{self.base}/api/session", json={"language": language}, timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        return body["session"], body

    def say(self, session: str, text: str | None = None, payload: str | None = None) -> httpx.Response:
        body = {"session": session, **({"text": text} if text is not None else {"payload": payload})}
        return httpx.post(f"{self.base}/api/messages", json=body, timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=30)
        self.log.close()

    def children(self) -> dict[str, int]:
        """pid of each child, from the supervisor's own log lines."""
        pids = {}
        for line in self.log_path.read_text().splitlines():
            if "bot.supervisor: started " in line:
                name, pid = line.split("started ")[1].split(" (pid ")
                pids[name] = int(pid.rstrip(")"))
        return pids


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    """One real bot for the whole session (it takes ~15 s to start)."""
    from bot import model

    assert model.model_path().exists(), "run `make test` (it trains the model first)"
    running = Bot(tmp_path_factory.mktemp("var"))
    try:
        wait_until(running.ready, timeout=180, what="the bot to start")
        yield running
    finally:
        running.stop()


class Postgres:
    """A throwaway PostgreSQL server (Debian's binaries) on a free loopback port."""

    def __init__(self) -> None:
        import glob
        import shutil
        import tempfile

        initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not initdb:
            pytest.fail("PostgreSQL is missing: `make test` installs it (apt-get install postgresql)")
        self.bin = Path(initdb[-1]).parent
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="tn-pg-"))
        self._rmtree = shutil.rmtree
        run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if run_as:
            shutil.chown(self.dir, "postgres", "postgres")
        self.run_as = run_as
        data = str(self.dir / "data")
        self._pg("initdb", "-D", data, "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", data, "-o", options, "-w", "-l", str(self.dir / "server.log"), "start")
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "treaty")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/treaty"

    def _pg(self, tool: str, *args: str, check: bool = True) -> None:
        subprocess.run([*self.run_as, str(self.bin / tool), *args], check=check, capture_output=True)

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop", check=False)
        self._rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    server = Postgres()
    yield server
    server.stop()
