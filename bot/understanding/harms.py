"""Propose harm categories for a story, from a lexicon of words people use (lexicon/<lang>.yml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.legal.facts import HARMS

LEXICON = Path(__file__).resolve().parent / "lexicon"


@lru_cache(maxsize=8)
def patterns(language: str) -> dict[str, re.Pattern[str]]:
    path = LEXICON / f"{language}.yml"
    if not path.exists():
        path = LEXICON / "en.yml"
    harms = yaml.safe_load(path.read_text(encoding="utf-8"))["harms"]
    unknown = set(harms) - set(HARMS)
    if unknown:
        raise ValueError(f"{path.name}: unknown harm ids {sorted(unknown)}")
    return {
        harm: re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in words) + r")", re.IGNORECASE)
        for harm, words in harms.items()
    }


def detect(text: str, language: str = "en") -> list[str]:
    """Harm ids the text suggests, in the order they are first mentioned."""
    found = []
    for harm, pattern in patterns(language).items():
        match = pattern.search(text)
        if match:
            found.append((match.start(), HARMS.index(harm), harm))
    return [harm for _, _, harm in sorted(found)]
