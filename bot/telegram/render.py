"""What the bot's replies look like on Telegram. Pure functions: no network, no database.

Replies are sent with parse_mode HTML, so every text is escaped here and nothing a person or
a translation contains can turn into markup. Callback data carries no payload, only a short
fingerprint of the keyboard and the button's place in it: a payload may be longer than
Telegram's 64 bytes, and an old keyboard cannot be replayed into a later question because its
fingerprint no longer matches what was last offered.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import Any

MAX_TEXT = 4096  # characters of a message after entity parsing (Bot API sendMessage)
MAX_CALLBACK = 64  # bytes of callback_data
BUTTON_PREFIX = "b"
DELETE_MESSAGES = "tg:delete-messages"
KEEP_MESSAGES = "tg:keep-messages"
# Cut a long reply at the last paragraph break, else line break, else sentence end, else space.
CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?。！？])\s*"), re.compile(r"\s"))


def split(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Parts of at most `limit` characters once escaped, cut where a reader expects a break."""
    parts: list[str] = []
    rest = text.strip()
    while len(html.escape(rest, quote=False)) > limit:
        window = _fitting(rest, limit)
        cut = 0
        for pattern in CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        cut = cut or len(window)  # one unbroken word: cut it
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest or not parts:
        parts.append(rest)
    return parts


def _fitting(text: str, limit: int) -> str:
    """The longest prefix whose escaped form fits (escaping '<' makes it four characters)."""
    size, used = 0, 0
    for char in text:
        width = len(html.escape(char, quote=False))
        if used + width > limit:
            break
        used += width
        size += 1
    return text[:size]


def as_html(text: str) -> str:
    return html.escape(text, quote=False)


def fingerprint(offered: list[str]) -> str:
    """Eight hex digits naming one set of offered buttons."""
    return hashlib.sha256(json.dumps(offered, ensure_ascii=False).encode()).hexdigest()[:8]


def callback_data(offered: list[str], index: int) -> str:
    data = f"{BUTTON_PREFIX}:{fingerprint(offered)}:{index}"
    assert len(data.encode()) <= MAX_CALLBACK
    return data


@dataclass(frozen=True)
class Press:
    keyboard: str  # the fingerprint of the keyboard the button was on
    index: int


def read_callback(data: str | None) -> Press | None:
    """A button of ours, or None for anything else (forged or from an older version)."""
    match = re.fullmatch(rf"{BUTTON_PREFIX}:([0-9a-f]{{8}}):(\d{{1,3}})", data or "")
    return Press(match.group(1), int(match.group(2))) if match else None


def payload_for(press: Press, offered: list[str]) -> str | None:
    """The payload a press stands for, if its keyboard is still the one last offered."""
    if press.keyboard != fingerprint(offered) or press.index >= len(offered):
        return None
    return offered[press.index]


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message: HTML text and, on the last part of a reply, its buttons."""

    html: str
    buttons: list[list[tuple[str, str]]]  # rows of (title, callback_data)


def outgoing(messages: list[dict[str, Any]]) -> list[Outgoing]:
    """The Telegram messages for one turn's replies; buttons keep the turn's order."""
    offered = [b["payload"] for m in messages for b in m.get("buttons") or []]
    result: list[Outgoing] = []
    index = 0
    for message in messages:
        parts = split(str(message.get("text") or "")) if message.get("text") else ["…"]
        rows = []
        for button in message.get("buttons") or []:
            rows.append([(str(button["title"]), callback_data(offered, index))])
            index += 1
        for number, part in enumerate(parts):
            result.append(Outgoing(as_html(part), rows if number == len(parts) - 1 else []))
    return result


def chosen(original: str, title: str) -> str:
    """The pressed message, marked with the choice so the chat shows what was answered."""
    return as_html(f"{original}\n\n✓ {title}")
