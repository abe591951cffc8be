"""Every rule's source can be shown to the person in their language (bot/legal/citations.py)."""

from __future__ import annotations

import pytest
import yaml

from bot.legal.citations import cite, parts, unknown_parts
from bot.legal.data import DATA, load
from bot.replies import Replies

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def sources() -> set[str]:
    found: set[str] = {"UN Treaty Collection status", "UNTC"}

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and "source" in key:
            found.add(node)

    for name in ("procedures", "regional", "other_routes"):
        walk(yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8")))
    found |= {f"{r.source} (State declaration)" for rs in load().reservations.values() for r in rs}
    return found


def test_every_source_in_the_data_is_a_citation_we_can_word():
    assert {s: unknown_parts(s) for s in sources() if unknown_parts(s)} == {}


def test_remarks_for_maintainers_and_provenance_are_not_shown():
    assert parts("CCPR rules of procedure, rule 99(c) (rule 96(c) before 2019)") == [
        "CCPR rules of procedure, rule 99(c)"
    ]
    assert parts("OP1 art. 1: individuals who claim to be victims") == ["OP1 art. 1"]
    declaration = "UNTC IV-5 declarations (mgaldino/treaties@746a24f:data/x.html) (State declaration)"
    assert parts(declaration) == ["UNTC IV-5 declarations"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_citations_are_worded_in_every_language(language):
    replies = Replies()

    def say(name: str, /, **values: object) -> str:
        worded = replies.render(name, language, values)
        assert worded is not None, name
        return worded["text"]

    for source in sources():
        worded = cite(source, say)
        assert worded and "{" not in worded, source
    assert "5(2)(b)" in cite("OP1 art. 5(2)(b)", say)
