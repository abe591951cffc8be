"""A flood from one person is slowed at the gateway; the engine never sees it, others go on."""

from __future__ import annotations

import time


def test_a_flood_gets_a_kind_slow_down_and_the_gateway_keeps_serving(bot):
    session, _ = bot.start_session()
    statuses = [bot.say(session, text=f"message {n}") for n in range(40)]
    slowed = [r for r in statuses if r.status_code == 422]
    assert slowed, "forty messages at once were all let through"
    assert "faster than I can read" in slowed[0].json()["messages"][0]["text"]
    other, _ = bot.start_session()
    assert bot.say(other, text="hello").status_code == 200  # someone else is not affected
    time.sleep(3)
    assert bot.say(session, text="hello again").status_code == 200
