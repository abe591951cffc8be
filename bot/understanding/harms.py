"""Propose harm categories for a story, from a lexicon of words people use (lexicon/<lang>.yml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.legal.facts import HARMS

LEXICON = Path(__file__).resolve().parent / "lexicon"

# Speed: the text is lower-cased once and the patterns are matched case-sensitively, with their
# groups made non-capturing. Python's regex engine then skips, by their first letter, the
# alternatives that cannot start at a position; with re.IGNORECASE and capturing groups it has
# to enter every one of them at every word start (a 4,000-character message took ~4x longer).
_ESCAPE_OR_TEXT = re.compile(r"(\\.)|([^\\]+)", re.DOTALL)
_CAPTURING_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def _prepared(pattern: str) -> str:
    """The pattern lower-cased outside its escapes (\\W stays \\W), with non-capturing groups."""
    lowered = _ESCAPE_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)
    return _CAPTURING_GROUP.sub("(?:", lowered)


# Where a pattern may start. Chinese has no spaces, so anywhere; Arabic glues the conjunctions
# and prepositions و ف ب ل ك and the article ال to the next word; the others start a word.
WORD_START = {
    "zh": "",
    "ar": r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])ال)|(?<=(?<![\w])[وفبلك]ال)"
    r"|(?<=(?<![\w])لل)|(?<=(?<![\w])[وفبك]لل))",
}
DEFAULT_WORD_START = r"(?<![\w])"


def anchored(words: list[str], language: str) -> re.Pattern[str]:
    start = WORD_START.get(language, DEFAULT_WORD_START)
    return re.compile(start + "(?:" + "|".join(f"(?:{_prepared(p)})" for p in words) + ")")


@lru_cache(maxsize=8)
def lexicon(language: str) -> dict[str, Any]:
    """The parsed word lists of one language (lexicon/<lang>.yml), or {} when there is none.

    Harms, urgency, typed answers and place cues all read this one parse."""
    path = LEXICON / f"{language}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def lexicon_or_english(language: str) -> tuple[dict[str, Any], str]:
    """The language's word lists, or English's when it has none, and whose they are."""
    return (lexicon(language), language) if lexicon(language) else (lexicon("en"), "en")


@lru_cache(maxsize=8)
def patterns(language: str) -> dict[str, re.Pattern[str]]:
    document, source = lexicon_or_english(language)
    harms = document["harms"]
    unknown = set(harms) - set(HARMS)
    if unknown:
        raise ValueError(f"{source}.yml: unknown harm ids {sorted(unknown)}")
    return {harm: anchored(words, source) for harm, words in harms.items()}


ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # short vowels, shadda, sukun, tatweel


def prepared_text(text: str, language: str) -> str:
    """Lower-cased; Arabic without the vowel marks and tatweel people add or leave out."""
    text = text.lower()
    return ARABIC_MARKS.sub("", text) if language == "ar" else text


def detect(text: str, language: str = "en") -> list[str]:
    """Harm ids the text suggests, in the order they are first mentioned."""
    text = prepared_text(text, language)
    found = []
    for harm, pattern in patterns(language).items():
        match = pattern.search(text)
        if match:
            found.append((match.start(), HARMS.index(harm), harm))
    return [harm for _, _, harm in sorted(found)]
