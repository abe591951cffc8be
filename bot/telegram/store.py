"""The Telegram channel's rows: the update inbox, sealed chat ids, and message ids for /delete.

Blocking SQLAlchemy calls; the channel runs them in a thread. Nothing here holds a readable
Telegram id or any message text: updates and chat ids are sealed (bot/crypto.py) and an
update's body is dropped once it has been handled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.crypto import Unreadable, seal, unseal
from bot.db.models import TelegramChat, TelegramMessage, TelegramUpdate, utcnow

# Telegram lets a bot delete messages for 48 hours, and redelivers an update for at most a day.
DELETABLE_FOR = timedelta(hours=48)
UPDATE_PURPOSE = "telegram-update"
CHAT_PURPOSE = "telegram-chat-id"


@dataclass(frozen=True)
class Pending:
    update_id: int
    data: dict[str, Any] | None
    started: bool  # its turn reached the engine before a crash


class Store:
    def __init__(self, sessions: sessionmaker, key: bytes) -> None:
        self.sessions, self.key = sessions, key

    # --- the inbox -------------------------------------------------------------------------
    def receive(self, update: dict[str, Any]) -> bool:
        """Keep an update until it is handled; False when this update_id came before."""
        body = seal(self.key, UPDATE_PURPOSE, json.dumps(update, ensure_ascii=False).encode())
        with self.sessions() as session:
            session.add(TelegramUpdate(update_id=int(update["update_id"]), sealed=body))
            try:
                session.commit()
            except IntegrityError:
                return False
        return True

    def pending(self) -> list[Pending]:
        """Updates received but not handled, oldest first (data None: sealed with another key)."""
        with self.sessions() as session:
            rows = session.execute(
                select(TelegramUpdate.update_id, TelegramUpdate.sealed, TelegramUpdate.started_at)
                .where(TelegramUpdate.handled_at.is_(None))
                .order_by(TelegramUpdate.update_id)
            ).all()
        found: list[Pending] = []
        for update_id, sealed, started_at in rows:
            try:
                data = json.loads(unseal(self.key, UPDATE_PURPOSE, sealed or b""))
            except (Unreadable, ValueError):
                data = None
            found.append(Pending(update_id, data, started_at is not None))
        return found

    def started(self, update_id: int) -> None:
        """The update's turn is going to the engine: never run it twice."""
        with self.sessions() as session:
            session.execute(
                update(TelegramUpdate)
                .where(TelegramUpdate.update_id == update_id)
                .values(started_at=utcnow())
            )
            session.commit()

    def handled(self, update_id: int) -> None:
        with self.sessions() as session:
            session.execute(
                update(TelegramUpdate)
                .where(TelegramUpdate.update_id == update_id)
                .values(sealed=None, handled_at=utcnow())
            )
            session.commit()

    def next_offset(self) -> int | None:
        """The getUpdates offset that confirms everything already kept."""
        with self.sessions() as session:
            last = session.scalar(select(func.max(TelegramUpdate.update_id)))
        return None if last is None else int(last) + 1

    # --- where to reach a person -----------------------------------------------------------
    def remember_chat(self, who: str, chat_id: int) -> None:
        sealed = seal(self.key, CHAT_PURPOSE, str(chat_id).encode())
        with self.sessions() as session:
            row = session.get(TelegramChat, who)
            if row is None:
                session.add(TelegramChat(pseudonym=who, sealed_chat_id=sealed))
            else:
                row.sealed_chat_id, row.updated_at = sealed, utcnow()
            session.commit()

    def swap_keyboard(self, who: str, message_id: int) -> int | None:
        """Remember the message with the newest keyboard; returns the one it replaces."""
        with self.sessions() as session:
            row = session.get(TelegramChat, who)
            if row is None:
                return None
            previous, row.keyboard_message_id = row.keyboard_message_id, message_id
            session.commit()
            return previous

    def keyboard_of(self, who: str) -> int | None:
        with self.sessions() as session:
            return session.scalar(
                select(TelegramChat.keyboard_message_id).where(TelegramChat.pseudonym == who)
            )

    def chat_of(self, who: str) -> int | None:
        """The chat id, for a message the person did not just ask for (an adviser's answer)."""
        with self.sessions() as session:
            sealed = session.scalar(select(TelegramChat.sealed_chat_id).where(TelegramChat.pseudonym == who))
        if sealed is None:
            return None
        try:
            return int(unseal(self.key, CHAT_PURPOSE, sealed))
        except (Unreadable, ValueError):
            return None

    # --- message ids for /delete -----------------------------------------------------------
    def remember_messages(self, who: str, message_ids: list[int]) -> None:
        if not message_ids:
            return
        with self.sessions() as session:
            session.add_all(TelegramMessage(pseudonym=who, message_id=m) for m in message_ids)
            session.commit()

    def take_messages(self, who: str, now: datetime | None = None) -> list[int]:
        """The ids still deletable, and forget them all (the person's data is being erased)."""
        since = (now or datetime.now(timezone.utc)) - DELETABLE_FOR
        with self.sessions() as session:
            ids = session.scalars(
                select(TelegramMessage.message_id)
                .where(TelegramMessage.pseudonym == who, TelegramMessage.sent_at >= since)
                .order_by(TelegramMessage.message_id)
            ).all()
            session.execute(delete(TelegramMessage).where(TelegramMessage.pseudonym == who))
            session.commit()
        return list(ids)

    def purge(self, now: datetime | None = None) -> None:
        """Forget message ids past Telegram's 48 hours and handled updates (keeping the last,
        whose id gives the polling offset)."""
        cutoff = (now or datetime.now(timezone.utc)) - DELETABLE_FOR
        with self.sessions() as session:
            session.execute(delete(TelegramMessage).where(TelegramMessage.sent_at < cutoff))
            last = session.scalar(select(func.max(TelegramUpdate.update_id)))
            session.execute(
                delete(TelegramUpdate).where(
                    TelegramUpdate.handled_at.is_not(None),
                    TelegramUpdate.received_at < cutoff,
                    TelegramUpdate.update_id != (last or -1),
                )
            )
            session.commit()
