"""One reader per question: the slot updates an answer makes, or None when it cannot be read.

A button carries its value (`choice`); typed words are read by bot.triage.answers. Nothing
here keeps the person's words: only ids, years and ISO codes come out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.legal.countries import AmbiguousCountry, UnknownCountry, index
from bot.legal.facts import HARMS
from bot.triage import answers
from bot.triage.questions import BY_SLOT, NO, YES, Slots
from bot.understanding.harms import detect
from bot.understanding.language import guess_language, script_language
from bot.understanding.places import find_country
from bot.understanding.urgency import sounds_urgent

Updates = dict[str, Any]
# Harms where danger soon is common: the urgent-risk question is asked early for them.
URGENT_HARMS = frozenset({"enforced_disappearance", "refoulement"})


@dataclass(frozen=True)
class Message:
    """The latest message, as the action server sees it (never stored)."""

    intent: str | None
    text: str = ""
    choice: str | None = None  # the value a button carried, e.g. 'exhausted', 'harm:life', 'ESP'
    names_language: bool = False  # the NLU found a language name ('français', 'по-русски')
    language: str = "en"  # the conversation's language

    @property
    def words_language(self) -> str:
        """The language to read typed words in: the script decides, else the conversation's."""
        return script_language(self.text) or self.language

    @property
    def typed(self) -> bool:
        return self.choice is None and not self.text.startswith("/")


Reader = Callable[[Slots, Message, date], Updates | None]


def choice_in(message: Message, slot: str) -> str | None:
    return message.choice if message.choice in BY_SLOT[slot].choices else None


def yes_or_no(message: Message) -> str | None:
    """A clear yes or no: a button, the affirm/deny intent, or a short typed answer."""
    if message.choice in (YES, NO):
        return message.choice
    if message.intent in ("affirm", "deny"):
        return YES if message.intent == "affirm" else NO
    return answers.read_yes_no(None, message.text, message.words_language) if message.typed else None


def read_story(slots: Slots, text: str, conversation_language: str = "en") -> Updates:
    """Harm ids, a State to confirm and an urgency hint from the person's own words.

    The words decide the language, whatever language the buttons are in; a Latin-script story
    is also read with the conversation's word list, in case the guess was wrong ('Juan Pérez,
    police detained me' is not French)."""
    language = guess_language(text)
    readings = dict.fromkeys([language] + ([conversation_language] if not script_language(text) else []))
    found = list(dict.fromkeys(harm for lang in readings for harm in detect(text, lang)))
    proposed = list(dict.fromkeys([*(slots.get("harms") or []), *found]))
    updates: Updates = {"harms": proposed, "harms_stage": "proposed" if proposed else "edit"}
    if slots.get("country") is None:
        iso3 = find_country(text, language)
        if iso3:
            updates["country_candidates"] = [iso3]
            updates["country_stage"] = "confirm"
    if any(sounds_urgent(text, lang) for lang in readings) or URGENT_HARMS & set(found):
        updates["urgent_hint"] = True
    return updates


def read_consent(slots: Slots, message: Message, today: date) -> Updates | None:
    """Only a clear yes starts the questions; a story told here is kept for after the yes."""
    if message.typed and message.intent == "tell_story":
        return read_story(slots, message.text, message.language)
    value = choice_in(message, "consent") or (
        message.intent if message.intent in ("affirm", "deny") else None
    )
    if value in ("affirm", "deny"):
        value = YES if value == "affirm" else NO
    return None if value is None else {"consent": value}


def read_harms(slots: Slots, message: Message, today: date) -> Updates | None:
    stage = slots.get("harms_stage")
    harms = list(slots.get("harms") or [])
    choice = message.choice or ""
    if choice.startswith("harm:") and choice[5:] in HARMS:
        harm = choice[5:]
        harms = [h for h in harms if h != harm] if harm in harms else [*harms, harm]
        return {"harms": harms, "harms_stage": "edit"}
    if choice == "edit":
        return {"harms_stage": "edit"}
    if choice == "done" or (stage == "proposed" and (choice == YES or message.intent == "affirm")):
        return {"harms_confirmed": YES if harms else "unknown", "harms": harms}
    if message.typed and message.text.strip():
        story = read_story(slots, message.text, message.language)  # the story, more of it, a correction
        if message.intent == "deny":  # 'no, it was torture': correct it on the list
            story["harms_stage"] = "edit"
        return story
    if stage == "proposed" and message.intent == "deny":
        return {"harms_stage": "edit"}
    return None


