"""Remember the language the person chose."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import gateway_signals

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def chosen_language(entities: list[dict[str, Any]], current: str | None) -> str:
    """The first recognised `language` entity; else keep what we had (English at first)."""
    for entity in entities:
        if entity.get("entity") == "language":
            value = str(entity.get("value", "")).strip().lower()
            if value in LANGUAGES:
                return value
    return current if current in LANGUAGES else "en"


class ActionSetLanguage(Action):
    def name(self) -> str:
        return "action_set_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        entities = tracker.latest_message.get("entities") or []
        language = chosen_language(entities, tracker.get_slot("language"))
        dispatcher.utter_message(json_message=gateway_signals.set_language(language))
        return [SlotSet("language", language)]
