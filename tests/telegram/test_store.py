"""The Telegram rows: each update once, nothing readable kept, message ids only for 48 hours."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from bot.db import migrate
from bot.db.session import make_engine, make_sessionmaker
from bot.telegram.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    """The same rows on SQLite and on a real PostgreSQL (Debian's, started by the tests)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'treaty.db'}"
    else:
        url = request.getfixturevalue("postgres").url
    migrate.upgrade(url)
    store = Store(make_sessionmaker(make_engine(url)), secrets.token_bytes(32))
    with store.sessions() as session:  # one PostgreSQL for the whole run: start each test empty
        for table in ("telegram_updates", "telegram_chats", "telegram_messages"):
            session.execute(text(f"DELETE FROM {table}"))
        session.commit()
    return store


def test_an_update_is_kept_sealed_until_handled_and_a_second_delivery_is_ignored(store):
    update = {"update_id": 41, "message": {"text": "CANARY-TELEGRAM-7731", "from": {"id": 123456789}}}
    assert store.receive(update) is True
    assert store.receive(update) is False
    with store.sessions() as session:
        [sealed] = session.execute(text("SELECT sealed FROM telegram_updates")).scalars().all()
    assert b"CANARY-TELEGRAM-7731" not in bytes(sealed) and b"123456789" not in bytes(sealed)
    assert [(p.update_id, p.data, p.started) for p in store.pending()] == [(41, update, False)]
    assert store.next_offset() == 42
    store.handled(41)
    assert store.pending() == []
    assert store.receive(update) is False  # handled: a redelivery changes nothing


def test_a_chat_id_is_sealed_and_another_key_cannot_read_it(store):
    store.remember_chat("p" * 64, 5550123456)
    assert store.chat_of("p" * 64) == 5550123456
    assert store.swap_keyboard("p" * 64, 70) is None and store.swap_keyboard("p" * 64, 71) == 70
    assert store.keyboard_of("p" * 64) == 71
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
