"""The engine's only input channel: the gateway, authenticated with a short-lived JWT.

Rasa's REST channel accepts anyone and logs message text when a turn fails; this one
refuses requests without a valid token, logs no text, and reports a failed turn as an
HTTP error so the gateway can tell the person to resend instead of going silent.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import tokens

logger = logging.getLogger(__name__)
MAX_TEXT = 4000


class GatewayInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "gateway"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> GatewayInput:
        secret = (credentials or {}).get("jwt_secret") or os.environ.get("RASA_JWT_SECRET", "")
        if not secret:
            raise ValueError("the gateway channel needs a jwt_secret")
        return cls(secret)

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("gateway_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            token = tokens.bearer(request.headers)
            claims = tokens.decode(token, self.secret) if token else None
            if not claims or claims.get("aud") != "engine":
                return response.json({"error": "unauthorised"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not isinstance(text, str) or not text:
                return response.json({"error": "sender and message are required"}, status=400)
            if claims.get("sub") != sender or len(text) > MAX_TEXT:
                return response.json({"error": "forbidden"}, status=403)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                )
            except Exception as error:  # a failed turn must not look like silence
                logger.error("engine turn failed: %s", type(error).__name__)
                return response.json({"error": "turn failed"}, status=500)
            return response.json(collector.messages)

        return hook
