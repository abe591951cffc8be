"""pybabel extractor for dialogues/replies.yml (registered in locales/babel.cfg)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

from bot.replies import entries_from


def extract_replies(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Yield each reply text and translatable button title, with the reply name as comment."""
    data = entries_from(yaml.safe_load(fileobj.read().decode("utf-8")) or {})
    for name, entry in data.items():
        if entry.get("text"):
            yield 0, None, entry["text"], [name]
        for button in entry.get("buttons") or []:
            if button.get("translate", True):
                yield 0, None, button["title"], [f"{name} (button)"]
