"""The Telegram channel with the engine or the database down: it stays up and answers kindly."""

from __future__ import annotations

from types import SimpleNamespace

from tests.conftest import bot_env
from tests.telegram.conftest import TelegramProcess
from tests.telegram.fake_bot_api import FakeBotApi, Person


def run_alone(var_dir, **env: str):
    api = FakeBotApi().start()
    process = TelegramProcess(SimpleNamespace(env=bot_env(var_dir, **env)), api, var_dir / "telegram.log")
    return api, process


def test_engine_down_the_person_is_told_to_resend_in_their_language(var_dir):
    api, process = run_alone(var_dir)  # nothing listens on the engine's ports
    try:
        process.wait_ready()
        person = Person(api, 882000001, language_code="es")
        [reply] = person.turn(lambda: person.write("me pegaron en la comisaría"))
        assert "vuelva a enviarlo" in reply.params["text"] or "de nuevo" in reply.params["text"]
    finally:
        process.stop()
        api.stop()
    assert "Traceback" not in (var_dir / "telegram.log").read_text()


def test_database_down_is_a_kind_error_and_the_channel_stays_up(var_dir):
    api, process = run_alone(var_dir, DATABASE_URL="postgresql://nobody:none@127.0.0.1:1/none")
    try:
        process.wait_ready()
        person = Person(api, 882000002)
        [reply] = person.turn(lambda: person.write("hello"))
        assert reply.params["text"].startswith("Something went wrong on our side")
        assert process.process.poll() is None
        assert person.turn(lambda: person.write("/help"))  # and again
    finally:
        process.stop()
        api.stop()
    assert "Traceback" not in (var_dir / "telegram.log").read_text()
