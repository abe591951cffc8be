"""Configuration from environment variables (and an optional `.env` file).

Everything the operator can set is read here, validated once, and refused with a
one-line explanation: a bot for people at risk must not start half-configured.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.paths import ROOT

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
TELEGRAM_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
ORIGIN_RE = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9a-f:.]+\](:\d{1,5})?$")
DEFAULT_EXIT_URL = "https://www.bbc.com/weather"  # a neutral site, as GOV.UK's "Exit this page"


class ConfigError(ValueError):
    """Invalid configuration; the message is one line an operator can act on."""


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    tracker_database_url: str
    gateway_host: str
    gateway_port: int
    rasa_port: int
    action_server_port: int
    telegram_bot_token: str | None
    log_level: str
    engine_venv: Path
    retention_days: int = 30
    telegram_api_url: str = "https://api.telegram.org"  # a local Bot API server, or the tests' fake
    telegram_webhook_url: str | None = None  # set: webhook mode; unset: long polling
    telegram_webhook_port: int = 8443  # the webhook listener, on 127.0.0.1 behind a TLS proxy
    widget_origins: tuple[str, ...] = ()  # NGO sites whose pages may embed the web widget (CORS)
    exit_url: str = DEFAULT_EXIT_URL  # where the chat page's quick exit goes

    @property
    def gateway_url(self) -> str:
        host = "127.0.0.1" if self.gateway_host in ("0.0.0.0", "") else self.gateway_host  # noqa: S104
        return f"http://{host}:{self.gateway_port}/"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_server_url(self) -> str:
        return f"http://127.0.0.1:{self.action_server_port}/webhook"


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; '#' comments and blank lines are skipped, quotes stripped."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            raise ConfigError(f"{path.name} line {number}: expected KEY=VALUE")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip() or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError(f"{name} must be a port number from 1 to 65535 (got {raw!r})")
    return int(raw)


def _database_url(name: str, raw: str) -> str:
    if raw.startswith("sqlite:///") or re.match(r"^postgres(ql)?(\+\w+)?://", raw):
        return raw
    raise ConfigError(
        f"{name} must be sqlite:///path or postgresql://user:password@host/db "
        f"(got a value starting {raw.split(':', 1)[0]!r})"
    )


def _widget_settings(env: Mapping[str, str]) -> dict[str, object]:
    """WIDGET_ORIGINS (comma-separated https://ngo.example origins) and EXIT_URL."""
    origins = []
    for raw in re.split(r"[,\s]+", env.get("WIDGET_ORIGINS", "").strip()):
        if not raw:
            continue
        origin = raw.rstrip("/").lower()
        if not ORIGIN_RE.match(origin):
            raise ConfigError(f"WIDGET_ORIGINS must list origins such as https://ngo.example (got {raw!r})")
        origins.append(origin)
    exit_url = env.get("EXIT_URL", "").strip() or DEFAULT_EXIT_URL
    if not re.match(r"^https?://[^\s/\"'<>]+(/[^\s\"'<>]*)?$", exit_url):
        raise ConfigError(f"EXIT_URL must be an http(s) address such as {DEFAULT_EXIT_URL}")
    return {"widget_origins": tuple(origins), "exit_url": exit_url}


def tracker_url_for(database_url: str, var_dir: Path) -> str:
    """The Rasa tracker store's URL: its own SQLite file, or the same PostgreSQL database.

    Rasa's SQLAlchemy 1.4 speaks to PostgreSQL through psycopg2, so a driver suffix
    such as `+psycopg` is dropped.
    """
    if database_url.startswith("sqlite"):
        return f"sqlite:///{var_dir / 'tracker.db'}"
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", database_url)


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """Build Settings from the environment; values in the environment win over `.env`."""
    env_os = dict(os.environ if environ is None else environ)
    file_path = Path(env_os.get("ENV_FILE", "") or (env_file or ROOT / ".env"))
    env = {**read_env_file(file_path), **env_os}

    var_dir = Path(env.get("VAR_DIR", "").strip() or ROOT / "var").resolve()
    database_url = _database_url(
        "DATABASE_URL", env.get("DATABASE_URL", "").strip() or f"sqlite:///{var_dir / 'treaty.db'}"
    )
    tracker_raw = env.get("TRACKER_DATABASE_URL", "").strip()
    tracker_url = (
        _database_url("TRACKER_DATABASE_URL", tracker_raw)
        if tracker_raw
        else tracker_url_for(database_url, var_dir)
    )

    ports = {
        "GATEWAY_PORT": _port(env, "GATEWAY_PORT", 8000),
        "RASA_PORT": _port(env, "RASA_PORT", 5005),
        "ACTION_SERVER_PORT": _port(env, "ACTION_SERVER_PORT", 5055),
    }
    if len(set(ports.values())) != len(ports):
        raise ConfigError(f"GATEWAY_PORT, RASA_PORT and ACTION_SERVER_PORT must differ (got {ports})")

    token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    if token is not None and not TELEGRAM_TOKEN_RE.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a token from @BotFather (digits:letters)")

    log_level = env.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (got {log_level!r})")

    host = env.get("GATEWAY_HOST", "").strip() or "127.0.0.1"
    if not re.match(r"^[A-Za-z0-9.:\-\[\]]+$", host):
        raise ConfigError(f"GATEWAY_HOST must be an address such as 127.0.0.1 (got {host!r})")

    api_url = (env.get("TELEGRAM_API_URL", "").strip() or "https://api.telegram.org").rstrip("/")
    if not re.match(r"^https?://[^\s/]+", api_url):
        raise ConfigError(f"TELEGRAM_API_URL must be an http(s) URL (got {api_url!r})")
    webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
    if webhook_url is not None and not re.match(r"^https://[^\s/]+(/\S*)?$", webhook_url):
        raise ConfigError("TELEGRAM_WEBHOOK_URL must be an https:// URL (Telegram only calls https)")

    retention_raw = env.get("RETENTION_DAYS", "").strip() or "30"
    if not retention_raw.isdigit() or not 1 <= int(retention_raw) <= 3650:
        raise ConfigError(f"RETENTION_DAYS must be a number of days from 1 to 3650 (got {retention_raw!r})")

    return Settings(
        var_dir=var_dir,
        database_url=database_url,
        tracker_database_url=tracker_url,
        gateway_host=host,
        gateway_port=ports["GATEWAY_PORT"],
        rasa_port=ports["RASA_PORT"],
        action_server_port=ports["ACTION_SERVER_PORT"],
        telegram_bot_token=token,
        log_level=log_level,
        engine_venv=Path(env.get("ENGINE_VENV", "").strip() or ROOT / ".venv" / "engine"),
        retention_days=int(retention_raw),
        **_widget_settings(env),
        telegram_api_url=api_url,
        telegram_webhook_url=webhook_url,
        telegram_webhook_port=_port(env, "TELEGRAM_WEBHOOK_PORT", 8443),
    )
