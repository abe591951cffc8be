"""A local fake of the Telegram Bot API, for python-telegram-bot's `base_url`.

It serves the methods the bot uses, hands out queued updates through getUpdates (confirming
them by offset, as Telegram does), records every request, and can answer with Telegram's
429 (with retry_after) or a 5xx, or hold a method to simulate a slow Telegram.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.conftest import free_port, wait_until

BOT_ID = 7000001
# Telegram's update ids only grow for a bot; the fakes of one test run share the sequence, as the
# bot's inbox (in the shared test database) remembers the ids it has seen.
_update_ids = itertools.count(500_000)


def next_update_id() -> int:
    return next(_update_ids)


TOKEN = f"{BOT_ID}:AAH-fake-token-for-tests-0123456789abc"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the fake answered (a sent message has its message_id here)


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class FakeBotApi:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lock = threading.Lock()
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.next_message_id = 100
        self.failures: dict[str, list[tuple[int, int | None]]] = {}  # method -> [(status, retry_after)]
        self.held: dict[str, threading.Event] = {}
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app(), host="127.0.0.1", port=self.port, log_level="warning", access_log=False
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    # --- test controls ---------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        self.thread.start()
        wait_until(lambda: self.server.started, timeout=20, interval=0.05, what="the fake Bot API")
        return self

    def stop(self) -> None:
        for event in self.held.values():
            event.set()
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def push(self, update: dict[str, Any]) -> int:
        with self.lock:
            update_id = update.setdefault("update_id", next_update_id())
            self.updates.append(update)
            return update_id

    def fail(self, method: str, status: int, times: int = 1, retry_after: int | None = None) -> None:
        with self.lock:
            self.failures.setdefault(method, []).extend([(status, retry_after)] * times)

    def hold(self, method: str) -> threading.Event:
        """Keep calls to `method` waiting until the returned event is set."""
        event = threading.Event()
        self.held[method] = event
        return event

    def called(self, method: str, **where: Any) -> list[Call]:
        with self.lock:
            return [
                c
                for c in self.calls
                if c.method == method and all(c.params.get(k) == v for k, v in where.items())
            ]

    def sent_to(self, chat_id: int) -> list[Call]:
        return self.called("sendMessage", chat_id=chat_id)

    def pending_updates(self) -> int:
        with self.lock:
            return len(self.updates)

    # --- the API ---------------------------------------------------------------------------
    def app(self) -> Starlette:
        async def method(request: Request) -> JSONResponse:
            name = request.path_params["method"]
            params = await self._params(request)
            call = Call(name, params)
            with self.lock:
                self.calls.append(call)
                planned = self.failures.get(name)
                failure = planned.pop(0) if planned else None
            if name in self.held:
                await asyncio.get_running_loop().run_in_executor(None, self.held[name].wait, 30)
            if failure is not None:
                status, retry_after = failure
                body: dict[str, Any] = {
                    "ok": False,
                    "error_code": status,
                    "description": "Too Many Requests" if status == 429 else "Bad Gateway",
                }
                if retry_after is not None:
                    body["parameters"] = {"retry_after": retry_after}
                return JSONResponse(body, status_code=status)
            handler = getattr(self, f"api_{name}", None)
            result = await handler(params) if handler else True
            call.result = result
            return JSONResponse({"ok": True, "result": result})

        return Starlette(routes=[Route("/bot{token}/{method}", method, methods=["GET", "POST"])])

    async def _params(self, request: Request) -> dict[str, Any]:
        body = await request.body()
        kind = request.headers.get("content-type", "")
        if not body:
            return {k: _value(v) for k, v in request.query_params.items()}
        if "json" in kind:
            return dict(json.loads(body))
        if "multipart" in kind:
            form = await request.form()
            return {k: _value(str(v)) for k, v in form.items()}
        return {k: _value(v[0]) for k, v in parse_qs(body.decode()).items()}

    async def api_getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Treaty Navigator",
            "username": "treaty_test_bot",
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        while True:
            with self.lock:
                if offset:  # Telegram forgets what an offset confirms
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.05)

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        if message_id is None:
            with self.lock:
                self.next_message_id += 1
                message_id = self.next_message_id
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Treaty Navigator"},
            "text": params.get("text", ""),
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params)

    async def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, int(params["message_id"]))

    async def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message({**params, "text": ""}, int(params["message_id"]))

    async def api_getWebhookInfo(self, _: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


class Person:
    """Someone writing to the bot on Telegram: builds real update JSON, reads what came back."""

    def __init__(
        self, api: FakeBotApi, user_id: int, language_code: str = "en", first_name: str = "Amal"
    ) -> None:
        self.api, self.id, self.language_code, self.first_name = api, user_id, language_code, first_name
        self.message_id = 1

    def user(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.first_name}

    def message(self, **content: Any) -> dict[str, Any]:
        self.message_id += 1
        return {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": self.chat(),
            "from": self.user(),
            **content,
        }

    def write(self, text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.api.push({"message": self.message(**content)})

    def send_photo(self) -> int:
        photo = [{"file_id": "AgACAgQ", "file_unique_id": "AQAD", "width": 90, "height": 90}]
        return self.api.push({"message": self.message(photo=photo)})

    def replies(self) -> list[Call]:
        """Messages the bot sent this person (attempts Telegram refused are not messages)."""
        return [c for c in self.api.sent_to(self.id) if c.result is not None]

    def texts(self) -> list[str]:
        return [c.params.get("text", "") for c in self.replies()]

    def wait_for_replies(self, count: int, timeout: float = 60) -> list[Call]:
        """Wait until at least `count` messages in all were sent to this person."""
        wait_until(
            lambda: len(self.replies()) >= count,
            timeout=timeout,
            interval=0.1,
            what=f"{count} replies to {self.id}",
        )
        return self.replies()

    def turn(self, action, timeout: float = 60) -> list[Call]:
        """Do something, then return the bot's messages sent in answer (waits for a settle)."""
        before = len(self.replies())
        action()
        self.wait_for_replies(before + 1, timeout)
        settled = -1
        while settled != len(self.replies()):  # the rest of a multi-message reply
            settled = len(self.replies())
            time.sleep(0.4)
        return self.replies()[before:]

    def keyboard(self) -> tuple[Call, list[dict[str, Any]]]:
        """The last message with buttons, and its buttons."""
        for call in reversed(self.replies()):
            markup = call.params.get("reply_markup")
            if isinstance(markup, dict) and markup.get("inline_keyboard"):
                return call, [b for row in markup["inline_keyboard"] for b in row]
        raise AssertionError("no keyboard was offered")

    def press(
        self, title_part: str, call: Call | None = None, buttons: list[dict[str, Any]] | None = None
    ) -> int:
        if call is None or buttons is None:
            call, buttons = self.keyboard()
        button = next(b for b in buttons if title_part.lower() in b["text"].lower())
        message_id = call.result["message_id"]
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Treaty Navigator"},
            "text": call.params.get("text", ""),
            "reply_markup": call.params.get("reply_markup"),
        }
        query = {
            "id": f"cq{time.monotonic_ns()}",
            "from": self.user(),
            "chat_instance": "ci",
            "data": button["callback_data"],
            "message": message,
        }
        return self.api.push({"callback_query": query})
