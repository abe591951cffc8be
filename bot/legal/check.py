"""`python -m bot data check`: validate every legal data file before the bot relies on it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from bot.legal.data import DATA, PROCEDURE_IDS, load_from, read_csv
from bot.legal.facts import HARMS

ISO3 = re.compile(r"^[A-Z]{3}$")
REQUIRED = (
    "committee",
    "instrument",
    "in_force",
    "lag",
    "lag_source",
    "temporal_basis",
    "temporal_clause",
    "fit",
    "fit_source",
    "standing",
    "exhaustion",
    "time_limit",
    "same_matter",
    "interim_measures",
)


def _header_mentions_source(path: Path) -> bool:
    head = path.read_text(encoding="utf-8")[:2000].lower()
    return "source" in head and ("as at" in head or "as_of" in head or "as of" in head)


def _check_dates(errors: list[str], where: str, *values: str | None) -> None:
    for value in values:
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                errors.append(f"{where}: {value!r} is not an ISO date")


def check_procedures(doc: dict[str, Any], errors: list[str]) -> None:
    if not doc.get("as_of"):
        errors.append("procedures.yml: no as_of date")
    procedures = doc.get("procedures", {})
    if set(procedures) != set(PROCEDURE_IDS):
        errors.append(f"procedures.yml: expected {PROCEDURE_IDS}, got {sorted(procedures)}")
    for pid, rules in procedures.items():
        for key in REQUIRED:
            if key not in rules:
                errors.append(f"procedures.yml {pid}: missing {key}")
        for group in ("strong", "possible"):
            for harm in rules.get("fit", {}).get(group, []):
                if harm not in HARMS:
                    errors.append(f"procedures.yml {pid}: unknown harm {harm!r}")
        _check_dates(errors, f"procedures.yml {pid}.in_force", rules.get("in_force"))
        for key in (
            "exhaustion",
            "time_limit",
            "same_matter",
            "interim_measures",
            "temporal_clause",
            "standing",
        ):
            if isinstance(rules.get(key), dict) and not rules[key].get("source"):
                errors.append(f"procedures.yml {pid}.{key}: no source")
        if rules.get("time_limit", {}).get("kind") not in ("none", "months_after_exhaustion", "abuse_rule"):
            errors.append(f"procedures.yml {pid}: unknown time_limit kind")
        if rules.get("in_force") is None and "not_in_force_reason" not in rules:
            errors.append(f"procedures.yml {pid}: not in force but no not_in_force_reason")


def check_acceptance(folder: Path, states: set[str], errors: list[str]) -> None:
    seen: dict[str, set[str]] = {}
    for number, row in enumerate(read_csv(folder / "acceptance.csv"), start=2):
        where = f"acceptance.csv row {number} ({row.get('iso3')}, {row.get('procedure')})"
        if not ISO3.match(row["iso3"]) or row["iso3"] not in states:
            errors.append(f"{where}: unknown ISO3 code")
        if row["procedure"] not in PROCEDURE_IDS:
            errors.append(f"{where}: unknown procedure")
        if row["accepted"] not in ("yes", "no"):
            errors.append(f"{where}: accepted must be yes or no")
        if row["accepted"] == "yes" and not row["date"]:
            errors.append(f"{where}: accepted without a date")
        if row["accepted"] == "yes" and row["parent_party"] != "yes":
            errors.append(f"{where}: accepted but not party to the parent treaty")
        if not row["source"] or not row["status_as_at"]:
            errors.append(f"{where}: no source or status date")
        _check_dates(errors, where, row["date"], row["parent_date"], row["status_as_at"])
        seen.setdefault(row["iso3"], set()).add(row["procedure"])
    for iso3 in sorted(states):
        missing = set(PROCEDURE_IDS) - seen.get(iso3, set())
        if missing:
            errors.append(f"acceptance.csv: {iso3} has no row for {sorted(missing)}")


def check_reservations(folder: Path, states: set[str], errors: list[str]) -> None:
    for number, row in enumerate(read_csv(folder / "reservations.csv"), start=2):
        where = f"reservations.csv row {number} ({row['iso3']}, {row['procedure']})"
        if row["iso3"] not in states or row["procedure"] not in PROCEDURE_IDS:
            errors.append(f"{where}: unknown State or procedure")
        if "same_matter" in row["type"] and not row["same_matter_bars"]:
            errors.append(f"{where}: same-matter reservation without same_matter_bars")
        if "temporal" in row["type"] and not row["temporal_from"]:
            errors.append(f"{where}: temporal reservation without temporal_from")
        value = row["temporal_from"]
        if value and value not in ("acceptance", "deposit", "declaration", "parent_treaty"):
            _check_dates(errors, where, value)
        if not row["source"]:
            errors.append(f"{where}: no source")


def check_states_and_regional(folder: Path, errors: list[str]) -> set[str]:
    states = {row["iso3"]: row["iso2"] for row in read_csv(folder / "states.csv")}
    territories = Locale.parse("en").territories
    for iso3, iso2 in states.items():
        if not ISO3.match(iso3) or iso2 not in territories:
            errors.append(f"states.csv: bad codes {iso3}/{iso2}")
    regional = yaml.safe_load((folder / "regional.yml").read_text(encoding="utf-8"))
    if not regional.get("as_of"):
        errors.append("regional.yml: no as_of date")
    for key, system in regional.get("systems", {}).items():
        for iso3 in [*system.get("states", []), *(system.get("former") or {})]:
            if iso3 not in states:
                errors.append(f"regional.yml {key}: unknown State {iso3}")
        if not system.get("time_limit", {}).get("source") or not system.get("source"):
            errors.append(f"regional.yml {key}: no source")
    aliases = yaml.safe_load((folder / "country_aliases.yml").read_text(encoding="utf-8"))
    for iso3 in [*aliases.get("aliases", {}), *(aliases.get("cities") or {})]:
        if iso3 not in states:
            errors.append(f"country_aliases.yml: unknown State {iso3}")
    for word, isos in (aliases.get("ambiguous") or {}).items():
        if len(isos) < 2 or any(iso3 not in states for iso3 in isos):
            errors.append(f"country_aliases.yml: ambiguous {word!r} must list two or more known States")
    return set(states)


def check(folder: Path = DATA) -> list[str]:
    """Every problem found, as one line each; an empty list means the data is sound."""
    errors: list[str] = []
    for name in (
        "acceptance.csv",
        "reservations.csv",
        "states.csv",
        "procedures.yml",
        "regional.yml",
        "country_aliases.yml",
        "denunciations.csv",
        "other_routes.yml",
    ):
        if not (folder / name).is_file():
            errors.append(f"{name}: missing")
        elif not _header_mentions_source(folder / name):
            errors.append(f"{name}: its header must say its source and as-of date")
    if errors:
        return errors
    states = check_states_and_regional(folder, errors)
    check_procedures(yaml.safe_load((folder / "procedures.yml").read_text(encoding="utf-8")), errors)
    check_acceptance(folder, states, errors)
    check_reservations(folder, states, errors)
    for number, row in enumerate(read_csv(folder / "denunciations.csv"), start=2):
        where = f"denunciations.csv row {number}"
        if row["iso3"] not in states or row["procedure"] not in PROCEDURE_IDS:
            errors.append(f"{where}: unknown State or procedure")
        _check_dates(errors, where, row["accepted_on"], row["notified"], row["effective"])
    routes = yaml.safe_load((folder / "other_routes.yml").read_text(encoding="utf-8"))
    for key, route in (routes.get("routes") or {}).items():
        if not route.get("source"):
            errors.append(f"other_routes.yml {key}: no source")
    if not errors:
        data = load_from(folder)  # the loader must accept what the checks passed
        assert len(data.acceptance) == len(states) * len(PROCEDURE_IDS)
    return errors
