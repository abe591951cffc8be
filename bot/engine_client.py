"""The gateway's client for the Rasa engine and the action server (loopback HTTP)."""

from __future__ import annotations

from typing import Any

import httpx

from bot import tokens


class EngineUnavailable(Exception):
    """The engine or the action server cannot take this turn now; the person should resend."""


class EngineClient:
    def __init__(self, rasa_url: str, action_server_url: str, jwt_secret: str) -> None:
        self.webhook = f"{rasa_url}/webhooks/gateway/webhook"
        self.engine_health = f"{rasa_url}/webhooks/gateway/"
        self.actions_health = action_server_url.rsplit("/", 1)[0] + "/health"
        self.jwt_secret = jwt_secret
        self.http = httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=2.0))

    async def close(self) -> None:
        await self.http.aclose()

    async def _up(self, url: str) -> bool:
        try:
            return (await self.http.get(url, timeout=2.0)).status_code == 200
        except httpx.HTTPError:
            return False

    async def ready(self) -> dict[str, bool]:
        return {"engine": await self._up(self.engine_health), "actions": await self._up(self.actions_health)}

    async def send(self, sender: str, message: str, language: str | None = None) -> list[dict[str, Any]]:
        """One turn. Raises EngineUnavailable rather than returning a silent, partial answer.

        `language` (the browser's or Telegram's, or the one chosen) starts a new conversation in it."""
        # Rasa carries on without an action's events when the action server is down; check first
        # so the person is asked to resend instead of getting a confusing half answer.
        if not await self._up(self.actions_health):
            raise EngineUnavailable("action server down")
        token = tokens.encode({"sub": sender, "aud": "engine"}, self.jwt_secret, lifetime_s=60)
        try:
            response = await self.http.post(
                self.webhook,
                json={
                    "sender": sender,
                    "message": message,
                    "metadata": {"language": language} if language else {},
                },
                headers={"Authorization": f"Bearer {token}"},
            )
        except httpx.HTTPError as error:
            raise EngineUnavailable(type(error).__name__) from None
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        messages = response.json()
        if not isinstance(messages, list):
            raise EngineUnavailable("engine answered with no message list")
        return messages
