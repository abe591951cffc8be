"""Pseudonymous conversation ids: the only id Rasa, the database and logs ever see."""

from __future__ import annotations

import hashlib
import hmac


def pseudonym(hmac_key: bytes, channel: str, user_id: str) -> str:
    """HMAC-SHA256 of channel and user id, hex. Stable per person, irreversible without the key."""
    message = f"{channel}\x00{user_id}".encode()
    return hmac.new(hmac_key, message, hashlib.sha256).hexdigest()
