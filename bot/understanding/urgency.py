"""Words that say someone is in danger soon (deportation, execution, torture, disappearance).

Patterns live in the language's lexicon (`urgent:`); a match moves the urgent-risk question
forward and offers an adviser at once. Recall matters more than precision: the person is
asked to confirm.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from bot.understanding.harms import LEXICON, anchored, prepared_text


@lru_cache(maxsize=8)
def pattern(language: str) -> re.Pattern[str] | None:
    path = LEXICON / f"{language}.yml"
    if not path.exists():
        path = LEXICON / "en.yml"
    words = yaml.safe_load(path.read_text(encoding="utf-8")).get("urgent") or []
    if not words:
        return None
    return anchored(words, language if path.stem == language else "en")


def sounds_urgent(text: str, language: str = "en") -> bool:
    found = pattern(language)
    return bool(found and found.search(prepared_text(text, language)))
