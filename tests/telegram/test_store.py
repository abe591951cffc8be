"""The Telegram rows: each update once, nothing readable kept, message ids only for 48 hours."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

import pytest

from bot.db import migrate
from bot.db.session import make_engine, make_sessionmaker
from bot.telegram.store import Store


@pytest.fixture
def store(tmp_path) -> Store:
    url = f"sqlite:///{tmp_path / 'treaty.db'}"
    migrate.upgrade(url)
    return Store(make_sessionmaker(make_engine(url)), secrets.token_bytes(32))


def test_an_update_is_kept_sealed_until_handled_and_a_second_delivery_is_ignored(store, tmp_path):
    update = {"update_id": 41, "message": {"text": "CANARY-TELEGRAM-7731", "from": {"id": 123456789}}}
    assert store.receive(update) is True
    assert store.receive(update) is False
    database = (tmp_path / "treaty.db").read_bytes()
    assert b"CANARY-TELEGRAM-7731" not in database and b"123456789" not in database
    assert [(p.update_id, p.data, p.started) for p in store.pending()] == [(41, update, False)]
    assert store.next_offset() == 42
    store.handled(41)
    assert store.pending() == []
    assert store.receive(update) is False  # handled: a redelivery changes nothing


def test_a_chat_id_is_sealed_and_another_key_cannot_read_it(store):
    store.remember_chat("p" * 64, 5550123456)
    assert store.chat_of("p" * 64) == 5550123456
    other = Store(store.sessions, secrets.token_bytes(32))
    assert other.chat_of("p" * 64) is None


def test_message_ids_are_taken_once_and_only_those_telegram_still_lets_us_delete(store):
    store.remember_messages("a" * 64, [10, 11, 12])
    store.remember_messages("b" * 64, [13])
    later = datetime.now(timezone.utc) + timedelta(hours=49)
    assert store.take_messages("a" * 64, now=later) == []
    store.remember_messages("a" * 64, [14])
    assert store.take_messages("a" * 64) == [14]
    assert store.take_messages("a" * 64) == []
    store.purge(now=later)
    assert store.take_messages("b" * 64) == []
