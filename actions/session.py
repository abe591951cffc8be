"""A new conversation starts in the language the person's browser or Telegram uses.

Replaces Rasa's default `action_session_start`: the same events (carrying the answers over to
a new session, as the domain asks), plus the `language` slot from the first message's
metadata when no language was chosen yet. The greeting then asks in that language, with the
six languages as buttons to confirm or switch.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import LANGUAGES

NOT_CARRIED = ("session_started_metadata", "requested_slot")


def start_events(slots: dict[str, Any], metadata: dict[str, Any] | None) -> list[EventType]:
    events: list[EventType] = [SessionStarted()]
    events += [
        SlotSet(name, value) for name, value in slots.items() if value is not None and name not in NOT_CARRIED
    ]
    hinted = (metadata or {}).get("language")
    if not slots.get("language") and hinted in LANGUAGES:
        events.append(SlotSet("language", hinted))
    events.append(ActionExecuted("action_listen"))
    return events


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return start_events(dict(tracker.slots), tracker.get_slot("session_started_metadata"))
