"""Forget conversations nobody has touched for RETENTION_DAYS: the app row and every tracker event.

The opening of the questions tells the person this period; the gateway runs `purge` at start and
every hour. A conversation is judged by its last activity, so an active one is never cut in half.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, delete, inspect, text
from sqlalchemy.orm import sessionmaker

from bot.db.models import Conversation, TelegramChat

logger = logging.getLogger("bot.retention")
EVERY_SECONDS = 3600


def purge(sessions: sessionmaker, tracker_db: Engine | None, days: int, now: datetime | None = None) -> int:
    """Delete what was last active more than `days` ago; returns how many conversations went."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    with sessions() as session:
        gone = session.execute(delete(Conversation).where(Conversation.last_active_at < cutoff)).rowcount
        # Where to reach someone on Telegram goes with their conversation.
        session.execute(delete(TelegramChat).where(TelegramChat.updated_at < cutoff))
        session.commit()
    if tracker_db is not None and inspect(tracker_db).has_table("events"):
        with tracker_db.begin() as connection:
            connection.execute(
                text(
                    "DELETE FROM events WHERE sender_id IN (SELECT sender_id FROM events"
                    " GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
                ),
                {"cutoff": cutoff.timestamp()},
            )
    logger.info("retention: %d conversation(s) older than %d days deleted", gone or 0, days)
    return gone or 0
