"""Starts the Rasa CLI with message content kept out of its logs and warnings silenced.

Rasa's structured logs carry what people wrote under keys such as `user_text`; here every
such value is replaced before it is written. Rasa 3.6 and its pinned, unmaintained
dependencies also print a screenful of deprecation warnings at every start, and Rasa resets
the warning filters, so PYTHONWARNINGS cannot silence them.
Usage: python -m bot.engine.launch <rasa arguments>
"""

import sys
import warnings
from typing import Any

# Keys under which Rasa's structured log events carry what people wrote (rasa/utils/log_utils.py
# lists them for its own, Pro-only, anonymisation hook).
CONTENT_KEYS = (
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message",
)  # fmt: skip


def _silent(*_args: object, **_kwargs: object) -> None:
    return None


def redact_event(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: the log line keeps its event name, never the content."""
    for key in CONTENT_KEYS:
        if key in event_dict:
            event_dict[key] = "[redacted]"
    return event_dict


def main() -> None:
    warnings.showwarning = _silent
    import rasa.utils.log_utils

    # configure_structlog() builds its processor chain from this module attribute when the CLI
    # starts, so replacing it here makes every structured log event pass through redaction.
    rasa.utils.log_utils._anonymizer = redact_event
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
