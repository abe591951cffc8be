"""Builds the ChatService shared by the web gateway and the Telegram channel."""

from __future__ import annotations

from bot.chat import ChatService
from bot.config import Settings
from bot.db.session import make_engine, make_sessionmaker
from bot.engine_client import EngineClient
from bot.replies import Replies
from bot.secrets import Secrets


def build_chat(settings: Settings, secrets: Secrets) -> ChatService:
    return ChatService(
        hmac_key=secrets.hmac_key,
        sessions=make_sessionmaker(make_engine(settings.database_url)),
        engine=EngineClient(
            settings.rasa_url,
            settings.action_server_url,
            secrets.as_env()["RASA_JWT_SECRET"],
        ),
        tracker_db=make_engine(settings.tracker_database_url),
        replies=Replies(),
        retention_days=settings.retention_days,
    )
