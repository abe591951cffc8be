"""Every message is translated in every language: none missing, none fuzzy, same placeholders."""

import re

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")
TRANSLATED = ("ar", "es", "fr", "ru", "zh")  # English is the source text


def catalog(language: str):
    with (ROOT / f"locales/{language}/LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle)


def template_ids() -> set[str]:
    with (ROOT / "locales/messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_checked(language):
    messages = {m.id: m for m in catalog(language) if m.id}
    missing = sorted(i for i in template_ids() if i not in messages or not messages[i].string)
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:3]}"
    fuzzy = sorted(m.id for m in messages.values() if m.fuzzy)
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy[:3]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_are_kept_exactly(language):
    wrong = [
        m.id for m in catalog(language)
        if m.id and m.string and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]  # fmt: skip
    assert wrong == []
