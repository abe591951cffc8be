"""Pure rules for one turn: what a person may send, and what of the engine's answer they see.

No network or database here, so every rule is unit-tested without a server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.triage.answers import start_over_words

MAX_MESSAGE_CHARS = 4000
LEADING_SLASHES = re.compile(r"^[\s/]+")
SURROGATES = re.compile("[\ud800-\udfff]")

# Commands people type on Telegram (and may type anywhere) -> the engine's intents.
COMMANDS = {
    "/start": "/greet",
    "/language": "/greet",
    "/help": "/show_menu",
    "/menu": "/show_menu",
    "/human": "/human",
    "/delete": "/delete_data",
    "/restart": "/restart",
}


@dataclass(frozen=True)
class Rejected:
    """Input the gateway answers itself, without the engine."""

    reply: str  # a reply name in dialogues/replies.yml
    values: dict[str, Any] = field(default_factory=dict)


# 'start over', 'empezar de nuevo': a message this short that says so is the /restart command
# (characters count too: Chinese has no spaces).
START_OVER_MAX_WORDS = 4
START_OVER_MAX_CHARS = 40


def engine_message(
    text: str | None, payload: str | None, offered: list[str], language: str = "en"
) -> str | Rejected:
    """The message to hand to the engine, or why the gateway answers itself.

    A button press must be one of the buttons last offered (no replaying old keyboards,
    no forged intents); typed text can never smuggle in an intent payload.
    """
    if payload is not None:
        return payload if payload in offered else Rejected("gateway_stale_button")
    text = (text or "").strip()
    if not text:
        return Rejected("gateway_empty_message")
    if SURROGATES.search(text):  # cannot be encoded: a broken client or a hostile one
        return Rejected("gateway_bad_request")
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejected("gateway_too_long", {"length": len(text), "limit": MAX_MESSAGE_CHARS})
    command = text.split()[0].split("@")[0].lower()
    if command in COMMANDS:
        return COMMANDS[command]
    short = len(text.split()) <= START_OVER_MAX_WORDS and len(text) <= START_OVER_MAX_CHARS
    if short and start_over_words(text, language):
        return "/restart"
    # Rasa reads a message starting with '/' as an intent: typed text must never be one,
    # however many slashes and spaces precede it ('/ /affirm').
    plain = LEADING_SLASHES.sub("", text)
    return plain if plain else Rejected("gateway_empty_message")


@dataclass
class EngineAnswer:
    messages: list[dict[str, Any]]
    offered: list[str]
    language: str | None = None
    erase: bool = False


def read_engine_answer(raw: list[dict[str, Any]]) -> EngineAnswer:
    """Split the engine's output into what the person sees and instructions for the gateway."""
    answer = EngineAnswer(messages=[], offered=[])
    for item in raw:
        custom = item.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("gateway"), dict):
            signal = custom["gateway"]
            if isinstance(signal.get("set_language"), str):
                answer.language = signal["set_language"]
            if signal.get("erase_conversation") is True:
                answer.erase = True
            continue
        message: dict[str, Any] = {}
        if isinstance(item.get("text"), str):
            message["text"] = item["text"]
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in item.get("buttons") or []
            if isinstance(b, dict) and b.get("payload")
        ]
        if buttons:
            message["buttons"] = buttons
            answer.offered.extend(b["payload"] for b in buttons)
        if message:
            answer.messages.append(message)
    return answer
