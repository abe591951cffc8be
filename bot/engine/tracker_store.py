"""Rasa's SQL tracker store, minus what people wrote.

Rasa keeps every message's raw text (and channel metadata) in its `events` table. Dialogue
prediction needs only intents, entities, slots and actions, so this store blanks the
text of user and bot events and drops metadata before anything reaches the database.
A seized or leaked tracker database then holds no testimony.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.nlu.constants import INTENT_NAME_KEY

REDACTED_EVENTS = {"user", "bot", "user_featurization"}


def redact_entity(entity: dict[str, Any], allowed: dict[str, set[str]]) -> dict[str, Any]:
    """Keep the entity's type; keep its value only if it is one of the domain's own values
    (a language code, say), never a span of what the person wrote."""
    value = entity.get("value")
    kept = value if isinstance(value, str) and value in allowed.get(entity.get("entity", ""), set()) else None
    return {"entity": entity.get("entity"), "value": kept, "extractor": entity.get("extractor")}


def redact(event: dict[str, Any], allowed: dict[str, set[str]] | None = None) -> dict[str, Any]:
    """A copy of a serialised event without message text, entity spans or metadata."""
    if event.get("event") not in REDACTED_EVENTS:
        return event
    clean = dict(event)
    if "text" in clean:
        clean["text"] = None
    clean.pop("metadata", None)
    if isinstance(clean.get("parse_data"), dict):
        parse_data = dict(clean["parse_data"])
        parse_data["text"] = None
        parse_data.pop("metadata", None)
        parse_data["entities"] = [redact_entity(e, allowed or {}) for e in parse_data.get("entities") or []]
        clean["parse_data"] = parse_data
    if isinstance(clean.get("data"), dict):
        clean["data"] = {k: v for k, v in clean["data"].items() if k in ("buttons",)}
    return clean


def categorical_values(domain: Any) -> dict[str, set[str]]:
    """Slot name -> the values the domain itself defines (categorical slots only)."""
    values: dict[str, set[str]] = {}
    for slot in getattr(domain, "slots", None) or []:
        if getattr(slot, "values", None):
            values[slot.name] = {str(v) for v in slot.values}
    return values


class RedactingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: Any) -> None:
        await self.stream_events(tracker)
        allowed = categorical_values(self.domain)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redact(event.as_dict(), allowed)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
