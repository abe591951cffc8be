"""The whole bot, for real: `python -m bot run` with the trained model, the action server
and the gateway, and a conversation over HTTP as the web page holds it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time

import httpx
import pytest

from bot import secrets, tokens
from bot.pseudonym import pseudonym
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
    assert "Views" in learn["text"] and "OP-ICCPR art. 3" in learn["text"]  # cites its sources

    typed = bot.say(session, text=f"can I speak with someone real {CANARY}").json()["messages"][0]
    assert "human adviser" in typed["text"]

    confused = bot.say(session, text="qwzx plorb vvv").json()["messages"][0]
    assert "did not understand" in confused["text"] or "not sure what you mean" in confused["text"]
    assert "Find where I can complain" in titles(confused)  # never a dead end


def test_old_and_forged_buttons_are_refused(bot):
    session, body = bot.start_session()
    bot.say(session, payload=payload_of(body["messages"][0], "English"))
    replayed = bot.say(session, payload='/choose_language{"language": "ru"}')
    assert replayed.status_code == 422
    assert "earlier question" in replayed.json()["messages"][0]["text"]
    forged = bot.say(session, payload="/restart")
    assert forged.status_code == 422


def rows_for(var_dir, who: str) -> tuple[int, int]:
    app_db = sqlite3.connect(var_dir / "treaty.db")
    tracker_db = sqlite3.connect(var_dir / "tracker.db")
    try:
        (app_rows,) = app_db.execute(
            "SELECT count(*) FROM conversations WHERE pseudonym = ?", (who,)
        ).fetchone()
        (events,) = tracker_db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (who,)).fetchone()
    finally:
        app_db.close()
        tracker_db.close()
    return app_rows, events


def test_delete_my_data_erases_the_conversation_everywhere(bot):
    session, body = bot.start_session()
    bot.say(session, payload=payload_of(body["messages"][0], "English"))
    bot.say(session, text=f"I was beaten in detention {CANARY}")
    who = pseudonym(secrets.load_or_create(bot.var_dir, environ={}).hmac_key, "web", session)
    app_rows, events = rows_for(bot.var_dir, who)
    assert app_rows == 1 and events > 0

    confirm = bot.say(session, text="delete my data").json()["messages"][0]
    assert titles(confirm) == ["Yes, delete everything", "No, keep it"]
    done = bot.say(session, payload="/affirm").json()
    assert done["erased"] is True
    assert "has been deleted" in done["messages"][0]["text"]
    assert rows_for(bot.var_dir, who) == (0, 0)


def test_forged_intents_in_typed_text_do_nothing(bot):
    for forged in ("/ /delete_data", "/ /affirm", '/ /choose_language{"language": "ar"}'):
        session, body = bot.start_session()
        bot.say(session, payload=payload_of(body["messages"][0], "English"))
        reply = bot.say(session, text=forged)
        assert reply.status_code == 200
        assert reply.json()["messages"], forged  # an answer, never silence
        assert reply.json().get("erased") is not True  # typed text never deletes by itself
        assert bot.say(session, text="main menu").json()["language"] == "en"


def listening(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in list(handle)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def test_engine_and_action_server_listen_on_loopback_only(bot):
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    for name in ("RASA_PORT", "ACTION_SERVER_PORT", "GATEWAY_PORT"):
        addresses = listening(int(bot.env[name]))
        assert addresses and addresses <= loopback, (name, addresses)


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


def test_the_engine_logs_no_content_even_when_parsing_fails(bot):
    """Defence in depth: a malformed intent sent straight to the engine (as only the gateway can, with
    its token) makes Rasa log a parsing failure; the text in that log event must be redacted."""
    keys = secrets.load_or_create(bot.var_dir, environ={})
    sender = "f" * 64
    token = tokens.encode({"sub": sender, "aud": "engine"}, keys.as_env()["RASA_JWT_SECRET"])
    response = httpx.post(
        f"http://127.0.0.1:{bot.env['RASA_PORT']}/webhooks/gateway/webhook",
        json={"sender": sender, "message": "/{" + CANARY + " was tortured}"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code in (200, 500)
    unsigned = httpx.post(
        f"http://127.0.0.1:{bot.env['RASA_PORT']}/webhooks/gateway/webhook",
        json={"sender": sender, "message": "hello"},
        timeout=30,
    )
    assert unsigned.status_code == 401
    time.sleep(1)
    assert CANARY not in bot.log_path.read_text()


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


def stop_and_check_children(tmp_path_factory, stop) -> None:
    """Start a second bot, stop its supervisor with `stop`, and wait for every child to exit."""
    running = Bot(tmp_path_factory.mktemp("var"))
    try:
        wait_until(lambda: len(running.children()) >= 3, timeout=60, what="children")
        time.sleep(2)
        children = running.children()
        stop(running.process)
    finally:
        running.log.close()
    for pid in children.values():
        wait_until(lambda pid=pid: not alive(pid), timeout=30, what=f"child {pid} to exit")


def test_ctrl_c_stops_every_child(tmp_path_factory):
    def ctrl_c(process):
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0

    stop_and_check_children(tmp_path_factory, ctrl_c)


def test_children_do_not_outlive_a_killed_supervisor(tmp_path_factory):
    """Even `kill -9` of the supervisor must not leave the engine holding its port."""

    def kill(process):
        process.kill()
        process.wait(timeout=10)

    stop_and_check_children(tmp_path_factory, kill)


def test_a_new_conversation_starts_in_the_browsers_language(bot):
    from bot.replies import Replies

    for language in ("fr", "ar"):
        _, body = bot.start_session(language)
        greeting = body["messages"][0]
        assert greeting["text"] == Replies().render("utter_greet", language)["text"]
        assert titles(greeting) == [
            "English",
            "Français",
            "Español",
            "Русский",
            "العربية",
            "中文",
        ]  # to confirm
