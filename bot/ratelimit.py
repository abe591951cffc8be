"""Per-person flood control: a token bucket for each pseudonym, kept in memory.

Pure logic with an injectable clock, so it is tested without sleeping. A person who writes
faster than a human reads gets a kind "please slow down" from the gateway; the engine never
sees the flood. Memory is bounded: idle buckets are forgotten.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# A burst of 20 messages, then one a second (60 a minute): above anyone typing or pressing
# buttons as fast as they can read, far below a script.
BURST = 20
REFILL_SECONDS = 1.0
MAX_PEOPLE = 50_000


class RateLimiter:
    def __init__(
        self,
        burst: int = BURST,
        refill_seconds: float = REFILL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_people: int = MAX_PEOPLE,
    ) -> None:
        self.burst, self.refill_seconds, self.clock, self.max_people = (
            burst,
            refill_seconds,
            clock,
            max_people,
        )
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # who -> (tokens, at)

    def allow(self, who: str) -> bool:
        """True when this person may send one more message now (and counts it)."""
        now = self.clock()
        tokens, at = self._buckets.pop(who, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - at) / self.refill_seconds)
        allowed = tokens >= 1.0
        self._buckets[who] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self.max_people:  # the longest idle goes first
            self._buckets.popitem(last=False)
        return allowed

    def forget(self, who: str) -> None:
        self._buckets.pop(who, None)
