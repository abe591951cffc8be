"""Each update is handled once and none is lost: a restart mid-way, and webhook mode."""

from __future__ import annotations

import json
import signal
import sqlite3
import time

import httpx
import pytest

from bot.pseudonym import pseudonym
from bot.secrets import load_or_create
from bot.telegram.run import webhook_secret
from tests.conftest import Bot, free_port, wait_until
from tests.telegram.conftest import TelegramProcess
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi, Person, next_update_id


@pytest.fixture
def own_api():
    fake = FakeBotApi().start()
    yield fake
    fake.stop()


def test_a_crash_mid_reply_is_told_after_the_restart_and_the_turn_is_not_run_twice(bot, own_api, tmp_path):
    first = TelegramProcess(bot, own_api, tmp_path / "telegram.log")
    try:
        first.wait_ready()
        person = Person(own_api, 881000001)
        release = own_api.hold("sendMessage")  # Telegram is slow: the reply hangs
        person.write("/start")
        wait_until(
            lambda: own_api.called("sendMessage", chat_id=person.id),
            timeout=60,
            interval=0.1,
            what="the reply to start",
        )
        first.stop(signal.SIGKILL)  # the process dies mid-way
    finally:
        release.set()
        first.stop()
    time.sleep(0.5)  # the held request, if Telegram got it, completes now
    before = len(person.replies())
    second = TelegramProcess(bot, own_api, tmp_path / "telegram.log")
    try:
        second.wait_ready(commands_before=6)
        person.wait_for_replies(before + 1, timeout=60)
        # The engine had taken the turn: it is not run twice; the person is told what happened.
        assert "interrupted" in person.texts()[before]
        who = pseudonym(load_or_create(bot.var_dir).hmac_key, "telegram", str(person.id))
        with sqlite3.connect(bot.var_dir / "tracker.db") as db:
            turns = db.execute(
                "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (who,)
            ).fetchone()[0]
        assert turns == 1
        assert person.turn(lambda: person.write("/help"))  # and it goes on as usual
    finally:
        second.stop()
    assert "Traceback" not in (tmp_path / "telegram.log").read_text()


def test_webhook_mode_accepts_only_telegram_and_handles_a_redelivery_once(bot, own_api, tmp_path):
    port = free_port()
    running = TelegramProcess(
        bot,
        own_api,
        tmp_path / "telegram.log",
        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/hook-7f3a",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    try:
        running.wait_ready()
        secret = webhook_secret(load_or_create(bot.var_dir).hmac_key)
        [registered] = own_api.called("setWebhook")
        assert registered.params["url"] == "https://bot.example.org/telegram/hook-7f3a"
        assert registered.params["secret_token"] == secret
        hook = f"http://127.0.0.1:{port}/telegram/hook-7f3a"
        wait_until(lambda: httpx.post(hook, timeout=2).status_code == 403, timeout=30, what="the webhook")

        person = Person(own_api, 881000002)
        update = {
            "update_id": next_update_id(),
            "message": person.message(
                text="/start", entities=[{"type": "bot_command", "offset": 0, "length": 6}]
            ),
        }
        body = json.dumps(update)
        headers = {"Content-Type": "application/json"}
        assert httpx.post(hook, content=body, headers=headers).status_code == 403  # no secret
        wrong = {**headers, "X-Telegram-Bot-Api-Secret-Token": secret[:-1] + "x"}
        assert httpx.post(hook, content=body, headers=wrong).status_code == 403
        assert httpx.get(hook, headers=wrong).status_code == 405
        assert httpx.post(f"http://127.0.0.1:{port}/other", content=body, headers=wrong).status_code == 404
        assert not person.replies()

        right = {**headers, "X-Telegram-Bot-Api-Secret-Token": secret}
        assert httpx.post(hook, content="not json", headers=right).status_code == 400
        assert httpx.post(hook, content=body, headers=right).status_code == 200
        person.wait_for_replies(1)
        count = len(person.replies())
        assert httpx.post(hook, content=body, headers=right).status_code == 200  # Telegram retried
        time.sleep(2)  # time enough for a second turn, if there were one
        assert len(person.replies()) == count  # handled once
    finally:
        running.stop()
    assert "Traceback" not in (tmp_path / "telegram.log").read_text()


def test_make_run_starts_the_telegram_channel_when_a_token_is_set(own_api, tmp_path):
    """`python -m bot run` (what `make run` starts) with TELEGRAM_BOT_TOKEN: polling by default."""
    var = tmp_path / "var"
    var.mkdir()
    running = Bot(var, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=own_api.url)
    try:
        wait_until(running.ready, timeout=180, what="the bot to start")
        wait_until(lambda: len(own_api.called("setMyCommands")) >= 6, timeout=60, what="the Telegram channel")
        assert "telegram" in running.children()
        person = Person(own_api, 881000003)
        assert person.turn(lambda: person.write("/start"))[0].params["text"].startswith("Hello")
        assert own_api.called("getUpdates") and not own_api.called("setWebhook")
    finally:
        running.stop()
