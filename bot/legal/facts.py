"""The facts a person told the bot, validated strictly: unknown fields are errors, not ignored.

Input format: README "The assessment contract". Every field is optional except `country`;
null or missing means "unknown", which the assessment carries as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.legal.dates import PartialDate

HARMS = (
    "life",
    "torture_ill_treatment",
    "enforced_disappearance",
    "arbitrary_detention",
    "detention_conditions",
    "fair_trial",
    "expression_assembly_association",
    "religion_belief",
    "privacy_family_home",
    "political_participation",
    "movement_expulsion",
    "refoulement",
    "discrimination_race_ethnicity",
    "discrimination_women_gender",
    "gender_based_violence",
    "discrimination_other",
    "disability",
    "child_rights",
    "economic_social_cultural",
    "minority_indigenous_culture",
    "migrant_workers",
    "property",
)
WHO = ("self", "relative", "other_person", "group", "organisation")
REMEDY_STATUS = (
    "exhausted",
    "pending",
    "not_tried",
    "unavailable",
    "ineffective",
    "unreasonably_prolonged",
    "unknown",
)
BODIES = (
    "ECtHR",
    "IACHR",
    "ACHPR",
    "CCPR",
    "CAT",
    "CERD",
    "CEDAW",
    "CRPD",
    "CED",
    "CESCR",
    "CRC",
    "UN_special_procedure",
    "other",
)
OTHER_STATUS = ("pending", "decided", "withdrawn")


class FactsError(ValueError):
    """Invalid input; `field` names where (e.g. 'events.start', 'other_procedures[0].body')."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Victim:
    who: str | None = None
    consent: bool | None = None
    child_at_time: bool | None = None
    personally_affected: bool | None = None


@dataclass(frozen=True, slots=True)
class Events:
    start: PartialDate | None = None
    end: PartialDate | None = None
    continuing: bool | None = None


@dataclass(frozen=True, slots=True)
class Remedies:
    status: str | None = None
    final_decision: PartialDate | None = None
    raised_in_substance: bool | None = None


@dataclass(frozen=True, slots=True)
class OtherProcedure:
    body: str
    status: str
    same_facts: bool | None = None
    ended: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    country: str
    today: date
    harms: tuple[str, ...] = ()
    victim: Victim = field(default_factory=Victim)
    events: Events = field(default_factory=Events)
    remedies: Remedies = field(default_factory=Remedies)
    other_procedures: tuple[OtherProcedure, ...] = ()
    urgent_risk: bool | None = None


def _object(value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FactsError(where, "must be an object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        name = f"{where}.{unknown[0]}" if where else unknown[0]
        raise FactsError(name, f"unknown field (allowed: {', '.join(sorted(allowed))})")
    return value


def _choice(value: Any, where: str, choices: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise FactsError(where, f"must be one of {', '.join(choices)} (got {value!r})")
    return value


def _flag(value: Any, where: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise FactsError(where, f"must be true, false or null (got {value!r})")
    return value


def _date(value: Any, where: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise FactsError(where, str(error)) from None


def parse_facts(raw: Any, default_today: date) -> Facts:
    if not isinstance(raw, dict):
        raise FactsError("facts", "must be a JSON object")
    top = _object(
        raw,
        "",
        {"country", "harms", "victim", "events", "remedies", "other_procedures", "urgent_risk", "today"},
    )
    country = top.get("country")
    if not isinstance(country, str) or not country.strip():
        raise FactsError("country", "is required: an ISO code or a State's name")

    today = default_today
    if top.get("today") is not None:
        parsed = _date(top["today"], "today")
        if parsed is None or not parsed.is_exact:
            raise FactsError("today", "must be a full date YYYY-MM-DD")
        today = parsed.earliest

    harms_raw = top.get("harms") or []
    if not isinstance(harms_raw, list):
        raise FactsError("harms", "must be a list of harm ids")
    harms = tuple(dict.fromkeys(_choice(h, f"harms[{i}]", HARMS) for i, h in enumerate(harms_raw)))

    victim = _object(top.get("victim"), "victim", {"who", "consent", "child_at_time", "personally_affected"})
    events = _object(top.get("events"), "events", {"start", "end", "continuing"})
    remedies = _object(top.get("remedies"), "remedies", {"status", "final_decision", "raised_in_substance"})

    others_raw = top.get("other_procedures") or []
    if not isinstance(others_raw, list):
        raise FactsError("other_procedures", "must be a list")
    others = []
    for i, item in enumerate(others_raw):
        where = f"other_procedures[{i}]"
        entry = _object(item, where, {"body", "status", "same_facts", "ended"})
        body = _choice(entry.get("body"), f"{where}.body", BODIES)
        status = _choice(entry.get("status"), f"{where}.status", OTHER_STATUS)
        if body is None or status is None:
            raise FactsError(where, "needs a body and a status")
        others.append(
            OtherProcedure(
                body,
                status,
                _flag(entry.get("same_facts"), f"{where}.same_facts"),
                _date(entry.get("ended"), f"{where}.ended"),
            )
        )

    parsed_events = Events(
        _date(events.get("start"), "events.start"),
        _date(events.get("end"), "events.end"),
        _flag(events.get("continuing"), "events.continuing"),
    )
    if parsed_events.start and parsed_events.end and parsed_events.end.latest < parsed_events.start.earliest:
        raise FactsError("events.end", "is before events.start")
    return Facts(
        country=country.strip(),
        today=today,
        harms=harms,
        victim=Victim(
            _choice(victim.get("who"), "victim.who", WHO),
            _flag(victim.get("consent"), "victim.consent"),
            _flag(victim.get("child_at_time"), "victim.child_at_time"),
            _flag(victim.get("personally_affected"), "victim.personally_affected"),
        ),
        events=parsed_events,
        remedies=Remedies(
            _choice(remedies.get("status"), "remedies.status", REMEDY_STATUS),
            _date(remedies.get("final_decision"), "remedies.final_decision"),
            _flag(remedies.get("raised_in_substance"), "remedies.raised_in_substance"),
        ),
        other_procedures=tuple(others),
        urgent_risk=_flag(top.get("urgent_risk"), "urgent_risk"),
    )
