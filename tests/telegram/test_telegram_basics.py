"""The Telegram channel against a fake Bot API: the real PTB application in its own process."""

from __future__ import annotations


def test_start_greets_with_buttons_as_an_inline_keyboard(telegram, person):
    replies = person.turn(lambda: person.write("/start"))
    assert replies, "no reply to /start"
    assert all(r.params.get("parse_mode") == "HTML" for r in replies)
    _, buttons = person.keyboard()
    assert buttons and all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    assert any(c.params.get("action") == "typing" for c in telegram.api.called("sendChatAction"))
