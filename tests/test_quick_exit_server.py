"""After quick exit, a message still on its way cannot bring the conversation back."""

from __future__ import annotations

import sqlite3

import httpx

from bot.pseudonym import pseudonym
from bot.secrets import load_or_create


def test_a_late_message_after_quick_exit_keeps_nothing(bot):
    session, _ = bot.start_session()
    assert bot.say(session, text="the police beat me").status_code == 200
    assert httpx.post(f"{bot.base}/api/exit", json={"session": session}, timeout=30).status_code == 204
    late = bot.say(session, text="they beat me again")  # sent before leaving, arriving after
    assert late.json()["messages"] == []
    who = pseudonym(load_or_create(bot.var_dir).hmac_key, "web", session)
    with sqlite3.connect(bot.var_dir / "treaty.db") as db:
        assert db.execute("SELECT COUNT(*) FROM conversations WHERE pseudonym = ?", (who,)).fetchone()[0] == 0
    with sqlite3.connect(bot.var_dir / "tracker.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (who,)).fetchone()[0] == 0
