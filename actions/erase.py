"""Delete the conversation, after the person confirmed it."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions import gateway_signals


class ActionDeleteData(Action):
    """Confirms, then asks the gateway to erase its rows and the engine's tracker."""

    def name(self) -> str:
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_data_deleted")
        dispatcher.utter_message(json_message=gateway_signals.erase())
        return [AllSlotsReset(), Restarted()]
