"""Routes of the gateway. Everything answers JSON except the chat page and the widget's files.

API (all JSON, all POST bodies limited to 16 KiB):
  POST /api/session   {"language"?, "id"?}                             -> {"session", "messages", ...}
  POST /api/messages  {"session", "text" | "payload", "id"?}          -> {"messages", "language", ...}
  POST /api/exit      {"session"} | {"start"}                          -> 204 (quick exit: forget it all)
  GET  /api/labels?language=ar                                         -> {"language", "labels"}
  GET  /healthz                                                        -> {"status", "engine", "actions"}
  GET  /  (the standalone chat page), /widget.js, /widget.css (the widget, also for NGO pages)
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from bot import retention
from bot.chat import ChatService, TurnResult
from bot.config import DEFAULT_EXIT_URL
from bot.paths import STATIC
from bot.ratelimit import RateLimiter
from bot.replies import Replies, normalise_language
from bot.turns import MAX_MESSAGE_CHARS
from bot.web.replay import Answer, ReplayCache, replay_key
from bot.web.security import ApiCors, SecurityHeaders

logger = logging.getLogger("bot.web")
MAX_BODY = 16 * 1024
SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MESSAGE_FIELDS = frozenset({"session", "text", "payload", "id"})


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


def session_of(data: dict[str, Any]) -> str:
    session = data.get("session")
    if not isinstance(session, str) or not SESSION_RE.match(session):
        raise ApiError(400, "bad_session", "Start a session with POST /api/session first.")
    return session


def client_id_of(data: dict[str, Any]) -> str | None:
    """The widget's id for a message it may resend; optional for other clients."""
    client_id = data.get("id")
    if client_id is None:
        return None
    if not isinstance(client_id, str) or not CLIENT_ID_RE.match(client_id):
        raise ApiError(400, "bad_id", "'id' must be 8 to 64 letters, digits, '-' or '_'.")
    return client_id


# The widget's own words, sent with every answer in the conversation's language
# (dialogues/replies.yml, widget_<name>).
WIDGET_LABELS = (
    "note", "your_message", "send", "conversation", "try_again", "not_sent",
    "open", "minimise", "exit", "exit_about", "exit_help", "shift_two", "shift_one", "shift_expired",
    "leaving", "you", "assistant", "typing", "sending", "waiting", "offline", "refused",
)  # fmt: skip


def widget_labels(replies: Replies, language: str) -> dict[str, str]:
    """The widget's own words in the conversation's language (dialogues/replies.yml, widget_*)."""
    return {
        name: (replies.render(f"widget_{name}", language) or {"text": ""})["text"] for name in WIDGET_LABELS
    }


def turn_body(result: TurnResult, replies: Replies, **extra: Any) -> Answer:
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
    return Answer(status, body)


def answered(answer: Answer) -> bool:
    """Keep an answer for resends unless the assistant was unavailable (then nothing happened)."""
    return answer.status != 503


