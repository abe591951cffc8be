"""The bot's three secrets: generated into var/secrets/ on first run, never printed.

- hmac_key: turns a channel's user id into a pseudonym (an HMAC, not a plain hash,
  because small id spaces such as Telegram ids can be brute-forced).
- encryption_key: AES-GCM key for what must be kept but not read (e.g. a chat id).
- rasa_jwt_secret: signs the gateway's requests to the Rasa engine.

Each can be supplied instead through the environment (BOT_HMAC_KEY, BOT_ENCRYPTION_KEY,
RASA_JWT_SECRET) as 32+ random bytes in URL-safe base64, e.g. from a secrets manager.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets as random
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import ConfigError

NAMES = {
    "hmac_key": "BOT_HMAC_KEY",
    "encryption_key": "BOT_ENCRYPTION_KEY",
    "rasa_jwt_secret": "RASA_JWT_SECRET",
}
KEY_BYTES = 32


@dataclass(frozen=True)
class Secrets:
    hmac_key: bytes = field(repr=False)
    encryption_key: bytes = field(repr=False)
    rasa_jwt_secret: bytes = field(repr=False)

    def as_env(self) -> dict[str, str]:
        """The secrets as environment variables, for the child processes only."""
        return {env: _encode(getattr(self, attr)) for attr, env in NAMES.items()}


def _encode(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")


def _decode(name: str, text: str) -> bytes:
    text = text.strip()
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ConfigError(f"{name} must be URL-safe base64") from None
    if len(key) < KEY_BYTES:
        raise ConfigError(f"{name} must hold at least {KEY_BYTES} random bytes (got {len(key)})")
    return key


def load_or_create(var_dir: Path, environ: Mapping[str, str] | None = None) -> Secrets:
    """Read each secret from the environment, else from var/secrets/, else create it there."""
    env = os.environ if environ is None else environ
    folder = var_dir / "secrets"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    values: dict[str, bytes] = {}
    for attr, env_name in NAMES.items():
        if env.get(env_name, "").strip():
            values[attr] = _decode(env_name, env[env_name])
            continue
        path = folder / f"{attr}.key"
        if path.exists():
            values[attr] = _decode(str(path), path.read_text(encoding="ascii"))
            continue
        key = random.token_bytes(KEY_BYTES)
        # O_EXCL: two processes starting at once must not overwrite each other's key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            values[attr] = _decode(str(path), path.read_text(encoding="ascii"))
            continue
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(_encode(key) + "\n")
        values[attr] = key
    return Secrets(**values)
