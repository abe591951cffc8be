"""`make bench`: assessments per second for a typical case, on one core (target: 10,000/s)."""

from __future__ import annotations

import time
from datetime import date

from bot.legal.assess import assess
from bot.legal.data import load
from bot.legal.facts import parse_facts

TYPICAL = {
    "country": "ESP",
    "harms": ["torture_ill_treatment", "arbitrary_detention"],
    "victim": {"who": "relative", "consent": True, "child_at_time": False, "personally_affected": True},
    "events": {"start": "2023-05", "end": None, "continuing": True},
    "remedies": {"status": "exhausted", "final_decision": "2025-11", "raised_in_substance": True},
    "other_procedures": [{"body": "ECtHR", "status": "pending", "same_facts": True, "ended": None}],
    "urgent_risk": False,
    "today": "2026-11-28",
}
TARGET = 10_000


def measure(seconds: float = 3.0) -> float:
    data = load()
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(200):
            assess(parse_facts(TYPICAL, date(2026, 11, 28)), data, "ESP")
        count += 200
    return count / elapsed


def main() -> int:
    measure(0.5)  # warm up
    rate = measure()
    verdict = "meets" if rate >= TARGET else "MISSES"
    print(
        f"assessment: {rate:,.0f} assessments/s on one core (parse + assess, typical case)"
        f" — {verdict} the {TARGET:,}/s target"
    )
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
