"""Set-up is idempotent, the dialogue data is valid, and the code is ruff-clean."""

import subprocess

from bot import model
from bot.config import load_settings
from bot.secrets import Secrets
from bot.services import child_specs
from tests.conftest import ROOT

FILE_TARGETS = [
    ".venv/engine/.installed",
    ".venv/app/.installed",
    *(str(p.with_suffix(".mo").relative_to(ROOT)) for p in ROOT.glob("locales/*/LC_MESSAGES/*.po")),
]


def test_second_setup_reinstalls_and_retrains_nothing():
    question = subprocess.run(["make", "-q", *FILE_TARGETS], cwd=ROOT, check=False)
    assert question.returncode == 0, "make would rebuild an environment or a catalog"
    ensure = subprocess.run(
        [str(ROOT / ".venv/app/bin/python"), "-m", "bot", "model", "ensure"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert ensure.stdout.startswith("model up to date")
    assert model.model_path().exists()


def test_rasa_data_validate_is_clean():
    result = subprocess.run(
        [str(ROOT / ".venv/engine/bin/rasa"), "data", "validate",
         "--data", "dialogues/data", "--domain", "dialogues/domain.yml", "--config", "config.yml"],
        cwd=ROOT, capture_output=True, text=True, env=model.engine_env(), timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:]
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "UserWarning" in line]
    # Uttered from custom actions, so no rule names them.
    allowed = ("'utter_data_deleted'",)
    assert [w for w in warnings if not any(a in w for a in allowed)] == []


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
