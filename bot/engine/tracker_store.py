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


def redact(event: dict[str, Any]) -> dict[str, Any]:
    """A copy of a serialised event without message text or metadata."""
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
        clean["parse_data"] = parse_data
    if isinstance(clean.get("data"), dict):
        clean["data"] = {k: v for k, v in clean["data"].items() if k in ("buttons",)}
    return clean


class RedactingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: Any) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redact(event.as_dict())
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
