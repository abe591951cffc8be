"""Tables. No raw channel user id, no message text, ever: see the README's privacy notes."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """One person on one channel, known only by the HMAC pseudonym of their channel id."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # Button payloads offered in the last reply: only these are accepted as button presses,
    # so an old keyboard cannot be replayed into a later question.
    offered_payloads: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class TelegramUpdate(Base):
    """Telegram's inbox: each update once, kept sealed until it has been handled.

    An update is stored before Telegram is told it arrived (the next poll's offset, or the
    webhook's 200), so a restart mid-way handles it then; a second delivery of the same
    update_id is ignored. The body is dropped as soon as the update is handled."""

    __tablename__ = "telegram_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set when the update's turn reached the engine: after a crash such an update is not run
    # again (the engine has taken it); the person is told their answer may be missing.
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TelegramChat(Base):
    """Where to reach a person on Telegram later (an adviser's message): the chat id, sealed."""

    __tablename__ = "telegram_chats"

    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)
    sealed_chat_id: Mapped[bytes] = mapped_column(LargeBinary)
    # The message with the keyboard last offered: only its buttons count (two questions may
    # offer the same buttons, 'Yes'/'No').
    keyboard_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class TelegramMessage(Base):
    """Ids of the messages in a person's chat, so /delete can remove them (Telegram allows
    it for 48 hours). Only numbers: no text; forgotten after 48 hours."""

    __tablename__ = "telegram_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
