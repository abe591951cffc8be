"""Secrets are generated once into var/secrets, private, stable, and never printed."""

import base64
import stat

import pytest

from bot import secrets
from bot.config import ConfigError


def test_generated_on_first_run_private_and_stable(var_dir):
    first = secrets.load_or_create(var_dir, environ={})
    second = secrets.load_or_create(var_dir, environ={})
    assert first == second
    assert len({first.hmac_key, first.encryption_key, first.rasa_jwt_secret}) == 3
    folder = var_dir / "secrets"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert repr(first) == "Secrets()"  # never printed, even by accident


def test_environment_overrides_and_short_keys_are_refused(var_dir):
    key = base64.urlsafe_b64encode(b"k" * 32).decode()
    loaded = secrets.load_or_create(var_dir, environ={"BOT_HMAC_KEY": key})
    assert loaded.hmac_key == b"k" * 32
    with pytest.raises(ConfigError, match="BOT_ENCRYPTION_KEY must hold at least 32"):
        secrets.load_or_create(var_dir, environ={"BOT_ENCRYPTION_KEY": "c2hvcnQ"})
