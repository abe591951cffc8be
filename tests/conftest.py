"""Shared helpers: free ports, waiting for servers, and the bot's environment for a test."""

from __future__ import annotations

import os
import socket
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
