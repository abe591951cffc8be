"""The whole bot, for real: `python -m bot run` with the trained model, the action server
and the gateway, and a conversation over HTTP as the web page holds it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time

import pytest

from tests.conftest import Bot, wait_until

pytestmark = pytest.mark.integration
CANARY = "CANARY-9b1f"  # stands for anything a person might write


def titles(message: dict) -> list[str]:
    return [b["title"] for b in message.get("buttons", [])]


def payload_of(message: dict, title: str) -> str:
    return next(b["payload"] for b in message["buttons"] if b["title"] == title)


def test_start_up_prints_the_url_to_open(bot):
    wait_until(lambda: "Treaty Navigator is ready: open" in bot.log_path.read_text(), timeout=30,
               what="the ready line")  # fmt: skip
    assert f"open {bot.base}/" in bot.log_path.read_text()


def test_first_conversation_greeting_language_menu(bot):
    session, body = bot.start_session()
    greeting = body["messages"][0]
    assert "I am not a lawyer" in greeting["text"]
    assert "Privacy:" in greeting["text"] and "/delete" in greeting["text"]
    assert titles(greeting) == ["English", "Français", "Español", "Русский", "العربية", "中文"]

    response = bot.say(session, payload=payload_of(greeting, "Français"))
    assert response.status_code == 200
    menu = response.json()
    assert menu["language"] == "fr"
    assert menu["messages"][0]["text"] == "Que souhaitez-vous faire ?"
    assert titles(menu["messages"][0]) == [
        "Trouver où porter plainte",
        "Comprendre les plaintes à l'ONU",
        "Parler à une personne",
        "Effacer mes données",
    ]


def test_menu_choices_and_free_text(bot):
    session, body = bot.start_session()
    menu = bot.say(session, payload=payload_of(body["messages"][0], "English")).json()["messages"][0]
    assert titles(menu) == ["Find where I can complain", "Learn how UN complaints work",
                            "Talk to a person", "Delete my data"]  # fmt: skip

    learn = bot.say(session, payload="/learn_complaints").json()["messages"][0]
    assert "Views" in learn["text"] and "Source:" in learn["text"]

    typed = bot.say(session, text=f"can I speak with someone real {CANARY}").json()["messages"][0]
    assert "human adviser" in typed["text"]

    confused = bot.say(session, text="qwzx plorb vvv").json()["messages"][0]
    assert "did not understand" in confused["text"]
    assert "Find where I can complain" in titles(confused)  # never a dead end


def test_old_and_forged_buttons_are_refused(bot):
    session, body = bot.start_session()
    bot.say(session, payload=payload_of(body["messages"][0], "English"))
    replayed = bot.say(session, payload='/choose_language{"language": "ru"}')
    assert replayed.status_code == 422
    assert "earlier question" in replayed.json()["messages"][0]["text"]
    forged = bot.say(session, payload="/restart")
    assert forged.status_code == 422


def test_delete_my_data_erases_the_conversation_everywhere(bot):
    session, body = bot.start_session()
    bot.say(session, payload=payload_of(body["messages"][0], "English"))
    bot.say(session, text=f"I was beaten in detention {CANARY}")
    confirm = bot.say(session, payload="/delete_data").json()["messages"][0]
    assert titles(confirm) == ["Yes, delete everything", "No, keep it"]
    done = bot.say(session, payload="/affirm").json()
    assert done["erased"] is True
    assert "has been deleted" in done["messages"][0]["text"]

    app_db = sqlite3.connect(bot.var_dir / "treaty.db")
    tracker_db = sqlite3.connect(bot.var_dir / "tracker.db")
    try:
        (rows,) = app_db.execute("SELECT count(*) FROM conversations").fetchone()
        senders = {r[0] for r in tracker_db.execute("SELECT DISTINCT sender_id FROM events")}
        assert rows == len(senders)  # the deleted one is gone from both
    finally:
        app_db.close()
        tracker_db.close()


def test_nothing_a_person_wrote_is_stored_or_logged(bot):
    session, body = bot.start_session()
    bot.say(session, payload=payload_of(body["messages"][0], "English"))
    bot.say(session, text=f"the police took my brother {CANARY}")
    for path in bot.var_dir.rglob("*"):
        if path.is_file() and path.suffix != ".log":
            assert CANARY.encode() not in path.read_bytes(), path
    log = bot.log_path.read_text()
    assert CANARY not in log
    assert session not in log
    tracker = sqlite3.connect(bot.var_dir / "tracker.db")
    try:
        senders = {r[0] for r in tracker.execute("SELECT DISTINCT sender_id FROM events")}
    finally:
        tracker.close()
    assert session not in senders and all(len(s) == 64 for s in senders)  # pseudonyms only


def test_a_crashed_action_server_is_restarted_and_the_conversation_goes_on(bot):
    session, body = bot.start_session()
    old_pid = bot.children()["actions"]
    os.kill(old_pid, signal.SIGKILL)
    response = bot.say(session, payload=payload_of(body["messages"][0], "English"))
    if response.status_code == 503:  # unless the supervisor was faster than us
        assert "send it again" in response.json()["messages"][0]["text"]
    wait_until(lambda: bot.children()["actions"] != old_pid, timeout=30, what="a new action server")
    wait_until(bot.ready, timeout=60, what="the action server to answer")
    assert "actions exited with code" in bot.log_path.read_text()
    again = bot.say(session, text="main menu")
    assert again.status_code == 200
    assert again.json()["messages"][0]["text"] == "What would you like to do?"


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_ctrl_c_stops_every_child(tmp_path_factory):
    running = Bot(tmp_path_factory.mktemp("var2"))
    try:
        wait_until(lambda: len(running.children()) >= 3, timeout=60, what="children")
        time.sleep(2)
        children = running.children()
        running.process.send_signal(signal.SIGINT)
        assert running.process.wait(timeout=30) == 0
    finally:
        running.log.close()
    for pid in children.values():
        wait_until(lambda pid=pid: not alive(pid), timeout=15, what=f"child {pid} to exit")
