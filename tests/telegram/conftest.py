"""The Telegram channel as a real process (`python -m bot telegram`) against a fake Bot API."""

from __future__ import annotations

import itertools
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, wait_until
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi, Person

_ids = itertools.count(880_000_001)


class TelegramProcess:
    def __init__(self, bot, api: FakeBotApi, log: Path, **env: str) -> None:
        self.api = api
        self.env = {**bot.env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api.url, **env}
        self.log_path = log
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "bot", "telegram"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, commands_before: int = 0) -> None:
        """Ready once the command menu is set in all six languages."""
        wait_until(
            lambda: len(self.api.called("setMyCommands")) >= commands_before + 6,
            timeout=60,
            interval=0.1,
            what="the Telegram channel to start",
        )

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def api():
    fake = FakeBotApi().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def telegram(bot, api, tmp_path_factory):
    running = TelegramProcess(bot, api, tmp_path_factory.mktemp("telegram") / "telegram.log")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture
def person(api) -> Person:
    """Someone new for each test (Telegram user ids are never reused between tests)."""
    return Person(api, next(_ids))
