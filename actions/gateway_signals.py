"""Instructions from an action to the gateway, carried as a custom payload.

The gateway strips these from what the person sees and acts on them.
"""

from typing import Any

LANGUAGE = "set_language"
ERASE = "erase_conversation"


def set_language(code: str) -> dict[str, Any]:
    return {"gateway": {LANGUAGE: code}}


def erase() -> dict[str, Any]:
    return {"gateway": {ERASE: True}}
