"""The Telegram handlers: every private message or button press becomes one ChatService turn.

Rasa, the database and the logs see only the HMAC pseudonym of the Telegram user id. The
chat id, needed to reach the person later, is kept sealed. Replies are escaped HTML, split at
Telegram's limits, with inline keyboards whose old buttons cannot be replayed. Sending retries
on Telegram's 429 (waiting its retry_after) and 5xx answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.chat import ChatService, TurnResult
from bot.pseudonym import pseudonym
from bot.replies import LANGUAGES, normalise_language
from bot.telegram import render
from bot.telegram.store import Pending, Store

logger = logging.getLogger("bot.telegram")
T = TypeVar("T")

CHANNEL = "telegram"
COMMANDS = ("start", "language", "restart", "help", "human", "delete")
SEND_ATTEMPTS = 5
TYPING_EVERY_SECONDS = 4.5  # Telegram shows "typing…" for 5 seconds
OFFER_KEPT_SECONDS = 600  # how long the "delete the messages too?" offer stays usable
FAILED_ATTEMPTS = 3  # an update that keeps failing is dropped, not retried forever


def seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def retrying(call: Callable[[], Awaitable[T]]) -> T:
    """Run one Bot API call, again after a 5xx or network failure.

    A 429 is waited out underneath, by PTB's AIORateLimiter (its retry_after, three times, and
    holding every other request meanwhile); one that still fails is not retried again here."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await call()
        except (BadRequest, RetryAfter):
            raise  # our request is wrong, or Telegram still says wait: sending it again will not help
        except NetworkError:  # timeouts, connection errors and Telegram's 5xx answers
            if attempt == SEND_ATTEMPTS:
                raise
            await asyncio.sleep(0.5 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


async def quietly(call: Callable[..., T], *args: Any) -> T | None:
    """A bookkeeping write (chat id, message ids): if the database is down the turn goes on."""
    try:
        return await run_in_threadpool(call, *args)
    except SQLAlchemyError as error:
        logger.error("telegram bookkeeping failed (%s)", type(error).__name__)
        return None


class TelegramChannel:
    def __init__(self, chat: ChatService, store: Store) -> None:
        self.chat, self.store = chat, store
        self.failed: dict[int, int] = {}  # update_id -> failed attempts
        self._failing: set[int] = set()
        self._taken: set[int] = set()  # updates whose turn reached the engine in this run
        # After /delete: message ids the person may still ask us to delete (memory only).
        self.deletable: dict[str, tuple[float, list[int], str]] = {}  # who -> (offered at, ids, language)

    # --- wiring ----------------------------------------------------------------------------
    def install(self, application: Application) -> None:
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        application.add_handler(MessageHandler(private & filters.TEXT, self.on_text))
        application.add_handler(MessageHandler(private & ~filters.TEXT, self.on_other))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(
            MessageHandler(~filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE, self.on_group)
        )
        application.add_error_handler(self.on_error)

    async def register_commands(self, bot: Bot) -> None:
        """The command menu, described in each of the six languages (English by default)."""
        for language in LANGUAGES:
            commands = [
                BotCommand(name, self.chat.notice(f"telegram_command_{name}", language)["text"])
                for name in COMMANDS
            ]
            await retrying(
                lambda c=commands, lang=language: bot.set_my_commands(
                    c, language_code=None if lang == "en" else lang
                )
            )

    async def process(self, application: Application, item: Pending) -> bool:
        """Handle one stored update. False: it failed before its turn reached the engine, so it
        stays pending and is tried again; an update whose turn was taken is never run twice."""
        update = self._readable(application, item)
        if update is None:
            await run_in_threadpool(self.store.handled, item.update_id)
            return True
        if item.started:  # taken by the engine before a crash: say so rather than run it again
            await self.tell_interrupted(application.bot, update)
            await run_in_threadpool(self.store.handled, item.update_id)
            return True
        self._failing.discard(item.update_id)
        await application.process_update(update)
        if item.update_id in self._failing and item.update_id not in self._taken:
            self.failed[item.update_id] = self.failed.get(item.update_id, 0) + 1
            if self.failed[item.update_id] < FAILED_ATTEMPTS:
                return False
            logger.error("update dropped after %d failed attempts", FAILED_ATTEMPTS)
        elif item.update_id in self._failing:
            logger.error("a reply could not be delivered; its turn is not run again")
        self.failed.pop(item.update_id, None)
        self._taken.discard(item.update_id)
        await run_in_threadpool(self.store.handled, item.update_id)
        return True

    @staticmethod
    def _readable(application: Application, item: Pending) -> Update | None:
        if item.data is None:
            return None
        try:
            return Update.de_json(item.data, application.bot)
        except Exception as error:  # not an update PTB can read: nothing to answer
            logger.error("unreadable update dropped (%s)", type(error).__name__)
            return None

    async def tell_interrupted(self, bot: Bot, update: Update) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or chat.type != "private":
            return
        language = await self.chat.language_of(
            CHANNEL, str(user.id) if user else "", user.language_code if user else None
        )
        with contextlib.suppress(TelegramError):
            await self.send(
                bot, chat.id, self._who(chat.id), [self.chat.notice("telegram_interrupted", language)]
            )

    async def take_turn(self, update: Update) -> None:
        """The engine is about to get this update: mark it, so a crash never runs it twice."""
        self._taken.add(update.update_id)
        await quietly(self.store.started, update.update_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # The type only: a traceback or the update could quote what the person wrote.
        logger.error("handling an update failed: %s", type(context.error).__name__)
        if isinstance(update, Update):
            self._failing.add(update.update_id)

    # --- incoming --------------------------------------------------------------------------
    def _who(self, user_id: int) -> str:
        return pseudonym(self.chat.hmac_key, CHANNEL, str(user_id))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        who = self._who(user.id)
        await quietly(self.store.remember_messages, who, [message.message_id])
        await self.turn(context.bot, update, message.chat_id, who, text=message.text)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        with contextlib.suppress(TelegramError):  # stops the button's spinner; not essential
            await retrying(query.answer)
        message = query.message if isinstance(query.message, Message) else None
        if message is None:
            return
        who = self._who(user.id)
        if query.data in (render.DELETE_MESSAGES, render.KEEP_MESSAGES):
            await self.on_deletion_choice(context.bot, message, who, user.language_code, query.data)
            return
        press = render.read_callback(query.data)
        offered = await self.chat.offered(CHANNEL, str(user.id)) if press else []
        payload = render.payload_for(press, offered) if press else None
        latest = await quietly(self.store.keyboard_of, who)
        if latest is not None and latest != message.message_id:
            payload = None  # the same buttons on an older question ('Yes'/'No') are not these
        title = next(
            (
                b.text
                for row in (message.reply_markup.inline_keyboard if message.reply_markup else ())
                for b in row
                if b.callback_data == query.data
            ),
            "",
        )
        await self.close_keyboard(message, title if payload else "")
        if payload is None:  # a button from an earlier question: say so, change nothing
            if not self.chat.limiter.allow(who):
                return  # a flood of old buttons gets no answer at all
            language = await self.chat.language_of(CHANNEL, str(user.id), user.language_code)
            await self.send(
                context.bot, message.chat_id, who, [self.chat.notice("gateway_stale_button", language)]
            )
            return
        await self.turn(context.bot, update, message.chat_id, who, payload=payload)

    async def turn(
        self,
        bot: Bot,
        update: Update,
        chat_id: int,
        who: str,
        text: str | None = None,
        payload: str | None = None,
    ) -> None:
        """One turn through the engine, typed or pressed, and its reply."""
        user = update.effective_user
        assert user is not None
        await quietly(self.store.remember_chat, who, chat_id)
        await self.take_turn(update)
        async with self.typing(bot, chat_id):
            result = await self.chat.handle(
                CHANNEL, str(user.id), text=text, payload=payload, language_hint=user.language_code
            )
        await self.reply(bot, chat_id, who, result)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Photos, voice, files, stickers: the bot reads text only (documents go to an adviser)."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        who = self._who(user.id)
        await quietly(self.store.remember_messages, who, [message.message_id])
        if not self.chat.limiter.allow(who):
            return  # a flood of stickers gets no answer at all
        language = await self.chat.language_of(CHANNEL, str(user.id), user.language_code)
        await self.send(context.bot, message.chat_id, who, [self.chat.notice("telegram_text_only", language)])

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Never in a group, where others would read: say so once, then leave it."""
        message, user = update.effective_message, update.effective_user
        if message is None:
            return
        language = normalise_language(user.language_code if user else None)
        notice = self.chat.notice("telegram_private_only", language)
        with contextlib.suppress(TelegramError):
            await retrying(
                lambda: context.bot.send_message(
                    message.chat_id, render.as_html(notice["text"]), parse_mode=ParseMode.HTML
                )
            )
            await retrying(lambda: context.bot.leave_chat(message.chat_id))

    # --- /delete: the chat's own messages ---------------------------------------------------
    async def offer_deletion(self, bot: Bot, chat_id: int, who: str, language: str, also: list[int]) -> None:
        """After an erase: delete the chat's messages too? The ids are now held in memory only."""
        ids = (await quietly(self.store.take_messages, who) or []) + also
        offer = self.chat.notice("telegram_delete_messages_offer", language)
        now = time.monotonic()
        for old in [k for k, (at, _, _) in self.deletable.items() if now - at > OFFER_KEPT_SECONDS]:
            del self.deletable[old]  # expired offers: their ids are not kept longer than needed
        self.deletable[who] = (now, ids, language)
        keyboard = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(title, callback_data=data)]
                for title, data in (
                    (
                        self.chat.notice("telegram_delete_messages_yes", language)["text"],
                        render.DELETE_MESSAGES,
                    ),
                    (self.chat.notice("telegram_delete_messages_no", language)["text"], render.KEEP_MESSAGES),
                )
            ]
        )
        sent = await retrying(
            lambda: bot.send_message(
                chat_id, render.as_html(offer["text"]), parse_mode=ParseMode.HTML, reply_markup=keyboard
            )
        )
        ids.append(sent.message_id)

    async def on_deletion_choice(
        self, bot: Bot, message: Message, who: str, hint: str | None, choice: str | None
    ) -> None:
        if not self.chat.limiter.allow(who):
            return
        at, ids, language = self.deletable.pop(who, (0.0, [], ""))
        language = language or normalise_language(hint)
        await self.close_keyboard(message, "")
        if choice == render.DELETE_MESSAGES and time.monotonic() - at <= OFFER_KEPT_SECONDS and ids:
            for start in range(0, len(ids), 100):  # at most 100 a call
                with contextlib.suppress(BadRequest):  # older than 48 hours: Telegram refuses
                    await retrying(lambda s=start: bot.delete_messages(message.chat_id, ids[s : s + 100]))
            name = "telegram_messages_deleted"
        elif choice == render.DELETE_MESSAGES:
            name = "telegram_messages_not_deletable"
        else:
            name = "telegram_messages_kept"
        # The person's data is gone: this notice's id is not kept either.
        await self.send(bot, message.chat_id, who, [self.chat.notice(name, language)], remember=False)

    # --- outgoing --------------------------------------------------------------------------
    async def reply(self, bot: Bot, chat_id: int, who: str, result: TurnResult) -> None:
        sent = await self.send(bot, chat_id, who, result.messages, remember=not result.erased)
        if result.erased:
            await self.offer_deletion(bot, chat_id, who, result.language, sent)

    async def send(
        self, bot: Bot, chat_id: int, who: str, messages: list[dict[str, Any]], remember: bool = True
    ) -> list[int]:
        sent: list[int] = []
        for part in render.outgoing(messages):
            markup = (
                InlineKeyboardMarkup(
                    [
                        [InlineKeyboardButton(title, callback_data=data) for title, data in row]
                        for row in part.buttons
                    ]
                )
                if part.buttons
                else None
            )
            message = await retrying(
                lambda p=part, m=markup: bot.send_message(
                    chat_id,
                    p.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=m,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
            )
            sent.append(message.message_id)
            if markup is not None and remember:
                await self.newest_keyboard(bot, chat_id, who, message.message_id)
        # After an erase the ids are not kept: the deletion offer takes what it needs.
        await quietly(self.store.remember_messages, who, sent if remember else [])
        return sent

    async def newest_keyboard(self, bot: Bot, chat_id: int, who: str, message_id: int) -> None:
        """Only the newest keyboard can be pressed: take the buttons off the one before."""
        previous = await quietly(self.store.swap_keyboard, who, message_id)
        if previous and previous != message_id:
            with contextlib.suppress(TelegramError):
                await retrying(lambda: bot.edit_message_reply_markup(chat_id, previous, reply_markup=None))

    async def close_keyboard(self, message: Message, title: str) -> None:
        """Take the buttons off a pressed message, marking the choice when there is one."""
        if title and message.text:
            try:
                await retrying(
                    lambda: message.edit_text(
                        render.chosen(message.text or "", title), parse_mode=ParseMode.HTML, reply_markup=None
                    )
                )
                return
            except (BadRequest, Forbidden):  # too long with the mark, or too old: just the buttons
                pass
        with contextlib.suppress(BadRequest, Forbidden):  # already edited, or too old to edit
            await retrying(lambda: message.edit_reply_markup(reply_markup=None))

    @contextlib.asynccontextmanager
    async def typing(self, bot: Bot, chat_id: int) -> AsyncIterator[None]:
        """'typing…' in the chat while the engine works (renewed, as Telegram shows it 5 s)."""

        async def keep_typing() -> None:
            while True:
                with contextlib.suppress(TelegramError):
                    await bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(TYPING_EVERY_SECONDS)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
