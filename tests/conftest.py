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
    def __init__(self, var_dir):
        self.var_dir = var_dir
        self.env = bot_env(var_dir)
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
        if running.process.poll() is None:
            running.process.send_signal(signal.SIGINT)
            running.process.wait(timeout=30)
        running.log.close()
