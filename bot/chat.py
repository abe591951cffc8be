"""One conversation turn for any channel: pseudonymise, validate, ask the engine, remember.

Channels (web, Telegram) call `ChatService.handle` and render what comes back. Faults in
the engine or the database become a kind message asking the person to resend, never a
stack trace, and nothing about the message is logged.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool

from bot import retention
from bot.db.models import Conversation, TelegramChat, utcnow
from bot.engine_client import EngineClient, EngineUnavailable
from bot.pseudonym import pseudonym
from bot.ratelimit import RateLimiter
from bot.replies import Replies, normalise_language
from bot.turns import Rejected, engine_message, read_engine_answer

logger = logging.getLogger("bot.chat")
ENDED_FOR_SECONDS = 900  # longer than any request can take


@dataclass
class TurnResult:
    status: str  # "ok" | "rejected" | "unavailable"
    messages: list[dict[str, Any]]
    language: str
    erased: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class ChatService:
    def __init__(
        self,
        hmac_key: bytes,
        sessions: sessionmaker,
        engine: EngineClient,
        tracker_db: Engine | None,
        replies: Replies,
        retention_days: int = 30,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.hmac_key = hmac_key
        self.sessions = sessions
        self.engine = engine
        self.tracker_db = tracker_db
        self.replies = replies
        self.retention_days = retention_days
        self.limiter = limiter or RateLimiter()
        # Conversations ended by quick exit, for a while: a message still on its way when the
        # person left must not bring the conversation back.
        self.ended: dict[str, float] = {}

    def purge(self) -> int:
        """Delete conversations idle for longer than the retention period (bot.retention)."""
        return retention.purge(self.sessions, self.tracker_db, self.retention_days)

    def _notice(self, name: str, language: str, values: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.replies.render(name, language, values) or {"text": name}

    async def handle(
        self,
        channel: str,
        user_id: str,
        text: str | None = None,
        payload: str | None = None,
        language_hint: str | None = None,
    ) -> TurnResult:
        """One turn; whatever fails, the person gets a kind message, never silence or a trace."""
        try:
            return await self._turn(channel, user_id, text, payload, language_hint)
        except Exception as error:
            logger.error("turn channel=%s: unexpected %s", channel, type(error).__name__)
            language = normalise_language(language_hint)
            return TurnResult("unavailable", [self._notice("gateway_error", language)], language)

    async def _turn(
        self, channel: str, user_id: str, text: str | None, payload: str | None, language_hint: str | None
    ) -> TurnResult:
        started = time.monotonic()
        who = pseudonym(self.hmac_key, channel, user_id)
        language = normalise_language(language_hint)
        if self._has_ended(who):
            return TurnResult("rejected", [], language)
        try:
            conversation = await run_in_threadpool(self._load, who, channel)
        except SQLAlchemyError as error:
            logger.error("turn channel=%s: database unavailable (%s)", channel, type(error).__name__)
            return TurnResult("unavailable", [self._notice("gateway_error", language)], language)
        language = conversation.language or language
        if not self.limiter.allow(who):  # a flood never reaches the engine
            logger.info("turn channel=%s: answered by the gateway (gateway_slow_down)", channel)
            return TurnResult("rejected", [self._notice("gateway_slow_down", language)], language)

        message = engine_message(text, payload, list(conversation.offered_payloads or []), language)
        if isinstance(message, Rejected):
            logger.info("turn channel=%s: answered by the gateway (%s)", channel, message.reply)
            return TurnResult("rejected", [self._notice(message.reply, language, message.values)], language)

        try:
            raw = await self.engine.send(who, message, language)
            if message == "/restart":  # a fresh start begins with the greeting
                raw = await self.engine.send(who, "/greet", language)
        except EngineUnavailable as error:
            logger.warning("turn channel=%s: engine unavailable (%s)", channel, error)
            return TurnResult("unavailable", [self._notice("gateway_engine_unavailable", language)], language)

        if self._has_ended(who):  # the person left while the engine worked: keep nothing
            await run_in_threadpool(self._erase, who)
            return TurnResult("rejected", [], language)
        answer = read_engine_answer(raw)
        language = normalise_language(answer.language or language)
        if not answer.messages and not answer.erase:  # never leave the person with silence
            fallback = self._notice("utter_fallback", language)
            answer.messages.append(fallback)
            answer.offered = [b["payload"] for b in fallback.get("buttons", [])]
        try:
            if answer.erase:
                await run_in_threadpool(self._erase, who)
            else:
                await run_in_threadpool(self._remember, who, answer.offered, answer.language)
        except SQLAlchemyError as error:
            logger.error("turn channel=%s: database write failed (%s)", channel, type(error).__name__)
            return TurnResult("unavailable", [self._notice("gateway_error", language)], language)
        logger.info(
            "turn channel=%s: ok, %d message(s) in %.0f ms",
            channel, len(answer.messages), (time.monotonic() - started) * 1000,
        )  # fmt: skip
        return TurnResult("ok", answer.messages, language, erased=answer.erase)

    async def end(self, channel: str, user_id: str) -> None:
        """Forget a conversation at once (the web widget's quick exit): the row and the tracker."""
        who = pseudonym(self.hmac_key, channel, user_id)
        now = time.monotonic()
        self.ended = {k: at for k, at in self.ended.items() if now - at < ENDED_FOR_SECONDS}
        self.ended[who] = now
        await run_in_threadpool(self._erase, who)
        self.limiter.forget(who)

    def _has_ended(self, who: str) -> bool:
        at = self.ended.get(who)
        return at is not None and time.monotonic() - at < ENDED_FOR_SECONDS

    async def offered(self, channel: str, user_id: str) -> list[str]:
        """The payloads of the buttons last offered to this person (none if unknown)."""
        who = pseudonym(self.hmac_key, channel, user_id)
        return await run_in_threadpool(self._offered, who)

    async def language_of(self, channel: str, user_id: str, hint: str | None = None) -> str:
        """The conversation's language, else the hint's (for notices a channel sends itself)."""
        who = pseudonym(self.hmac_key, channel, user_id)
        try:
            known = await run_in_threadpool(self._language, who)
        except SQLAlchemyError:
            known = None
        return normalise_language(known or hint)

    def notice(self, name: str, language: str, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """A gateway notice (dialogues/replies.yml) in the person's language."""
        return self._notice(name, language, values)

    def _offered(self, who: str) -> list[str]:
        with self.sessions() as session:
            found = session.scalar(select(Conversation.offered_payloads).where(Conversation.pseudonym == who))
            return [str(p) for p in found or []]

    def _language(self, who: str) -> str | None:
        with self.sessions() as session:
            return session.scalar(select(Conversation.language).where(Conversation.pseudonym == who))

    def _load(self, who: str, channel: str) -> Conversation:
        with self.sessions() as session:
            conversation = session.scalar(select(Conversation).where(Conversation.pseudonym == who))
            if conversation is None:
                conversation = Conversation(pseudonym=who, channel=channel, offered_payloads=[])
                session.add(conversation)
                session.commit()
            return conversation

    def _remember(self, who: str, offered: list[str], language: str | None) -> None:
        with self.sessions() as session:
            conversation = session.scalar(select(Conversation).where(Conversation.pseudonym == who))
            if conversation is None:
                return
            if offered:  # a reply without buttons leaves the previous options valid
                conversation.offered_payloads = offered
            conversation.last_active_at = utcnow()  # retention counts from the last message
            if language:
                conversation.language = normalise_language(language)
            session.commit()

    def _erase(self, who: str) -> None:
        """Delete the person's row here and every tracker event the engine kept."""
        with self.sessions() as session:
            session.execute(delete(Conversation).where(Conversation.pseudonym == who))
            session.execute(delete(TelegramChat).where(TelegramChat.pseudonym == who))
            session.commit()
        if self.tracker_db is not None:
            with self.tracker_db.begin() as connection:
                connection.execute(text("DELETE FROM events WHERE sender_id = :who"), {"who": who})
