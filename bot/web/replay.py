"""Answers a repeated message with the answer it already got, so a retry never runs a turn twice.

The web widget gives every message a client id and resends it after a network drop. If the
first request reached us but its answer was lost, the resend must not press the same button
again (it would be refused as an old button) or tell the story twice. Answers are kept in
memory only, briefly and bounded; quick exit forgets a session's answers at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

MAX_ENTRIES = 2000
TTL_SECONDS = 600.0


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict


@dataclass
class _Entry:
    session: str
    task: asyncio.Future[Answer]
    expires: float


def _started(entry: _Entry, session: str) -> bool:
    task = entry.task
    if not task.done() or task.cancelled() or task.exception() is not None:
        return False
    return task.result().body.get("session") == session


def replay_key(session: str, client_id: str, content: str) -> str:
    """One key per session, client id and content: a reused id with new content is a new turn."""
    digest = hashlib.sha256("\x00".join((session, client_id, content)).encode("utf-8", "replace"))
    return digest.hexdigest()


class ReplayCache:
    def __init__(
        self,
        max_entries: int = MAX_ENTRIES,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_entries, self.ttl, self.clock = max_entries, ttl, clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    async def once(
        self, key: str, session: str, run: Callable[[], Awaitable[Answer]], keep: Callable[[Answer], bool]
    ) -> Answer:
        """Run `run` for the first request with this key; later ones share its answer.

        A resend that arrives while the first is still running waits for the same turn. The
        turn runs as its own task, so a client that hangs up does not cancel it half-way.
        An answer `keep` refuses (the assistant was unavailable: nothing happened) is dropped,
        so the next resend tries again.
        """
        self._expire()
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(session, asyncio.ensure_future(run()), self.clock() + self.ttl)
            self._entries[key] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        try:
            answer = await asyncio.shield(entry.task)
        except asyncio.CancelledError:
            raise
        except Exception:
            self._drop(key, entry)
            raise
        if not keep(answer):
            self._drop(key, entry)
        return answer

    def running(self, session: str) -> list[asyncio.Future[Answer]]:
        """The session's turns still running (quick exit waits for them before erasing)."""
        return [e.task for e in self._entries.values() if e.session == session and not e.task.done()]

    def get(self, key: str) -> asyncio.Future[Answer] | None:
        entry = self._entries.get(key)
        return entry.task if entry is not None else None

    def forget(self, session: str) -> None:
        """Drop every answer of a session (quick exit), the greeting that started it included."""
        for key in [k for k, e in self._entries.items() if e.session == session or _started(e, session)]:
            del self._entries[key]

    def _drop(self, key: str, entry: _Entry) -> None:
        if self._entries.get(key) is entry:
            del self._entries[key]

    def _expire(self) -> None:
        now = self.clock()
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if entry.expires > now:
                break
            del self._entries[key]
