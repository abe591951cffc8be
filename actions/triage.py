"""Rasa glue for the guided questions: the form's validation, the dynamic questions, the result.

All decisions are in bot.triage (pure, unit-tested); these classes only read the tracker and
turn the outcome into events and messages. The person's words are read here, in memory, and
never put into a slot, an event or a log.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.legal.commands import assess_json
from bot.legal.countries import UnknownCountry
from bot.legal.explain import explain
from bot.legal.facts import FactsError
from bot.replies import Replies, normalise_language, settings_for_wording
from bot.triage import answers, asking, flow, questions, readers, report
from bot.understanding import places

FORM = "triage_form"
REPLIES = Replies()
places.prepare()  # at start-up, not in the first person's turn
answers.prepare()


def language_of(tracker: Tracker) -> str:
    return normalise_language(tracker.get_slot("language"))


def slots_of(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in (*questions.ALL_SLOTS, "requested_slot")}


def latest_message(tracker: Tracker) -> readers.Message:
    latest = tracker.latest_message or {}
    choice = next(
        (str(e.get("value")) for e in latest.get("entities") or [] if e.get("entity") == "choice"), None
    )
    entities = latest.get("entities") or []
    names_language = any(e.get("entity") == "language" for e in entities)
    return readers.Message(
        (latest.get("intent") or {}).get("name"),
        latest.get("text") or "",
        choice,
        names_language,
        language_of(tracker),
    )


def answers_this_message(tracker: Tracker) -> bool:
    """True when the form runs straight after the person's message (not after another reply)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in (FORM, "action_listen", None):
            return False
    return False


def say(dispatcher: CollectingDispatcher, notes: list[flow.Note]) -> None:
    for note in notes:
        dispatcher.utter_message(response=note.reply, **note.values)


def send(dispatcher: CollectingDispatcher, messages: list[dict[str, Any]]) -> None:
    """Messages built here (text and buttons), already worded in the person's language."""
    for message in messages:
        dispatcher.utter_message(text=message.get("text"), buttons=message.get("buttons") or [])


def slot_events(updates: dict[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in updates.items()]


class ValidateTriageForm(Action):
    """Reads each answer; declines (the form is rejected) when the message is not an answer."""

    def name(self) -> str:
        return "validate_triage_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slots = slots_of(tracker)
        if not answers_this_message(tracker):  # back after an interruption: ask again
            return slot_events({"requested_slot": questions.next_question(slots), "triage_misses": 0.0})
        result = flow.step(slots, latest_message(tracker), date.today())
        if result.declined:
            return []
        say(dispatcher, result.notes)
        return slot_events(result.updates)


class AskQuestion(Action, ABC):
    """Asks one question of the form (Rasa calls `action_ask_<slot>`), in the person's language."""

    @property
    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        values = settings_for_wording()
        send(dispatcher, asking.ask(self.slot, slots_of(tracker), language_of(tracker), REPLIES, values))
        return []


# One asking action per question: AskConsent, AskHarmsConfirmed, AskCountry, ...
for _slot in questions.BY_SLOT:
    _name = "Ask" + "".join(part.title() for part in _slot.split("_"))
    globals()[_name] = type(_name, (AskQuestion,), {"slot": _slot, "__module__": __name__})


class ActionTriageResult(Action):
    """The assessment of the answers, in plain language, with what to do next."""

    def name(self) -> str:
        return "action_triage_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slots = slots_of(tracker)
        if slots.get("consent") == questions.NO:
            return slot_events({name: None for name in questions.ALL_SLOTS})
        facts = report.facts_from(slots)
        if facts is None:
            dispatcher.utter_message(response="utter_result_without_state")
            return []
        try:
            result = assess_json(facts, date.today())
        except (FactsError, UnknownCountry):
            dispatcher.utter_message(response="utter_result_without_state")
            return []
        send(dispatcher, explain(result, language_of(tracker), REPLIES))
        return []


class ActionTriageSummary(Action):
    """Every answer so far, each with a button to change it."""

    def name(self) -> str:
        return "action_triage_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        send(dispatcher, [report.summary(slots_of(tracker), language_of(tracker), REPLIES)])
        return []


class ActionTriageChange(Action):
    """Forgets one answer (the one chosen, else the last) so the questions ask it again."""

    def name(self) -> str:
        return "action_triage_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slots = slots_of(tracker)
        target = questions.to_reopen(slots, latest_message(tracker).choice, None)
        if target is None or target == "consent":
            return []
        return slot_events({**questions.clearing(target, slots), "requested_slot": None})
