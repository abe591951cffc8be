"""Words that say someone is in danger soon (deportation, execution, torture, disappearance).

Patterns live in the language's lexicon (`urgent:`); a match moves the urgent-risk question
forward and offers an adviser at once. Recall matters more than precision: the person is
asked to confirm.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.understanding.harms import anchored, lexicon_or_english, prepared_text


@lru_cache(maxsize=8)
def pattern(language: str) -> re.Pattern[str] | None:
    document, source = lexicon_or_english(language)
    words = document.get("urgent") or []
    return anchored(words, source) if words else None


def sounds_urgent(text: str, language: str = "en") -> bool:
    found = pattern(language)
    return bool(found and found.search(prepared_text(text, language)))
