"""`python -m bot assess FILE|-` and `python -m bot data check`."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, TextIO

from bot.legal.assess import assess
from bot.legal.countries import UnknownCountry, index
from bot.legal.data import load
from bot.legal.facts import FactsError, parse_facts


def assess_json(raw: Any, today: date | None = None) -> dict[str, Any]:
    """Facts (as parsed JSON) -> the assessment. Raises FactsError or UnknownCountry."""
    facts = parse_facts(raw, today or date.today())
    try:
        iso3 = index().resolve(facts.country)
    except UnknownCountry as error:
        raise FactsError("country", str(error)) from None
    return assess(facts, load(), iso3)


def run_assess(
    path: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr
) -> int:
    try:
        text = stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror}", file=stderr)
        return 2
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        print(f"error: the facts are not valid JSON (line {error.lineno}, column {error.colno})", file=stderr)
        return 2
    try:
        result = assess_json(raw)
    except FactsError as error:
        print(f"error: {error}", file=stderr)
        return 2
    json.dump(result, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0


def run_check(stdout: TextIO = sys.stdout) -> int:
    from bot.legal.check import check

    errors = check()
    for line in errors:
        print(line, file=stdout)
    if errors:
        print(f"{len(errors)} problem(s) in the legal data", file=stdout)
        return 1
    data = load()
    print(
        f"legal data OK: {len(data.states)} States x {len(data.procedures)} procedures, "
        f"{sum(len(r) for r in data.reservations.values())} reservations, as of {data.as_of}",
        file=stdout,
    )
    return 0
