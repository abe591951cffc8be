"""Small helpers for reading assessments in tests."""

from datetime import date
from typing import Any

from bot.legal.commands import assess_json

TODAY = date(2026, 11, 28)
NEUTRAL = "PRT"  # accepted all eight procedures in force, no reservations


def run(**facts: Any) -> dict[str, Any]:
    facts.setdefault("country", NEUTRAL)
    facts.setdefault("today", TODAY.isoformat())
    return assess_json(facts)


def procedure(result: dict[str, Any], pid: str) -> dict[str, Any]:
    found = [p for p in result["procedures"] if p["procedure"] == pid]
    assert found, f"{pid} is not among the open procedures: {[p['procedure'] for p in result['procedures']]}"
    return found[0]


def check(result: dict[str, Any], pid: str, criterion: str) -> dict[str, Any]:
    checks = [c for c in procedure(result, pid)["checks"] if c["criterion"] == criterion]
    assert len(checks) == 1, f"{pid} has {len(checks)} {criterion} checks"
    return checks[0]


def status(result: dict[str, Any], pid: str, criterion: str) -> str:
    return check(result, pid, criterion)["status"]
