"""Find the State a story names ('the police in Spain', 'Nigerian soldiers', 'en España')."""

from __future__ import annotations

import re

from bot.legal.countries import index, normalise

MAX_WORDS = 6  # "Democratic People's Republic of Korea" and the like
SHORT_FORMS = {"US": "USA", "UK": "GBR", "USA": "USA", "DRC": "COD", "UAE": "ARE"}  # only in capitals


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
            if len(phrase) <= 2:
                continue
            if phrase in countries.ambiguous:
                return None
            iso3 = countries.names.get(phrase)
            if iso3:
                return iso3
    # Writing without spaces (Chinese) or a name glued to other letters: look for known names inside.
    joined = normalise(text).replace(" ", "")
    for name, iso3 in sorted(countries.names.items(), key=lambda item: -len(item[0])):
        if len(name) >= 2 and not name.isascii() and name.replace(" ", "") in joined:
            return iso3
    return None
