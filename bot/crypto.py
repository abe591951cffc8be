"""Sealing what must be kept but never read in bulk (a Telegram chat id, a queued update).

AES-256-GCM with the bot's encryption key (bot/secrets.py). The purpose is bound in as
associated data, so a sealed chat id cannot be passed off as a sealed update.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class Unreadable(Exception):
    """Sealed with another key or for another purpose, or altered."""


def seal(key: bytes, purpose: str, plain: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key[:32]).encrypt(nonce, plain, purpose.encode())


def unseal(key: bytes, purpose: str, sealed: bytes) -> bytes:
    try:
        return AESGCM(key[:32]).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], purpose.encode())
    except (InvalidTag, ValueError):
        raise Unreadable(purpose) from None
