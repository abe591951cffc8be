"""Per-turn latency of the whole triage, through our gateway and through bare Rasa REST.

Starts the real bot (`python -m bot run`: engine, action server, gateway) on free loopback
ports with a scratch var dir, plus a second engine on the same model and action server with
only Rasa's own REST channel enabled. The same triage conversation (story, answers, result)
is then held by 1 and by 20 concurrent people on each path; p50 and p95 per turn are printed
and written to reports/bench-turns.json. The gateway path adds pseudonyms, JWT, button
checks and the database; the difference between the two columns is what they cost.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bot import model, paths

CONCURRENCY = (1, 20)
# One conversation: (typed text | None, button payload | None). Buttons are ones the bot offers.
SCRIPT: list[tuple[str | None, str | None]] = [
    (None, '/choose_language{"language": "en"}'),
    (None, "/find_procedure"),
    (None, '/inform{"choice": "yes"}'),
    ("the police in Lagos arrested me at a protest and beat me in the cell for two days", None),
    (None, '/inform{"choice": "yes"}'),
    (None, '/inform{"choice": "yes"}'),
    ("it happened to me", None),
    (None, '/inform{"choice": "no"}'),
    ("in March 2023", None),
    (None, '/inform{"choice": "no"}'),
    ("the supreme court rejected my appeal in 2025", None),
    (None, '/inform{"choice": "none"}'),
    (None, '/inform{"choice": "no"}'),
    (None, '/inform{"choice": "no"}'),  # the last answer: the result is computed on this turn
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def wait_ready(url: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(url, timeout=2)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def reached_result(messages: list[dict[str, Any]], path: str) -> None:
    """A conversation that did not reach the result would measure something else."""
    if not any(str(m.get("text", "")).startswith("Preliminary result for") for m in messages):
        raise RuntimeError(f"the scripted triage did not reach the result through {path}")


async def gateway_conversation(client: httpx.AsyncClient, base: str) -> list[float]:
    session = (await client.post(f"{base}/api/session", json={"language": "en"})).json()["session"]
    timings = []
    for number, (text, payload) in enumerate(SCRIPT, start=1):
        body = {"session": session, **({"text": text} if text else {"payload": payload})}
        started = time.perf_counter()
        response = await client.post(f"{base}/api/messages", json=body)
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"the gateway refused scripted turn {number} ({response.status_code})")
    reached_result(response.json()["messages"], "gateway")
    return timings


async def rest_conversation(client: httpx.AsyncClient, base: str) -> list[float]:
    sender = uuid.uuid4().hex
    timings = []
    for text, payload in SCRIPT:
        started = time.perf_counter()
        response = await client.post(
            f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text or payload}
        )
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
    reached_result(response.json(), "Rasa REST")
    return timings


async def measure(run: Any, base: str, people: int) -> dict[str, float]:
    limits = httpx.Limits(max_connections=people + 5)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await run(client, base)  # warm-up conversation
        results = await asyncio.gather(*(run(client, base) for _ in range(people)))
    turns = [t * 1000 for timings in results for t in timings]
    return {
        "turns": len(turns),
        "p50_ms": round(statistics.median(turns), 1),
        "p95_ms": round(percentile(turns, 0.95), 1),
    }


def start_processes(var: Path) -> tuple[list[subprocess.Popen[bytes]], str, str]:
    ports = {name: free_port() for name in ("GATEWAY_PORT", "RASA_PORT", "ACTION_SERVER_PORT")}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RASA_", "TELEGRAM_"))}
    env.update({k: str(v) for k, v in ports.items()})
    env.update({"VAR_DIR": str(var), "ENV_FILE": os.devnull, "DATABASE_URL": "", "TRACKER_DATABASE_URL": "",
                "LOG_LEVEL": "WARNING"})  # fmt: skip
    log = (var / "bot.log").open("wb")
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=paths.ROOT, env=env, stdout=log,
                           stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    credentials = var / "rest-credentials.yml"
    credentials.write_text("rest: {}\n")
    rest_port = free_port()
    rest_env = {
        **os.environ,
        **model.engine_env(),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{ports['ACTION_SERVER_PORT']}/webhook",
        "TRACKER_DATABASE_URL": f"sqlite:///{var / 'rest-tracker.db'}",
    }
    rest = subprocess.Popen(
        [str(paths.ENGINE_VENV / "bin" / "python"), "-m", "bot.engine.launch", "run",
         "--model", str(model.model_path()), "--endpoints", str(paths.ENDPOINTS),
         "--credentials", str(credentials), "--interface", "127.0.0.1", "--port", str(rest_port), "--quiet"],
        cwd=paths.ROOT, env=rest_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    return [bot, rest], f"http://127.0.0.1:{ports['GATEWAY_PORT']}", f"http://127.0.0.1:{rest_port}"


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def run_all(gateway: str, rest: str) -> dict[str, Any]:
    await wait_ready(f"{gateway}/healthz")
    await wait_ready(f"{rest}/")
    report: dict[str, Any] = {"turns_per_conversation": len(SCRIPT), "results": []}
    for people in CONCURRENCY:
        for path, run, base in (
            ("gateway", gateway_conversation, gateway),
            ("rasa_rest", rest_conversation, rest),
        ):
            report["results"].append({"path": path, "concurrent": people, **await measure(run, base, people)})
    return report


def main() -> int:
    if not model.model_path().exists():
        print("no trained model: run `make setup` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tn-bench-") as scratch:
        var = Path(scratch)
        processes, gateway, rest = start_processes(var)
        try:
            report = asyncio.run(run_all(gateway, rest))
        finally:
            stop(processes)
    print(f"triage turn latency ({report['turns_per_conversation']} turns a conversation, story to result):")
    print(f"  {'path':10} {'people':>6} {'turns':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for row in report["results"]:
        cells = f"{row['concurrent']:>6} {row['turns']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8}"
        print(f"  {row['path']:10} {cells}")
    out = paths.ROOT / "reports" / "bench-turns.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"report written to {out.relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
