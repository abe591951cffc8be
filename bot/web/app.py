"""Routes of the gateway. Everything answers JSON except the chat page and its static files.

API (all JSON, all POST bodies limited to 16 KiB):
  POST /api/session   {"language"?}                      -> {"session", "messages", "language"}
  POST /api/messages  {"session", "text"} | {"session", "payload"} -> {"messages", "language", ...}
  GET  /healthz                                           -> {"status", "engine", "actions"}
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from bot import retention
from bot.chat import ChatService, TurnResult
from bot.paths import STATIC
from bot.replies import Replies, normalise_language
from bot.turns import MAX_MESSAGE_CHARS

logger = logging.getLogger("bot.web")
MAX_BODY = 16 * 1024
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Strict headers on every response: no third-party anything, no caching of chats."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                for name, value in (
                    ("content-security-policy", CSP),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                    ("x-frame-options", "DENY"),
                    ("cache-control", "no-store"),
                    ("cross-origin-opener-policy", "same-origin"),
                ):
                    headers.append((name.encode(), value.encode()))
            await send(message)

        await self.app(scope, receive, with_headers)


class CatchAll:
    """Any unexpected error becomes a kind JSON answer here, so no traceback (which could quote
    what a person wrote) ever reaches the log or the person."""

    def __init__(self, app: ASGIApp, replies: Any) -> None:
        self.app, self.replies = app, replies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            logger.error("unhandled error: %s", type(exc).__name__)
            if scope["type"] != "http" or started:
                return
            headers = dict(scope.get("headers") or [])
            language = normalise_language(headers.get(b"accept-language", b"").decode("latin-1")[:5])
            notice = self.replies.render("gateway_error", language)
            response = error(500, "internal_error", "Something went wrong on our side. Please try again.",
                             [notice] if notice else [])  # fmt: skip
            await response(scope, receive, send)


def error(status: int, code: str, detail: str, messages: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": code, "detail": detail}
    if messages is not None:
        body["messages"] = messages  # what the chat shows the person
    return JSONResponse(body, status_code=status)


class ApiError(Exception):
    """A request the API refuses; the person still gets `reply` in their language."""

    def __init__(
        self, status: int, code: str, detail: str, reply: str = "gateway_bad_request", **values: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.reply, self.values = status, code, detail, reply, values


async def read_json(request: Request, empty_ok: bool = False) -> dict[str, Any]:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ApiError(413, "too_large", f"The request body is larger than {MAX_BODY} bytes.",
                           "gateway_too_large", limit=MAX_MESSAGE_CHARS)  # fmt: skip
    if not body.strip() and empty_ok:
        return {}
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "malformed_json", "The request body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "The request body must be a JSON object.")
    return data


WIDGET_LABELS = ("note", "your_message", "send", "conversation", "try_again", "unreachable", "not_sent")


def widget_labels(replies: Replies, language: str) -> dict[str, str]:
    """The page's own words in the conversation's language (dialogues/replies.yml, widget_*)."""
    return {
        name: (replies.render(f"widget_{name}", language) or {"text": ""})["text"] for name in WIDGET_LABELS
    }


def turn_response(result: TurnResult, replies: Replies, **extra: Any) -> JSONResponse:
    status = {"ok": 200, "rejected": 422, "unavailable": 503}[result.status]
    body = {
        "status": result.status,
        "messages": result.messages,
        "language": result.language,
        "labels": widget_labels(replies, result.language),
        **extra,
    }
    if result.erased:
        body["erased"] = True
    return JSONResponse(body, status_code=status)


def create_app(chat: ChatService) -> Starlette:
    def browser_language(request: Request) -> str:
        header = request.headers.get("accept-language", "")
        return normalise_language(header.split(",")[0].split(";")[0])

    async def index(_: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def health(_: Request) -> JSONResponse:
        state = await chat.engine.ready()
        return JSONResponse({"status": "ok", **state})

    async def new_session(request: Request) -> JSONResponse:
        data = await read_json(request, empty_ok=True)
        language = normalise_language(data.get("language") or browser_language(request))
        session = secrets.token_urlsafe(32)
        result = await chat.handle("web", session, text="/start", language_hint=language)
        return turn_response(result, chat.replies, session=session)

    async def message(request: Request) -> JSONResponse:
        data = await read_json(request)
        session = data.get("session")
        if not isinstance(session, str) or not SESSION_RE.match(session):
            raise ApiError(400, "bad_session", "Start a session with POST /api/session first.")
        text, payload = data.get("text"), data.get("payload")
        if (text is None) == (payload is None) or not isinstance(text if payload is None else payload, str):
            raise ApiError(400, "bad_message", "Send exactly one of 'text' or 'payload', as a string.")
        result = await chat.handle(
            "web", session, text=text, payload=payload, language_hint=browser_language(request)
        )
        return turn_response(result, chat.replies)

    async def not_found(_: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error(404, "not_found", "There is nothing at this address.")
        if exc.status_code == 405:
            return error(405, "method_not_allowed", "This address does not accept that method.")
        return error(exc.status_code, "http_error", str(exc.detail))

    async def refused(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        notice = chat.replies.render(exc.reply, browser_language(request), exc.values)
        return error(exc.status, exc.code, exc.detail, [notice] if notice else [])

    async def purge_every_hour() -> None:
        while True:
            try:
                await run_in_threadpool(chat.purge)
            except Exception as error:  # a dead database must not stop the gateway
                logger.error("retention: purge failed (%s)", type(error).__name__)
            await asyncio.sleep(retention.EVERY_SECONDS)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        purging = asyncio.create_task(purge_every_hour())
        yield
        purging.cancel()
        await chat.engine.close()

    return Starlette(
        routes=[
            Route("/", index),
            Route("/healthz", health),
            Route("/api/session", new_session, methods=["POST"]),
            Route("/api/messages", message, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(CatchAll, replies=chat.replies)],
        exception_handlers={HTTPException: not_found, ApiError: refused},
        lifespan=lifespan,
    )
