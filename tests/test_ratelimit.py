"""Flood control: a person may burst, then is slowed; others are not affected."""

from bot.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_a_flood_is_slowed_until_time_passes():
    clock = Clock()
    limiter = RateLimiter(burst=3, refill_seconds=2.0, clock=clock)
    assert [limiter.allow("a") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.allow("b")  # someone else is not affected
    clock.now = 2.0
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_memory_is_bounded_and_a_forgotten_person_starts_afresh():
    limiter = RateLimiter(burst=1, clock=Clock(), max_people=2)
    assert limiter.allow("a") and limiter.allow("b") and limiter.allow("c")
    assert len(limiter._buckets) == 2
    assert limiter.allow("a")  # 'a' was the longest idle, so it was dropped
    limiter.forget("b")
    assert limiter.allow("b")