def create_app(chat: ChatService, origins: Sequence[str] = (), exit_url: str = DEFAULT_EXIT_URL) -> Starlette:
    """The gateway; `origins` may embed the widget (CORS), `exit_url` is the page's quick exit."""
    replay = ReplayCache()
    sessions_limiter = RateLimiter(burst=30, refill_seconds=1.0)  # new conversations per address
    page = (STATIC / "index.html").read_text(encoding="utf-8").replace("{exit_url}", html.escape(exit_url))

    def browser_language(request: Request) -> str:
        header = request.headers.get("accept-language", "")
        return normalise_language(header.split(",")[0].split(";")[0])

    async def index(_: Request) -> Response:
        return HTMLResponse(page)

    async def widget_script(_: Request) -> Response:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8")

    async def widget_style(_: Request) -> Response:
        return FileResponse(STATIC / "widget.css", media_type="text/css; charset=utf-8")

    async def health(_: Request) -> JSONResponse:
        state = await chat.engine.ready()
        return JSONResponse({"status": "ok", **state})

    async def labels(request: Request) -> JSONResponse:
        language = normalise_language(request.query_params.get("language") or browser_language(request))
        return JSONResponse({"language": language, "labels": widget_labels(chat.replies, language)})

    async def new_session(request: Request) -> JSONResponse:
        # Each new conversation costs a row and an engine turn: a script cannot open thousands.
        # The address is only a key in memory, never stored or logged.
        if not sessions_limiter.allow(request.client.host if request.client else ""):
            raise ApiError(429, "too_many_sessions", "Too many new conversations; wait a moment.",
                           "gateway_slow_down")  # fmt: skip
        data = await read_json(request, empty_ok=True)
        language = normalise_language(data.get("language") or browser_language(request))
        client_id = client_id_of(data)

        async def start() -> Answer:
            session = secrets.token_urlsafe(32)
            result = await chat.handle("web", session, text="/start", language_hint=language)
            return turn_body(result, chat.replies, session=session)

        if client_id is None:
            answer = await start()
        else:  # a resent start gets the same conversation, not a second one
            answer = await replay.once(replay_key("", client_id, "/start"), "", start, answered)
        return JSONResponse(answer.body, status_code=answer.status)

    async def message(request: Request) -> JSONResponse:
        data = await read_json(request)
        if not MESSAGE_FIELDS.issuperset(data):
            raise ApiError(400, "bad_message", "Only 'session', 'text' or 'payload', and 'id' are accepted.")
        session = session_of(data)
        client_id = client_id_of(data)
        text, payload = data.get("text"), data.get("payload")
        if (text is None) == (payload is None) or not isinstance(text if payload is None else payload, str):
            raise ApiError(400, "bad_message", "Send exactly one of 'text' or 'payload', as a string.")
        language = browser_language(request)

        async def turn() -> Answer:
            result = await chat.handle("web", session, text=text, payload=payload, language_hint=language)
            return turn_body(result, chat.replies)

        if client_id is None:
            answer = await turn()
        else:
            content = f"p:{payload}" if payload is not None else f"t:{text}"
            answer = await replay.once(replay_key(session, client_id, content), session, turn, answered)
        return JSONResponse(answer.body, status_code=answer.status)

    async def session_being_started(data: dict[str, Any]) -> str:
        """The session a quick exit ends: given, or the one a start still under way creates."""
        start = data.get("start")
        if "session" in data or not isinstance(start, str) or not CLIENT_ID_RE.match(start):
            return session_of(data)
        task = replay.get(replay_key("", start, "/start"))
        try:
            answer = await asyncio.shield(task) if task is not None else None
        except Exception:  # the start itself failed: there is nothing to end
            answer = None
        if answer is None or not isinstance(answer.body.get("session"), str):
            raise ApiError(400, "bad_session", "There is no such conversation.")
        return answer.body["session"]

    async def exit_session(request: Request) -> Response:
        """Quick exit: the widget asks us to forget the conversation as it leaves the page.

        Turns still running finish first, so none of them writes after the erasure.
        """
        session = await session_being_started(await read_json(request))
        running = replay.running(session)
        if running:
            await asyncio.wait(running, timeout=60)
        replay.forget(session)
        try:
            await chat.end("web", session)
        except SQLAlchemyError as failure:
            logger.error("quick exit: database unavailable (%s)", type(failure).__name__)
            raise ApiError(
                503, "unavailable", "The conversation could not be erased now.", "gateway_error"
            ) from None
        logger.info("quick exit: conversation erased")
        return Response(status_code=204)

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
            Route("/widget.js", widget_script),
            Route("/widget.css", widget_style),
            Route("/favicon.ico", lambda _: Response(status_code=204)),  # no icon, no 404 in the console
            Route("/healthz", health),
            Route("/api/labels", labels),
            Route("/api/session", new_session, methods=["POST"]),
            Route("/api/messages", message, methods=["POST"]),
            Route("/api/exit", exit_session, methods=["POST"]),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(ApiCors, origins=tuple(origins)),
            Middleware(CatchAll, replies=chat.replies),
        ],
        exception_handlers={HTTPException: not_found, ApiError: refused},
        lifespan=lifespan,
    )
