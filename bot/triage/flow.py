"""One answer in the triage: read it, update the answers, choose what to say and ask next.

`step` is what the form's validation action calls for every message while the questions are
active. It never stores the person's words: a story becomes harm ids, a place an ISO code, a
date a year (bot.triage.readers). When an answer cannot be read, the question is asked again
(then with a way out); when the message asks to leave the questions (a person, delete, the
menu), the step declines it so that the dialogue's rules handle it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.triage import answers
from bot.triage.questions import BY_SLOT, NO, UNKNOWN, YES, Slots, clearing, next_question, to_reopen
from bot.triage.readers import READERS, Message, read_story
from bot.understanding.language import guess_language
from bot.understanding.urgency import sounds_urgent

__all__ = ["Message", "Note", "Step", "start", "step"]

# Intents that leave the questions for a moment; the dialogue rules answer them.
INTERRUPTIONS = frozenset(
    {"human", "delete_data", "show_menu", "learn_complaints", "choose_language", "show_summary"}
)
UNKNOWN_INTENTS = frozenset({"dont_know", "skip"})
# Questions where words are read first even when they sound unsure ('we don't know where he is').
READ_BEFORE_UNKNOWN = frozenset({"harms_confirmed", "country"})
MAX_MISSES_BEFORE_WAY_OUT = 2


@dataclass
class Note:
    """Something to say before the next question: a reply name and its values."""

    reply: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Step:
    updates: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    declined: bool = False  # not an answer: let the dialogue's rules handle the message
    next: str | None = None


def start(slots: Slots, message: Message) -> Step:
    """The questions begin or resume; after a finished check, a new story starts a new one."""
    step = Step()
    finished = slots.get("consent") == YES and next_question(slots) is None
    if finished and message.intent in ("find_procedure", "tell_story"):
        step.updates.update({q.slot: None for q in BY_SLOT.values() if q.slot != "consent"})
        step.updates.update({h: None for q in BY_SLOT.values() for h in q.helpers})
        step.updates.update({"harms": [], "urgent_hint": None})
    now = {**slots, **step.updates}
    if message.intent == "tell_story" and message.typed and now.get("harms_confirmed") is None:
        step.updates.update(read_story(now, message.text, message.language))
    step.next = next_question({**slots, **step.updates})
    step.updates["requested_slot"] = step.next
    return step


def step(slots: Slots, message: Message, today: date) -> Step:
    """The person answered (or did not answer) the question in `requested_slot`."""
    current = slots.get("requested_slot")
    typed_without_language = (
        message.intent == "choose_language" and message.typed and not message.names_language
    )
    if message.intent in INTERRUPTIONS and not typed_without_language:
        # (A typed 'spain' can look like a language request; it switches only with a language name.)
        return Step(declined=True)
    if current is None:
        return start(slots, message)

    result = Step()
    answered = False
    if message.intent == "why_ask":
        result.notes.append(Note(f"utter_why_{current}"))
    elif message.intent == "go_back":
        back = to_reopen(slots, message.choice, current)
        if back:
            result.updates.update(clearing(back, slots))
            result.notes.append(Note("utter_triage_going_back"))
            answered = True
        else:
            result.notes.append(Note("utter_triage_first_question"))
    else:
        updates = read(slots, message, current, today)
        if updates is None:
            misses = int(slots.get("triage_misses") or 0) + 1
            result.updates["triage_misses"] = float(misses)
            way_out = misses >= MAX_MISSES_BEFORE_WAY_OUT
            result.notes.append(Note("utter_triage_way_out" if way_out else "utter_triage_not_understood"))
        else:
            result.updates.update(updates)
            answered = True
    result.updates.setdefault("triage_misses", 0.0)

    now = {**slots, **result.updates}
    urgent_words = message.typed and sounds_urgent(message.text, guess_language(message.text))
    if urgent_words and now.get("urgent") != YES and current != "urgent":
        # Words that sound like danger soon: the urgent question comes next, to confirm.
        result.updates.update({"urgent_hint": True, "urgent": None})
        now.update({"urgent_hint": True, "urgent": None})
        answered = True
    if result.updates.get("urgent") == YES:
        result.notes.extend(urgent_notes(now))
    if result.updates.get("reprisals") == YES:
        result.notes.append(Note("utter_triage_reprisals_guidance"))
    if result.updates.get("consent") == NO:
        result.notes.append(Note("utter_triage_declined"))
    result.next = next_question(now) if answered else current  # no answer: ask the same again
    result.updates["requested_slot"] = result.next
    return result


def read(slots: Slots, message: Message, current: str, today: date) -> dict[str, Any] | None:
    """The updates an answer makes; 'I don't know' and 'skip' become unknown (not at consent)."""
    unsure = message.intent in UNKNOWN_INTENTS or (
        message.typed and answers.unknown_words(message.text, message.words_language)
    )
    if unsure and current != "consent":
        if current in READ_BEFORE_UNKNOWN and message.typed:
            updates = READERS[current](slots, message, today)
            new_harms = updates and updates.get("harms", []) != list(slots.get("harms") or [])
            new_state = updates and updates.get("country_candidates") not in (
                None,
                slots.get("country_candidates"),
            )
            if updates and (new_harms or new_state):
                return updates
        return unknown(slots, current)
    if unsure:
        return None
    return READERS[current](slots, message, today)


def urgent_notes(slots: Slots) -> list[Note]:
    notes = [Note("utter_triage_urgent_now")]
    if "enforced_disappearance" in (slots.get("harms") or []):
        notes.append(Note("utter_triage_urgent_disappearance"))
    return notes


def unknown(slots: Slots, current: str) -> dict[str, Any]:
    if current == "harms_confirmed":
        # Harms proposed from the person's own words stay; nothing is invented.
        return {"harms_confirmed": UNKNOWN, "harms": list(slots.get("harms") or [])}
    if current == "country":
        return {"country": UNKNOWN, "country_candidates": None, "country_stage": None}
    return {current: UNKNOWN}
