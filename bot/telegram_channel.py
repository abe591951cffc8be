"""Telegram channel (python-telegram-bot 22), long polling.

A thin relay: each private-chat text or button press becomes one ChatService turn, keyed
by the HMAC pseudonym of the Telegram user id; replies come back with inline keyboards.
The full channel (webhooks, deduplication, /delete of chat messages, media) is built on
this seam later.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.app_factory import build_chat
from bot.chat import ChatService, TurnResult
from bot.config import Settings
from bot.secrets import Secrets


async def _reply(update: Update, result: TurnResult) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    for message in result.messages:
        buttons = message.get("buttons") or []
        markup = (
            InlineKeyboardMarkup(
                [[InlineKeyboardButton(b["title"], callback_data=b["payload"][:64])] for b in buttons]
            )
            if buttons
            else None
        )
        await chat.send_message(message.get("text") or "…", reply_markup=markup)


def build_application(settings: Settings, secrets: Secrets, chat: ChatService) -> Application:
    assert settings.telegram_bot_token
    application = Application.builder().token(settings.telegram_bot_token).build()

    async def on_text(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None or message.text is None:
            return
        result = await chat.handle(
            "telegram", str(user.id), text=message.text, language_hint=user.language_code
        )
        await _reply(update, result)

    async def on_button(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=None)  # old buttons cannot be replayed
        result = await chat.handle(
            "telegram", str(user.id), payload=query.data, language_hint=user.language_code
        )
        await _reply(update, result)

    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_button))

    async def refuse_groups(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat and update.effective_chat.type != ChatType.PRIVATE:
            await update.effective_chat.send_message(
                "I only talk in private chats, to protect the people who write to me."
            )

    application.add_handler(MessageHandler(~private, refuse_groups))
    return application


def run_polling(settings: Settings, secrets: Secrets) -> None:
    application = build_application(settings, secrets, build_chat(settings, secrets))
    application.run_polling(allowed_updates=["message", "callback_query"])
