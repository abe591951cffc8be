"""The questions of the triage, in order, and the answers each one offers as buttons.

A slot holds the answer to one question (None: not asked yet, "unknown": the person did not
know or skipped). Only ids, years and ISO codes are kept, never the person's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Slots = Mapping[str, Any]
UNKNOWN = "unknown"
YES, NO = "yes", "no"

COMMITTEES = ("CCPR", "CAT", "CERD", "CEDAW", "CRPD", "CED", "CESCR", "CRC", "CMW")
REGIONAL_BODIES = ("ECtHR", "IACHR", "ACHPR")


def _always(slots: Slots) -> bool:
    return True


def _for_someone_else(slots: Slots) -> bool:
    return slots.get("victim") in ("relative", "other_person", "organisation")


def _exhausted(slots: Slots) -> bool:
    return slots.get("remedies") == "exhausted"


def _other_un_committee(slots: Slots) -> bool:
    return slots.get("other_body") == "UN"


def _other_body_named(slots: Slots) -> bool:
    return slots.get("other_body") not in (None, "none", UNKNOWN)


@dataclass(frozen=True)
class Question:
    slot: str
    choices: tuple[str, ...] = ()  # button values besides "I don't know"
    applies: Callable[[Slots], bool] = _always
    helpers: tuple[str, ...] = ()  # state slots cleared with the answer (go back, change)


QUESTIONS: tuple[Question, ...] = (
    Question("consent", (YES, NO)),
    Question("harms_confirmed", helpers=("harms", "harms_stage")),
    Question("country", helpers=("country_candidates", "country_stage")),
    Question("victim", ("self", "relative", "other_person", "group", "organisation")),
    Question("victim_consent", (YES, NO, "cannot"), _for_someone_else),
    Question("victim_child", (YES, NO)),
    Question("events_start"),
    Question("events_continuing", (YES, NO)),
    Question(
        "remedies",
        ("exhausted", "pending", "not_tried", "unavailable", "ineffective", "unreasonably_prolonged"),
        helpers=("remedies_final",),
    ),
    Question("remedies_final", applies=_exhausted),
    Question("other_body", ("none", *REGIONAL_BODIES, "UN"), helpers=("other_committee", "other_status")),
    Question("other_committee", COMMITTEES, _other_un_committee),
    Question("other_status", ("pending", "decided", "withdrawn"), _other_body_named),
    Question("urgent", (YES, NO)),
    Question("reprisals", (YES, NO)),
)
BY_SLOT = {q.slot: q for q in QUESTIONS}
# Slots that only steer the conversation; they are stored and erased like the answers.
STATE_SLOTS = ("harms", "harms_stage", "country_candidates", "country_stage", "urgent_hint", "triage_misses")
ALL_SLOTS = tuple(q.slot for q in QUESTIONS) + STATE_SLOTS
# Asked early when the story already sounds urgent, so help is offered before the rest.
URGENT_EARLY_AFTER = "country"


def order(slots: Slots) -> list[Question]:
    """The questions in the order they are asked for these answers."""
    questions = list(QUESTIONS)
    if slots.get("urgent_hint"):
        urgent = BY_SLOT["urgent"]
        questions.remove(urgent)
        questions.insert([q.slot for q in questions].index(URGENT_EARLY_AFTER) + 1, urgent)
    return questions


def next_question(slots: Slots) -> str | None:
    """The first question that applies and has no answer; None when the triage is complete."""
    if slots.get("consent") == NO:
        return None
    for question in order(slots):
        if question.applies(slots) and slots.get(question.slot) is None:
            return question.slot
    return None


def answered(slots: Slots) -> list[str]:
    """The questions that apply and were answered, in order."""
    return [q.slot for q in order(slots) if q.applies(slots) and slots.get(q.slot) is not None]


def to_reopen(slots: Slots, chosen: str | None, current: str | None) -> str | None:
    """The answer 'back' or 'Change: …' reopens: the one chosen if answered, else the previous."""
    if chosen in BY_SLOT and slots.get(chosen) is not None:
        return chosen
    return previous(slots, current)


def clearing(slot: str, slots: Slots) -> dict[str, Any]:
    """Slot updates that reopen one answer (and what depends on it), so it is asked again."""
    question = BY_SLOT[slot]
    updates: dict[str, Any] = {slot: None}
    updates.update({helper: None for helper in question.helpers})
    if slot == "harms_confirmed":  # reopen the list with what was chosen, not the story
        updates.update({"harms": list(slots.get("harms") or []), "harms_stage": "edit"})
    return updates


def previous(slots: Slots, current: str | None) -> str | None:
    """The answered question just before `current` (the last answered one when None)."""
    done = answered(slots)
    if current is None:
        return done[-1] if done else None
    slots_in_order = [q.slot for q in order(slots)]
    before = slots_in_order[: slots_in_order.index(current)] if current in slots_in_order else []
    candidates = [s for s in done if s in before and s != "consent"]
    return candidates[-1] if candidates else None