def read_country(slots: Slots, message: Message, today: date) -> Updates | None:
    """A State from a button, or from typed words confirmed with a button ('the police in Lagos')."""
    candidates = list(slots.get("country_candidates") or [])
    confirming = slots.get("country_stage") == "confirm" and bool(candidates)
    choice = message.choice or ""
    states = index()
    if choice in states.codes.values():
        return {"country": choice, "country_candidates": None, "country_stage": None}
    if choice == "list" or (choice.startswith("letter:") and len(choice) == 8):
        return {"country_stage": choice, "country_candidates": None}
    if message.typed and message.text.strip():
        found = typed_country(message.text)
        if found is not None and found["country_candidates"] != candidates:
            return found
    answer = yes_or_no(message) if confirming else None
    if answer == YES:
        return {"country": candidates[0], "country_candidates": None, "country_stage": None}
    if answer == NO:
        return {"country_candidates": None, "country_stage": "list"}
    return None


def typed_country(text: str) -> Updates | None:
    """A State to confirm, several to choose from (an ambiguous name, a typo), or None."""
    states = index()
    try:
        return {"country_candidates": [states.resolve(text)], "country_stage": "confirm"}
    except AmbiguousCountry as error:
        codes = [states.display[name] for name in error.suggestions if name in states.display]
        return {"country_candidates": codes, "country_stage": "choose"} if codes else None
    except UnknownCountry as error:
        found = find_country(text)
        if found:
            return {"country_candidates": [found], "country_stage": "confirm"}
        codes = [states.display[name] for name in error.suggestions if name in states.display][:5]
        if not codes:
            return None
        return {"country_candidates": codes, "country_stage": "confirm" if len(codes) == 1 else "choose"}


def read_remedies(slots: Slots, message: Message, today: date) -> Updates | None:
    """'The supreme court rejected it in 2021' answers two questions at once."""
    value = choice_in(message, "remedies")
    if value is None and message.typed:
        value = answers.read_remedies(message.text, message.words_language)
    if value is None:
        return None
    updates: Updates = {"remedies": value}
    if message.typed and value == "exhausted":
        final = answers.read_date(message.text, today, latest=True, language=message.words_language)
        if final:
            updates["remedies_final"] = final
    return updates


def read_urgent(slots: Slots, message: Message, today: date) -> Updates | None:
    """Yes or no, or the danger described ('he will be deported tomorrow')."""
    value = choice_in(message, "urgent")
    if value is None and message.typed and sounds_urgent(message.text, guess_language(message.text)):
        value = YES
    value = value or yes_or_no(message)
    return None if value is None else {"urgent": value}


def simple(slot: str, read: Callable[[Message, date], str | None]) -> Reader:
    """A reader for a question answered by one button or one typed phrase."""

    def reader(slots: Slots, message: Message, today: date) -> Updates | None:
        value = choice_in(message, slot)
        if value is None and message.typed:
            value = read(message, today)
        return None if value is None else {slot: value}

    return reader


READERS: dict[str, Reader] = {
    "consent": read_consent,
    "harms_confirmed": read_harms,
    "country": read_country,
    "victim": simple("victim", lambda m, t: answers.read_victim(m.text, m.words_language)),
    "victim_consent": simple(
        "victim_consent", lambda m, t: answers.read_victim_consent(m.intent, m.text, m.words_language)
    ),
    "victim_child": simple(
        "victim_child", lambda m, t: answers.read_child(m.intent, m.text, m.words_language)
    ),
    "events_start": simple(
        "events_start", lambda m, t: answers.read_date(m.text, t, language=m.words_language)
    ),
    "events_continuing": simple(
        "events_continuing", lambda m, t: answers.read_continuing(m.intent, m.text, m.words_language)
    ),
    "remedies": read_remedies,
    "remedies_final": simple(
        "remedies_final", lambda m, t: answers.read_date(m.text, t, latest=True, language=m.words_language)
    ),
    "other_body": simple(
        "other_body", lambda m, t: answers.read_other_body(m.intent, m.text, m.words_language)
    ),
    "other_committee": simple(
        "other_committee", lambda m, t: answers.read_committee(m.text, m.words_language)
    ),
    "other_status": simple("other_status", lambda m, t: answers.read_other_status(m.text, m.words_language)),
    "urgent": read_urgent,
    "reprisals": simple("reprisals", lambda m, t: answers.read_fear(m.intent, m.text, m.words_language)),
}
