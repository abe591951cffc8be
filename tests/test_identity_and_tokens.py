"""Pseudonyms and the engine's tokens: the two things that keep identities out of Rasa."""

import time

from bot import tokens
from bot.pseudonym import pseudonym


def test_pseudonym_is_stable_keyed_and_hides_the_id():
    a = pseudonym(b"k" * 32, "telegram", "123456789")
    assert a == pseudonym(b"k" * 32, "telegram", "123456789")
    assert a != pseudonym(b"other-key" * 4, "telegram", "123456789")
    assert a != pseudonym(b"k" * 32, "web", "123456789")
    assert "123456789" not in a and len(a) == 64


def test_token_round_trip_and_rejections():
    token = tokens.encode({"sub": "abc", "aud": "engine"}, "secret")
    assert tokens.decode(token, "secret")["sub"] == "abc"
    assert tokens.decode(token, "wrong") is None
    assert tokens.decode(token[:-2] + "xx", "secret") is None
    assert tokens.decode("not.a.token", "secret") is None
    expired = tokens.encode({"sub": "abc"}, "secret", lifetime_s=-1)
    assert tokens.decode(expired, "secret") is None
    assert tokens.bearer({"Authorization": f"Bearer {token}"}) == token
    assert tokens.bearer({"Authorization": "Basic xyz"}) is None
    assert int(time.time()) < tokens.decode(token, "secret")["exp"]
