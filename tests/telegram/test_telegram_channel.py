"""The Telegram channel's own behaviour: menus, old buttons, groups, media, limits, retries, /delete."""

from __future__ import annotations

import sqlite3
import time

from bot.pseudonym import pseudonym
from bot.secrets import load_or_create
from tests.conftest import wait_until
from tests.telegram.fake_bot_api import Person

CANARY = "CANARY-tg-51c3"


def test_the_command_menu_is_set_in_the_six_languages(telegram):
    calls = telegram.api.called("setMyCommands")[:6]
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_language) == {None, "fr", "es", "ru", "ar", "zh"}
    for commands in by_language.values():
        assert [c["command"] for c in commands] == ["start", "language", "restart", "help", "human", "delete"]
    assert by_language[None][5]["description"] != by_language["fr"][5]["description"]


def test_an_old_keyboard_cannot_be_replayed_into_a_later_question(telegram, person):
    person.turn(lambda: person.write("/start"))
    first_call, first_buttons = person.keyboard()
    person.turn(lambda: person.press("English", first_call, first_buttons))
    closed = telegram.api.called("editMessageText", chat_id=person.id)
    assert closed and "✓ English" in closed[-1].params["text"] and not closed[-1].params.get("reply_markup")
    replies = person.turn(lambda: person.press("Français", first_call, first_buttons))  # the old keyboard
    assert "earlier question" in replies[-1].params["text"]
    assert not any("Bonjour" in r.params["text"] for r in replies)
    assert len(telegram.api.called("answerCallbackQuery")) >= 2  # every press is answered


def test_the_same_buttons_on_an_older_question_do_not_answer_the_newer_one(telegram, person):
    person.turn(lambda: person.write("/start"))
    person.turn(lambda: person.press("English"))
    person.turn(lambda: person.write("/help"))
    older, older_buttons = person.keyboard()
    person.turn(lambda: person.write("/help"))  # the same menu again: the same buttons
    _, newer_buttons = person.keyboard()
    assert [b["text"] for b in older_buttons] == [b["text"] for b in newer_buttons]
    removed = telegram.api.called("editMessageReplyMarkup", chat_id=person.id)
    assert older.result["message_id"] in [int(c.params["message_id"]) for c in removed]
    replies = person.turn(lambda: person.press("Delete my data", older, older_buttons))
    assert "earlier question" in replies[-1].params["text"]


def test_a_group_gets_a_short_refusal_and_the_bot_leaves(telegram, api):
    group = {"id": -100222333, "type": "supergroup", "title": "Family"}
    sender = {"id": 880999001, "is_bot": False, "first_name": "Ali", "language_code": "es"}
    api.push(
        {
            "message": {
                "message_id": 5,
                "date": int(time.time()),
                "chat": group,
                "from": sender,
                "text": f"hola {CANARY}",
            }
        }
    )
    wait_until(lambda: api.called("leaveChat", chat_id=group["id"]), timeout=30, interval=0.1, what="leaving")
    [refusal] = api.sent_to(group["id"])
    assert "privado" in refusal.params["text"] or "privad" in refusal.params["text"]


def test_a_photo_gets_a_kind_text_only_reply_in_the_persons_language(telegram, api):
    person = Person(api, 880999002, language_code="fr")
    replies = person.turn(person.send_photo)
    assert len(replies) == 1 and "texte" in replies[0].params["text"]


def test_an_oversized_message_is_refused_kindly_and_the_channel_goes_on(telegram, person):
    person.turn(lambda: person.write("/start"))
    replies = person.turn(lambda: person.write("x" * 4500))
    assert "too long" in replies[-1].params["text"]
    assert person.turn(lambda: person.write("/help"))


def test_telegram_429_and_5xx_are_retried_and_nothing_is_lost(telegram, person):
    api = telegram.api
    api.fail("sendMessage", 429, times=3, retry_after=1)  # three 429s in a row are waited out
    api.fail("sendMessage", 502, times=1)
    before = len(api.called("sendMessage"))
    started = time.monotonic()
    replies = person.turn(lambda: person.write("/start"))
    assert replies and replies[0].params["text"].startswith("Hello")
    attempts = api.called("sendMessage")[before:]
    assert len(attempts) >= 5 and time.monotonic() - started >= 3.0  # waited each retry_after


def test_a_flood_is_slowed_down_and_the_person_can_go_on_afterwards(telegram, person):
    person.turn(lambda: person.write("/start"))
    for number in range(30):
        person.write(f"message {number}")
    wait_until(
        lambda: any("faster than I can read" in t for t in person.texts()),
        timeout=60,
        interval=0.2,
        what="the slow-down notice",
    )
    time.sleep(3)
    assert person.turn(lambda: person.write("/help"))


def test_delete_erases_everything_then_offers_to_delete_the_chat_messages(telegram, bot, person):
    person.turn(lambda: person.write("/start"))
    person.turn(lambda: person.press("English"))
    person.turn(lambda: person.write(f"the police beat me {CANARY}"))
    keys = load_or_create(bot.var_dir)
    who = pseudonym(keys.hmac_key, "telegram", str(person.id))
    database = bot.var_dir / "treaty.db"

    def rows(table: str) -> int:
        with sqlite3.connect(database) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table} WHERE pseudonym = ?", (who,)).fetchone()[0]

    assert rows("conversations") == 1 and rows("telegram_chats") == 1 and rows("telegram_messages") > 0
    for path in (database, bot.var_dir / "tracker.db"):
        data = path.read_bytes()
        assert str(person.id).encode() not in data and CANARY.encode() not in data
    for log in (bot.log_path, telegram.log_path):
        text = log.read_text()
        assert str(person.id) not in text and CANARY not in text

    confirm = person.turn(lambda: person.write("/delete"))
    assert "cannot be" in confirm[-1].params["text"]
    deleted = person.turn(lambda: person.press("Yes, delete everything"))
    assert "has been deleted" in deleted[0].params["text"]
    assert "48 hours" in deleted[-1].params["text"]
    assert rows("conversations") == 0 and rows("telegram_chats") == 0 and rows("telegram_messages") == 0
    with sqlite3.connect(bot.var_dir / "tracker.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (who,)).fetchone()[0] == 0

    ours = [c.result["message_id"] for c in person.replies()]
    explained = person.turn(lambda: person.press("Delete the messages"))
    [call] = telegram.api.called("deleteMessages", chat_id=person.id)
    removed = set(call.params["message_ids"])
    assert set(ours) <= removed and 2 in removed  # the bot's messages and the person's own
    assert "Auto-delete" in explained[-1].params["text"] and "Clear history" in explained[-1].params["text"]
