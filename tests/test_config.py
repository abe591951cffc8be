"""Configuration is validated once, and bad values are refused with one clear line."""

import subprocess

import pytest

from bot.config import ConfigError, load_settings, read_env_file
from tests.conftest import PYTHON, ROOT, bot_env


def test_defaults_are_local_and_embedded(tmp_path):
    settings = load_settings({"VAR_DIR": str(tmp_path)}, env_file=tmp_path / "absent.env")
    assert settings.gateway_host == "127.0.0.1"
    assert settings.gateway_port == 8000
    assert settings.database_url == f"sqlite:///{tmp_path}/treaty.db"
    assert settings.tracker_database_url == f"sqlite:///{tmp_path}/tracker.db"
    assert settings.telegram_bot_token is None
    assert settings.gateway_url == "http://127.0.0.1:8000/"


def test_postgres_url_is_shared_with_the_tracker_without_driver_suffix(tmp_path):
    settings = load_settings(
        {"VAR_DIR": str(tmp_path), "DATABASE_URL": "postgresql+psycopg://u:p@db/treaty"},
        env_file=tmp_path / "absent.env",
    )
    assert settings.tracker_database_url == "postgresql://u:p@db/treaty"


def test_env_file_is_read_and_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\nGATEWAY_PORT=8123\nexport LOG_LEVEL="debug"\nRASA_PORT=6000\n')
    settings = load_settings({"VAR_DIR": str(tmp_path), "RASA_PORT": "6001"}, env_file=env_file)
    assert (settings.gateway_port, settings.rasa_port, settings.log_level) == (8123, 6001, "DEBUG")
    assert read_env_file(tmp_path / "missing") == {}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GATEWAY_PORT": "eighty"}, "GATEWAY_PORT must be a port number"),
        ({"RASA_PORT": "70000"}, "RASA_PORT must be a port number"),
        ({"GATEWAY_PORT": "5005"}, "must differ"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must be sqlite"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN does not look like"),
        ({"TELEGRAM_WEBHOOK_URL": "http://bot.example.org/hook"}, "TELEGRAM_WEBHOOK_URL must be an https"),
        ({"TELEGRAM_API_URL": "ftp://api"}, "TELEGRAM_API_URL must be an http"),
        ({"TELEGRAM_WEBHOOK_PORT": "0"}, "TELEGRAM_WEBHOOK_PORT must be a port number"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL must be one of"),
        ({"GATEWAY_HOST": "a b"}, "GATEWAY_HOST must be an address"),
    ],
)
def test_invalid_values_are_refused(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message) as error:
        load_settings({"VAR_DIR": str(tmp_path), **env}, env_file=tmp_path / "absent.env")
    assert "\n" not in str(error.value)


def test_run_refuses_invalid_configuration_with_one_line(var_dir):
    result = subprocess.run(
        [PYTHON, "-m", "bot", "run"],
        cwd=ROOT,
        env=bot_env(var_dir, GATEWAY_PORT="abc"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "configuration error: GATEWAY_PORT must be a port number from 1 to 65535 (got 'abc')"
    ]
    assert not (var_dir / "secrets").exists()  # nothing was started or written
