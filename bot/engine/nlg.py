"""Rasa NLG that renders replies from dialogues/replies.yml in the conversation's language.

Configured in endpoints.yml (`nlg: type: bot.engine.nlg.CatalogNLG`); Rasa constructs it
in-process, so no conversation state travels to another service to be worded.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator

from bot.replies import Replies, normalise_language, settings_for_wording


class CatalogNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None, **_: Any) -> None:
        self.replies = Replies()

    async def generate(
        self, utter_action: str, tracker: Any, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        slots = tracker.current_slot_values()
        language = normalise_language(kwargs.get("language") or slots.get("language"))
        return self.replies.render(utter_action, language, {**settings_for_wording(), **slots, **kwargs})
