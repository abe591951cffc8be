"""Routes of the gateway. Everything answers JSON except the chat page and its static files.

API (all JSON, all POST bodies limited to 16 KiB):
  POST /api/session   {"language"?}                      -> {"session", "messages", "language"}
  POST /api/messages  {"session", "text"} | {"session", "payload"} -> {"messages", "language", ...}
  GET  /healthz                                           -> {"status", "engine", "actions"}
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.chat import ChatService, TurnResult
from bot.paths import STATIC
from bot.replies import normalise_language

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


def error(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


async def read_json(request: Request, empty_ok: bool = False) -> dict[str, Any] | JSONResponse:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return error(413, "too_large", f"The request body is larger than {MAX_BODY} bytes.")
    if not body.strip() and empty_ok:
        return {}
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        return error(400, "malformed_json", "The request body must be a JSON object.")
    if not isinstance(data, dict):
        return error(400, "malformed_json", "The request body must be a JSON object.")
    return data


def turn_response(result: TurnResult, **extra: Any) -> JSONResponse:
    status = {"ok": 200, "rejected": 422, "unavailable": 503}[result.status]
    body = {"status": result.status, "messages": result.messages, "language": result.language, **extra}
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
        if isinstance(data, JSONResponse):
            return data
        language = normalise_language(data.get("language") or browser_language(request))
        session = secrets.token_urlsafe(32)
        result = await chat.handle("web", session, text="/start", language_hint=language)
        return turn_response(result, session=session)

    async def message(request: Request) -> JSONResponse:
        data = await read_json(request)
        if isinstance(data, JSONResponse):
            return data
        session = data.get("session")
        if not isinstance(session, str) or not SESSION_RE.match(session):
            return error(400, "bad_session", "Start a session with POST /api/session first.")
        text, payload = data.get("text"), data.get("payload")
        if (text is None) == (payload is None) or not isinstance(text or payload, str):
            return error(400, "bad_message", "Send exactly one of 'text' or 'payload', as a string.")
        result = await chat.handle(
            "web", session, text=text, payload=payload, language_hint=browser_language(request)
        )
        return turn_response(result)

    async def not_found(_: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error(404, "not_found", "There is nothing at this address.")
        if exc.status_code == 405:
            return error(405, "method_not_allowed", "This address does not accept that method.")
        return error(exc.status_code, "http_error", str(exc.detail))

    async def crashed(_: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error: %s", type(exc).__name__)
        return error(500, "internal_error", "Something went wrong on our side. Please try again.")

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await chat.engine.close()

    return Starlette(
        routes=[
            Route("/", index),
            Route("/healthz", health),
            Route("/api/session", new_session, methods=["POST"]),
            Route("/api/messages", message, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: not_found, Exception: crashed},
        lifespan=lifespan,
    )
