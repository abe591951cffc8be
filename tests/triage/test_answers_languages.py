"""Typed answers in every language are read as the person meant them (bot/triage/answers.py).

The words live in each language's lexicon (`answers:`); the examples in tests/triage/data/
say what people mean, one file per language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.triage import answers
from bot.understanding.harms import LEXICON

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 29)
LANGUAGES = ("fr", "es", "ru", "ar", "zh")

READERS = {
    "yes_no": lambda text, lang: answers.read_yes_no(None, text, lang),
    "victim": answers.read_victim,
    "victim_consent": lambda text, lang: answers.read_victim_consent(None, text, lang),
    "child": lambda text, lang: answers.read_child(None, text, lang),
    "continuing": lambda text, lang: answers.read_continuing(None, text, lang),
    "date": lambda text, lang: answers.read_date(text, TODAY, language=lang),
    "remedies": answers.read_remedies,
    "other_body": lambda text, lang: answers.read_other_body(None, text, lang),
    "committee": answers.read_committee,
    "other_status": answers.read_other_status,
    "fear": lambda text, lang: answers.read_fear(None, text, lang),
    "unknown": answers.unknown_words,
    "start_over": answers.start_over_words,
}


def keys(tree: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        found |= keys(value, path) if isinstance(value, dict) else {path}
    return found


def section(language: str) -> dict:
    return yaml.safe_load((LEXICON / f"{language}.yml").read_text(encoding="utf-8")).get("answers") or {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_answers_the_same_questions_as_english(language):
    assert keys(section(language)) == keys(section("en"))


def examples() -> list:
    found = []
    for path in sorted(DATA.glob("answers-*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]:
            # an item may be in another language than its file ('Al final no fuimos...')
            language = item.get("language", path.stem.removeprefix("answers-"))
            found.append(pytest.param(language, item, id=f"{language}-{item['reader']}-{item['text'][:30]}"))
    return found


@pytest.mark.parametrize(("language", "item"), examples())
def test_typed_answer_is_read_as_meant(language, item):
    expected = item["expect"]
    if isinstance(expected, bool) and item["reader"] not in ("unknown", "start_over"):
        expected = "yes" if expected else "no"  # YAML 1.1 reads a bare yes/no as a boolean
    if isinstance(expected, int) and not isinstance(expected, bool):
        expected = str(expected)  # a year
    assert READERS[item["reader"]](item["text"], language) == expected


def test_there_are_examples_in_every_language():
    languages = {path.stem.removeprefix("answers-") for path in DATA.glob("answers-*.yml")}
    assert set(LANGUAGES) <= languages
