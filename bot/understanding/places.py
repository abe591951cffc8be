"""Find the State a story names ('the police in Spain', 'Nigerian soldiers', 'en España')."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.legal.countries import index, normalise

MAX_WORDS = 6  # "Democratic People's Republic of Korea" and the like
SHORT_FORMS = {"US": "USA", "UK": "GBR", "USA": "USA", "DRC": "COD", "UAE": "ARE"}  # only in capitals


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Names that are also everyday words: never a State on their own (Russian 'того' is Togo,
# Arabic 'مالي' is Mali and 'financial', French 'Dominique' is Dominica and a first name).
NOT_ON_THEIR_OWN = frozenset({"того", "мали", "مالي", "dominique"})
CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
ARABIC = re.compile(r"^[\u0600-\u06ff]+$")
RUSSIAN_ENDING = re.compile(r"[аяеиоуыюйь]+$")
ARABIC_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def russian_stem(word: str) -> str:
    """'минске' and 'минск', 'россии' and 'россия' share a stem: case endings differ, not stems."""
    stem = RUSSIAN_ENDING.sub("", word)
    return stem if len(stem) >= 3 else word


@lru_cache(maxsize=1)
def russian_stems() -> dict[str, str]:
    """Single-word Cyrillic names by stem (a stem two States share is left out)."""
    stems: dict[str, set[str]] = {}
    for name, iso3 in index().names.items():
        if " " not in name and CYRILLIC.match(name) and len(name) >= 4:
            stems.setdefault(russian_stem(name), set()).add(iso3)
    return {stem: next(iter(isos)) for stem, isos in stems.items() if len(isos) == 1}


def word_variants(word: str) -> list[str]:
    """The word as written, then without Arabic proclitics, or as a Russian stem."""
    if ARABIC.match(word):
        return [word] + [
            word[len(p) :] for p in ARABIC_PROCLITICS if word.startswith(p) and len(word) - len(p) >= 3
        ]
    return [word]


def find_country(text: str) -> str | None:
    """The first State named in the text (longest name first at each position), or None.

    Two-letter words ('us', 'in', 'no') are never read as country codes; a name shared by
    several States ('Congo') is left for the dialogue to ask about."""
    countries = index()
    for token in re.findall(r"\b[A-Z]{2,3}\b", text):
        if token in SHORT_FORMS:
            return SHORT_FORMS[token]
    words = normalise(text).split()
    for start in range(len(words)):
        for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + size])
            if len(phrase) <= 2 or phrase in NOT_ON_THEIR_OWN:
                continue
            if phrase in countries.ambiguous:
                break  # several States: look on, and ask if nothing else names one
            iso3 = countries.names.get(phrase)
            if iso3:
                return iso3
        for variant in word_variants(words[start])[1:]:
            if variant in countries.names:
                return countries.names[variant]
        if CYRILLIC.match(words[start]) and len(words[start]) >= 4 and words[start] not in NOT_ON_THEIR_OWN:
            iso3 = russian_stems().get(russian_stem(words[start]))
            if iso3:
                return iso3
    # Chinese is written without spaces: look for Chinese names inside the text.
    if HAN.search(text):
        joined = normalise(text).replace(" ", "")
        for name, iso3 in chinese_names():
            if name in joined:
                return iso3
    return None


@lru_cache(maxsize=1)
def chinese_names() -> list[tuple[str, str]]:
    """Names written in Chinese characters, longest first ('刚果金' before '刚果')."""
    names = [(name.replace(" ", ""), iso3) for name, iso3 in index().names.items() if HAN.search(name)]
    return sorted(names, key=lambda item: -len(item[0]))
