"""Where Telegram updates come from: long polling (the default) or a webhook (production).

Either way an update is written to the inbox (bot/telegram/store.py) before Telegram is told it
arrived, then handled, so a restart mid-way loses nothing and a second delivery changes
nothing. Updates of one person are handled in order; different people in parallel.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
import signal
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram.error import Conflict, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter, Application

from bot.app_factory import build_chat
from bot.config import Settings
from bot.secrets import Secrets
from bot.telegram.channel import TelegramChannel, retrying, seconds
from bot.telegram.store import Pending, Store

logger = logging.getLogger("bot.telegram")
ALLOWED_UPDATES = ["message", "callback_query"]
POLL_SECONDS = 25
MAX_UPDATE_BYTES = 1024 * 1024
PURGE_EVERY_SECONDS = 3600
RETRY_EVERY_SECONDS = 30


def webhook_secret(hmac_key: bytes) -> str:
    """The secret Telegram sends back in every webhook call (derived, so nothing new to keep)."""
    digest = hmac.new(hmac_key, b"telegram-webhook-secret", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")  # [A-Za-z0-9_-], as Telegram asks


def sender_of(data: dict[str, Any] | None) -> int | None:
    for kind in ("message", "callback_query"):
        if isinstance(data, dict) and isinstance(data.get(kind), dict):
            return (data[kind].get("from") or {}).get("id")
    return None


class People:
    """One worker per person: each person's updates in order, and nobody waits for anybody else
    (a slow engine turn or a 429 for one person holds up only that person)."""

    def __init__(self, handle: Callable[[Pending], Awaitable[bool]]) -> None:
        self.handle = handle
        self.queues: dict[int | None, deque[Pending]] = {}
        self.in_flight: set[int] = set()
        self.tasks: set[asyncio.Task[None]] = set()

    def add(self, item: Pending) -> None:
        if item.update_id in self.in_flight:
            return
        self.in_flight.add(item.update_id)
        key = sender_of(item.data)
        if key in self.queues:
            self.queues[key].append(item)
            return
        self.queues[key] = deque([item])
        task = asyncio.create_task(self._work(key))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _work(self, key: int | None) -> None:
        queue = self.queues[key]
        try:
            while queue:
                item = queue[0]
                try:
                    finished = await self.handle(item)
                except Exception as error:  # stays pending; tried again later
                    logger.error("an update could not be finished (%s)", type(error).__name__)
                    finished = False
                if not finished:  # the rest waits too: a person's messages never overtake
                    self.in_flight.difference_update(i.update_id for i in queue)
                    queue.clear()
                    break
                queue.popleft()
                self.in_flight.discard(item.update_id)
        finally:
            del self.queues[key]


class Telegram:
    """The PTB application with our channel, fed from the inbox."""

    def __init__(self, settings: Settings, secrets: Secrets) -> None:
        assert settings.telegram_bot_token
        self.settings = settings
        chat = build_chat(settings, secrets)
        self.store = Store(chat.sessions, secrets.encryption_key)
        self.secret = webhook_secret(secrets.hmac_key)
        api = settings.telegram_api_url
        self.application = (
            Application.builder()
            .token(settings.telegram_bot_token)
            .base_url(f"{api}/bot")
            .base_file_url(f"{api}/file/bot")
            .updater(None)  # we fetch updates ourselves, to keep them before confirming them
            .rate_limiter(AIORateLimiter(max_retries=3))  # waits out a 429's retry_after
            .build()
        )
        self.channel = TelegramChannel(chat, self.store)
        self.channel.install(self.application)
        self.people = People(lambda item: self.channel.process(self.application, item))

    async def start(self) -> None:
        await retrying(self.application.initialize)
        await self.channel.register_commands(self.application.bot)

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await self.application.shutdown()
        await self.channel.chat.engine.close()

    async def drain(self) -> None:
        """Hand every update kept and not yet handled to its person's worker (quick: no waiting)."""
        try:
            pending = await run_in_threadpool(self.store.pending)
        except SQLAlchemyError as error:
            logger.error("the inbox cannot be read (%s)", type(error).__name__)
            return
        for item in pending:
            self.people.add(item)

    async def retry_every(self, seconds: float = RETRY_EVERY_SECONDS) -> None:
        """What failed before reaching the engine (Telegram unreachable) is tried again."""
        while True:
            await asyncio.sleep(seconds)
            await self.drain()

    async def purge_every_hour(self) -> None:
        while True:
            try:
                await run_in_threadpool(self.store.purge)
            except Exception as error:  # a dead database must not stop the channel
                logger.error("purge failed (%s)", type(error).__name__)
            await asyncio.sleep(PURGE_EVERY_SECONDS)

    # --- long polling ----------------------------------------------------------------------
    async def poll(self) -> None:
        bot = self.application.bot
        await self.drain()  # what a previous run kept but did not finish
        try:
            offset = await run_in_threadpool(self.store.next_offset)
        except SQLAlchemyError:  # no inbox now: Telegram still holds what it has not sent
            offset = None
        backoff = 1.0
        while True:
            try:
                updates = await bot.get_updates(
                    offset=offset,
                    timeout=POLL_SECONDS,
                    read_timeout=POLL_SECONDS + 10,
                    allowed_updates=ALLOWED_UPDATES,
                )
            except RetryAfter as error:
                await asyncio.sleep(seconds(error.retry_after))
                continue
            except Conflict:
                # A webhook is set (another instance in webhook mode?). Never take it over: that
                # could divert people's messages from the production bot.
                logger.error(
                    "telegram: a webhook is set for this bot, so polling waits; to poll instead, "
                    "delete it once (Bot API deleteWebhook)"
                )
                await asyncio.sleep(60)
                continue
            except NetworkError as error:
                logger.warning("polling failed (%s); retrying in %.0f s", type(error).__name__, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                continue
            backoff = 1.0
            for update in updates:
                try:
                    await run_in_threadpool(self.store.receive, update.to_dict())  # kept before confirmed
                except SQLAlchemyError as error:
                    # The database is down: answer now (the person is asked to try again) rather
                    # than keep Telegram waiting with an update nobody can store.
                    logger.error("the inbox cannot be written (%s)", type(error).__name__)
                    await self.application.process_update(update)
                offset = update.update_id + 1
            if updates:
                await self.drain()

    # --- webhook ---------------------------------------------------------------------------
    def webhook_app(self) -> Starlette:
        path = "/" + (self.settings.telegram_webhook_url or "").split("://", 1)[-1].partition("/")[2]
        tasks: set[asyncio.Task[None]] = set()

        async def receive(request: Request) -> Response:
            given = request.headers.get("x-telegram-bot-api-secret-token", "")
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                return JSONResponse({"error": "forbidden"}, status_code=403)
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_UPDATE_BYTES:
                    return JSONResponse({"error": "too_large"}, status_code=413)
            try:
                data = json.loads(body)
            except ValueError:
                return JSONResponse({"error": "malformed_json"}, status_code=400)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return JSONResponse({"error": "not_an_update"}, status_code=400)
            try:
                fresh = await run_in_threadpool(self.store.receive, data)
            except SQLAlchemyError:
                return JSONResponse({"error": "unavailable"}, status_code=503)  # Telegram retries later
            if fresh:
                task = asyncio.create_task(self.drain())  # answer Telegram now; handle next
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            return Response(status_code=200)

        return Starlette(routes=[Route(path, receive, methods=["POST"])])

    async def serve_webhook(self) -> None:
        await retrying(
            lambda: self.application.bot.set_webhook(
                self.settings.telegram_webhook_url or "",
                secret_token=self.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        )
        await self.drain()
        config = uvicorn.Config(
            self.webhook_app(),
            host="127.0.0.1",  # behind the operator's TLS proxy
            port=self.settings.telegram_webhook_port,
            access_log=False,
            lifespan="off",  # nothing to start; and a stop must not print a cancelled lifespan
            log_level="warning",
            server_header=False,
        )
        await uvicorn.Server(config).serve()


async def serve(settings: Settings, secrets: Secrets) -> None:
    telegram = Telegram(settings, secrets)
    await telegram.start()
    mode = "webhook" if settings.telegram_webhook_url else "polling"
    logger.info("telegram: ready (%s)", mode)
    background = [
        asyncio.create_task(telegram.purge_every_hour()),
        asyncio.create_task(telegram.retry_every()),
    ]
    try:
        await (telegram.serve_webhook() if settings.telegram_webhook_url else telegram.poll())
    finally:
        for task in background:
            task.cancel()
        await telegram.stop()


def main(settings: Settings, secrets: Secrets) -> None:
    """Run until SIGTERM or Ctrl-C (the supervisor's stop)."""

    async def run() -> None:
        task = asyncio.create_task(serve(settings, secrets))
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(run())
