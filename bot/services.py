"""Which processes make up the bot, and how each is started (pure: no process is spawned here)."""

from __future__ import annotations

import os
import sys

from bot import paths
from bot.config import Settings
from bot.model import engine_env
from bot.secrets import Secrets
from bot.supervisor import ChildSpec


def child_specs(settings: Settings, secrets: Secrets, model: str) -> list[ChildSpec]:
    """Each child gets the validated settings it needs and no more (no .env re-reading)."""
    keys = secrets.as_env()
    base = {
        "PYTHONPATH": str(paths.ROOT),
        "PYTHONUNBUFFERED": "1",
        "ENV_FILE": os.devnull,
        "VAR_DIR": str(settings.var_dir),
        "LOG_LEVEL": settings.log_level,
        "RETENTION_DAYS": str(settings.retention_days),  # told to the person, applied by the gateway
    }
    app = {
        **base,
        **keys,
        "DATABASE_URL": settings.database_url,
        "TRACKER_DATABASE_URL": settings.tracker_database_url,
        "GATEWAY_HOST": settings.gateway_host,
        "GATEWAY_PORT": str(settings.gateway_port),
        "RASA_PORT": str(settings.rasa_port),
        "ACTION_SERVER_PORT": str(settings.action_server_port),
        "ENGINE_VENV": str(settings.engine_venv),
    }
    engine = ChildSpec(
        name="engine",
        argv=[
            str(settings.engine_venv / "bin" / "python"),
            "-m",
            "bot.engine.launch",
            "run",
            "--model",
            model,
            "--endpoints",
            str(paths.ENDPOINTS),
            "--credentials",
            str(paths.CREDENTIALS),
            "--interface",
            "127.0.0.1",
            "--port",
            str(settings.rasa_port),
            "--quiet",
        ],
        env={
            **engine_env(),
            **base,
            "TRACKER_DATABASE_URL": settings.tracker_database_url,
            "ACTION_SERVER_URL": settings.action_server_url,
            "RASA_JWT_SECRET": keys["RASA_JWT_SECRET"],
        },
        cwd=str(paths.ROOT),
    )
    actions = ChildSpec(
        name="actions",
        argv=[
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(settings.action_server_port),
            "--quiet",
        ],
        # rasa-sdk warns on every start that it is newer than the engine; that is by design.
        env={**base, "SANIC_HOST": "127.0.0.1", "PYTHONWARNINGS": "ignore::UserWarning:rasa_sdk.utils"},
        cwd=str(paths.ROOT),
    )
    gateway = ChildSpec(
        name="gateway",
        argv=[sys.executable, "-m", "bot", "gateway"],
        env={**app, "WIDGET_ORIGINS": ",".join(settings.widget_origins), "EXIT_URL": settings.exit_url},
        cwd=str(paths.ROOT),
    )
    children = [engine, actions, gateway]
    if settings.telegram_bot_token:
        children.append(
            ChildSpec(
                name="telegram",
                argv=[sys.executable, "-m", "bot", "telegram"],
                env={
                    **app,
                    "TELEGRAM_BOT_TOKEN": settings.telegram_bot_token,
                    "TELEGRAM_API_URL": settings.telegram_api_url,
                    "TELEGRAM_WEBHOOK_URL": settings.telegram_webhook_url or "",
                    "TELEGRAM_WEBHOOK_PORT": str(settings.telegram_webhook_port),
                },
                cwd=str(paths.ROOT),
            )
        )
    return children
