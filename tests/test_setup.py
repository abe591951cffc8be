"""Set-up is idempotent, the dialogue data is valid, and the code is ruff-clean."""

import os
import subprocess

from bot import model
from bot.config import load_settings
from bot.secrets import Secrets
from bot.services import child_specs
from tests.conftest import ROOT


def test_second_setup_reinstalls_and_retrains_nothing():
    """`make run` and `make test` both start with `make setup`; with nothing changed it is a no-op."""
    result = subprocess.run(["make", "setup"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "==>" not in result.stdout + result.stderr  # no environment was (re)built
    assert "training" not in result.stdout + result.stderr
    assert "model up to date" in result.stdout
    assert model.model_path().exists()


def test_python_override_is_checked():
    result = subprocess.run(
        ["make", "PYTHON=/bin/sh", "envs"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "Python 3.10 is needed" in result.stderr


def test_rasa_data_validate_is_clean():
    result = subprocess.run(
        [str(ROOT / ".venv/engine/bin/rasa"), "data", "validate",
         "--data", "dialogues/data", "--domain", "dialogues/domain.yml", "--config", "config.yml"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **model.engine_env()}, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:]
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "UserWarning" in line]
    assert warnings == []


def test_telegram_runs_only_when_a_token_is_set(tmp_path):
    keys = Secrets(b"h" * 32, b"e" * 32, b"j" * 32)
    base = {"VAR_DIR": str(tmp_path)}
    without = load_settings(base, env_file=tmp_path / "none")
    assert [c.name for c in child_specs(without, keys, "m.tar.gz")] == ["engine", "actions", "gateway"]
    token = "123456:" + "A" * 35
    with_token = load_settings({**base, "TELEGRAM_BOT_TOKEN": token}, env_file=tmp_path / "none")
    specs = child_specs(with_token, keys, "m.tar.gz")
    assert [c.name for c in specs][-1] == "telegram"
    for spec in specs:  # secrets travel by environment, never on a command line
        assert not any(token in arg or "RASA_JWT_SECRET" in arg for arg in spec.argv)
    engine = specs[0]
    assert engine.argv[engine.argv.index("--interface") + 1] == "127.0.0.1"
    assert "--enable-api" not in engine.argv


def test_ruff_is_clean():
    result = subprocess.run(
        [str(ROOT / ".venv/app/bin/ruff"), "check", "--output-format", "concise", "."],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
