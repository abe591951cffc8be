"""How replies look on Telegram: escaped HTML, parts within Telegram's limit, safe callback data."""

from __future__ import annotations

import html

from bot.telegram import render


def test_a_long_reply_is_cut_at_paragraphs_and_every_part_fits_once_escaped():
    paragraph = "The committee can examine a complaint only after domestic remedies are exhausted. " * 12
    text = "\n\n".join([paragraph.strip()] * 8)
    parts = render.split(text)
    assert len(parts) > 1
    assert all(len(render.as_html(p)) <= render.MAX_TEXT for p in parts)
    assert all(p.endswith(".") for p in parts)  # cut at a paragraph or sentence end
    assert " ".join(parts).replace("\n\n", " ") == text.replace("\n\n", " ")


def test_markup_characters_are_counted_escaped_and_an_unbroken_word_is_cut():
    parts = render.split("<" * 5000)
    assert all(len(render.as_html(p)) <= render.MAX_TEXT for p in parts)
    assert "".join(parts) == "<" * 5000


def test_html_and_markdown_in_a_reply_are_shown_as_text():
    hostile = '<b>bold</b> <a href="http://x">x</a> *star* _under_ &amp; <script>alert(1)</script>'
    [message] = render.outgoing([{"text": hostile}])
    assert "<" not in message.html.replace("&lt;", "")
    assert html.unescape(message.html) == hostile


def test_buttons_go_on_the_last_part_and_carry_no_payload():
    payload = '/inform{"state": "Bosnia and Herzegovina", "letter": "B", "more": "' + "x" * 80 + '"}'
    messages = [
        {
            "text": "a " * 3000,
            "buttons": [{"title": "Yes", "payload": payload}, {"title": "No", "payload": "/deny"}],
        }
    ]
    parts = render.outgoing(messages)
    assert len(parts) == 2 and not parts[0].buttons
    datas = [row[0][1] for row in parts[1].buttons]
    assert all(len(d.encode()) <= 64 and "inform" not in d for d in datas)
    offered = [payload, "/deny"]
    assert [render.payload_for(render.read_callback(d), offered) for d in datas] == offered


def test_an_old_keyboard_or_forged_data_stands_for_nothing():
    old = render.callback_data(["/affirm", "/deny"], 0)
    assert render.payload_for(render.read_callback(old), ["/choose_a", "/choose_b"]) is None
    assert render.read_callback("/affirm") is None
    assert render.read_callback("b:zzzzzzzz:0") is None
    press = render.read_callback(render.callback_data(["/affirm"], 0))
    assert render.payload_for(render.Press(press.keyboard, 5), ["/affirm"]) is None
