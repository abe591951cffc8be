"""DATABASE_URL switches the whole bot, tracker store included, to PostgreSQL."""

import pytest
import sqlalchemy as sa

from tests.conftest import Bot, wait_until

pytestmark = pytest.mark.integration
CANARY = "CANARY-pg-51c2"


def test_the_bot_runs_on_postgresql(postgres, tmp_path_factory):
    bot = Bot(tmp_path_factory.mktemp("var-pg"), DATABASE_URL=postgres.url)
    try:
        wait_until(bot.ready, timeout=180, what="the bot on PostgreSQL")
        session, body = bot.start_session()
        menu = bot.say(session, payload=body["messages"][0]["buttons"][0]["payload"])
        assert menu.json()["messages"][0]["text"] == "What would you like to do?"
        assert bot.say(session, text=f"I was detained {CANARY}").status_code == 200

        engine = sa.create_engine(postgres.url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as db:
            assert db.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0002"
            (pseudonym,) = db.execute(sa.text("SELECT pseudonym FROM conversations")).one()
            events = db.execute(sa.text("SELECT sender_id, data FROM events")).all()
        assert len(pseudonym) == 64 and session not in pseudonym
        assert events and {sender for sender, _ in events} == {pseudonym}
        assert not any(CANARY in data for _, data in events)

        bot.say(session, text="delete my data")
        assert bot.say(session, payload="/affirm").json()["erased"] is True
        with engine.connect() as db:
            assert db.scalar(sa.text("SELECT count(*) FROM conversations")) == 0
            assert db.scalar(sa.text("SELECT count(*) FROM events")) == 0
        engine.dispose()
        assert not list(bot.var_dir.glob("*.db"))  # nothing fell back to SQLite
    finally:
        bot.stop()
