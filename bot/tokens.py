"""Minimal HS256 JSON Web Tokens (RFC 7519), standard library only.

Shared by the gateway (signs) and the engine's input channel (verifies), so it must
run on the engine's Python 3.10 without extra packages. Rasa's own HTTP API accepts
the same tokens through its `--jwt-secret` option.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(payload: dict[str, Any], secret: str, lifetime_s: int = 300) -> str:
    """Sign `payload` (plus `exp`) with HS256."""
    header = {"alg": "HS256", "typ": "JWT"}
    body = {**payload, "exp": int(time.time()) + lifetime_s}
    signing_input = (
        _b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64(json.dumps(body, separators=(",", ":")).encode())
    )
    signature = hmac.new(secret.encode(), signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + _b64(signature)


def decode(token: str, secret: str) -> dict[str, Any] | None:
    """Return the payload of a valid, unexpired HS256 token, else None. Constant-time check."""
    try:
        header_b64, body_b64, signature_b64 = token.split(".")
        header = json.loads(_unb64(header_b64))
        if header.get("alg") != "HS256":
            return None
        expected = hmac.new(
            secret.encode(), f"{header_b64}.{body_b64}".encode("ascii"), hashlib.sha256
        ).digest()
        if not hmac.compare_digest(expected, _unb64(signature_b64)):
            return None
        body = json.loads(_unb64(body_b64))
    except (ValueError, TypeError, AttributeError, UnicodeError):
        return None
    if not isinstance(body, dict) or not isinstance(body.get("exp"), int):
        return None
    if body["exp"] < time.time():
        return None
    return body


def bearer(request_headers: Any) -> str | None:
    """The token of an `Authorization: Bearer …` header, if any."""
    value = request_headers.get("Authorization") or request_headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
