"""What the answers amount to: the facts for the assessment, and a summary the person can check.

Pure: slots in; the assessment's facts (README "The assessment contract") or summary lines out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_skeleton

from bot.legal.countries import name_of
from bot.replies import Replies
from bot.triage.asking import choose, harm_title, text_of
from bot.triage.questions import NO, UNKNOWN, YES, Slots, answered

FLAGS = {YES: True, NO: False, "cannot": False}


def known(value: Any) -> Any:
    return None if value in (None, UNKNOWN) else value


def facts_from(slots: Slots) -> dict[str, Any] | None:
    """The assessment's input, or None while the State is not known."""
    country = known(slots.get("country"))
    if country is None:
        return None
    who = known(slots.get("victim"))
    victim = {
        "who": who,
        "consent": FLAGS.get(slots.get("victim_consent")) if who not in (None, "self", "group") else None,
        "child_at_time": FLAGS.get(slots.get("victim_child")),
    }
    remedies = {
        "status": known(slots.get("remedies")),
        "final_decision": known(slots.get("remedies_final"))
        if slots.get("remedies") == "exhausted"
        else None,
    }
    others = []
    body = known(slots.get("other_body"))
    if body not in (None, "none"):
        if body == "UN":
            body = known(slots.get("other_committee")) or "other"
        # An unknown status is read as the cautious one: the case may still be there.
        others.append({"body": body, "status": known(slots.get("other_status")) or "pending"})
    return {
        "country": country,
        "harms": list(slots.get("harms") or []),
        "victim": {k: v for k, v in victim.items() if v is not None},
        "events": {
            k: v
            for k, v in {
                "start": known(slots.get("events_start")),
                "continuing": FLAGS.get(slots.get("events_continuing")),
            }.items()
            if v is not None
        },
        "remedies": {k: v for k, v in remedies.items() if v is not None},
        "other_procedures": others,
        "urgent_risk": FLAGS.get(slots.get("urgent")),
    }


def written_date(value: str, language: str) -> str:
    """'2019-03' -> 'March 2019' as the language writes it; a year stays a year."""
    if len(value) == 7:
        return format_skeleton("yMMMM", date(int(value[:4]), int(value[5:]), 1), locale=language)
    return value


def answer_text(slot: str, slots: Slots, language: str, replies: Replies) -> str:
    """An answer as the person chose it: the button title, a State's name, a year."""
    value = slots.get(slot)
    if value == UNKNOWN:
        return text_of(replies, "button_dont_know", language)
    if slot == "harms_confirmed":
        harms = slots.get("harms") or []
        return ", ".join(harm_title(replies, h, language) for h in harms) or text_of(
            replies, "button_dont_know", language
        )
    if slot == "country":
        return name_of(str(value), language)
    if slot in ("events_start", "remedies_final"):
        return written_date(str(value), language)
    question = replies.render(f"utter_ask_{slot}", language) or {}
    for button in question.get("buttons", []):
        if button["payload"] == choose(str(value)):
            return button["title"]
    return str(value)


def summary(slots: Slots, language: str, replies: Replies) -> dict[str, Any]:
    """Every answer given, each with a button to change it."""
    slots_answered = [s for s in answered(slots) if s != "consent"]
    if not slots_answered:
        return replies.render("utter_summary_empty", language) or {"text": "utter_summary_empty"}
    lines = [text_of(replies, "utter_summary_title", language)]
    buttons = []
    for slot in slots_answered:
        label = text_of(replies, f"label_{slot}", language)
        lines.append(f"• {label}: {answer_text(slot, slots, language, replies)}")
        buttons.append(
            {
                "title": text_of(replies, "button_change", language, question=label),
                "payload": "/go_back" + choose(slot)[len("/inform") :],
            }
        )
    return {"text": "\n".join(lines), "buttons": buttons}
