"""Conversations idle longer than RETENTION_DAYS are deleted, app row and tracker events alike."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from bot.config import ConfigError, load_settings
from bot.db.migrate import upgrade
from bot.db.models import Conversation, TelegramChat
from bot.db.session import make_engine, make_sessionmaker
from bot.retention import purge

NOW = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)


def test_idle_conversations_are_deleted_and_active_ones_kept(var_dir):
    url = f"sqlite:///{var_dir / 'treaty.db'}"
    upgrade(url)
    sessions = make_sessionmaker(make_engine(url))
    tracker = make_engine(f"sqlite:///{var_dir / 'tracker.db'}")
    with tracker.begin() as db:
        db.execute(
            text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp FLOAT, data TEXT)")
        )
        for sender, days_ago in (("old", 31), ("old", 40), ("active", 45), ("active", 1)):
            stamp = (NOW - timedelta(days=days_ago)).timestamp()
            db.execute(text("INSERT INTO events (sender_id, timestamp, data) VALUES (:s, :t, '{}')"),
                       {"s": sender, "t": stamp})  # fmt: skip
    with sessions() as db:
        db.add(Conversation(pseudonym="old", channel="web", last_active_at=NOW - timedelta(days=31)))
        db.add(Conversation(pseudonym="active", channel="web", last_active_at=NOW - timedelta(days=1)))
        db.add(TelegramChat(pseudonym="old", sealed_chat_id=b"x", updated_at=NOW - timedelta(days=31)))
        db.add(TelegramChat(pseudonym="active", sealed_chat_id=b"y", updated_at=NOW - timedelta(days=1)))
        db.commit()

    assert purge(sessions, tracker, days=30, now=NOW) == 1

    with sessions() as db:
        assert [c.pseudonym for c in db.query(Conversation)] == ["active"]
        assert [c.pseudonym for c in db.query(TelegramChat)] == ["active"]  # a sealed chat id goes too
    with tracker.connect() as db:
        left = db.execute(text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all()
    assert left == [("active", 2)]  # an active conversation is never cut in half


def test_purge_before_the_engine_created_its_table(var_dir):
    url = f"sqlite:///{var_dir / 'treaty.db'}"
    upgrade(url)
    assert purge(make_sessionmaker(make_engine(url)), make_engine(f"sqlite:///{var_dir / 't.db'}"), 30) == 0


@pytest.mark.parametrize("value", ["0", "abc", "4000", "-3"])
def test_retention_days_must_be_sensible(var_dir, value):
    with pytest.raises(ConfigError, match="RETENTION_DAYS"):
        load_settings({"VAR_DIR": str(var_dir), "RETENTION_DAYS": value}, env_file=var_dir / "none")
    assert load_settings({"VAR_DIR": str(var_dir)}, env_file=var_dir / "none").retention_days == 30
