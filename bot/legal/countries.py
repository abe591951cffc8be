"""Find the State a person means: ISO codes, UN and everyday names in the six UN languages.

Names come from the UN Treaty Collection (English) and Babel's territory names (ar, en, es,
fr, ru, zh), plus everyday names and demonyms in data/country_aliases.yml.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml
from babel import Locale

from bot.legal.data import DATA, State, load

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


class UnknownCountry(ValueError):
    def __init__(self, text: str, suggestions: list[str]) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country {text!r}{hint}")
        self.suggestions = suggestions


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form ('Côte d’Ivoire' -> 'cote d ivoire')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", stripped).split()
    if words and words[0] in ("the", "la", "le", "el", "les", "los", "las", "l"):
        words = words[1:]
    return " ".join(words)


class AmbiguousCountry(UnknownCountry):
    """A name used for several States (e.g. 'Korea', 'Congo'): ask which one."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        ValueError.__init__(self, f"{text!r} can mean several States: {', '.join(suggestions)}")
        self.suggestions = suggestions


@dataclass(frozen=True)
class CountryIndex:
    names: dict[str, str]  # normalised name -> iso3
    kinds: dict[str, str]  # normalised name -> 'name', 'demonym' or 'place' (a city, region, site)
    ambiguous: dict[str, list[str]]  # normalised name -> several iso3
    codes: dict[str, str]  # ISO 3166 alpha-2 and alpha-3 code -> iso3 (upper case only)
    display: dict[str, str]  # English display name -> iso3 (for suggestions)

    def resolve(self, text: str) -> str:
        key = text.strip()
        if key in self.codes:  # 'ES', 'ESP' — but not the word 'es' or 'no'
            return self.codes[key]
        by_iso = {iso: name for name, iso in self.display.items()}
        if normalise(key) in self.ambiguous:
            raise AmbiguousCountry(text, [by_iso[iso] for iso in self.ambiguous[normalise(key)]])
        found = self.names.get(normalise(key))
        if found:
            return found
        close = difflib.get_close_matches(normalise(key), list(self.names), n=8, cutoff=0.75)
        suggestions = list(dict.fromkeys(by_iso[self.names[c]] for c in close))[:5]
        raise UnknownCountry(text, suggestions)


def build_index(states: dict[str, State]) -> CountryIndex:
    names: dict[str, str] = {}
    iso2 = {state.iso2: state.iso3 for state in states.values()}
    for state in states.values():
        names[normalise(state.name)] = state.iso3
    for language in LANGUAGES:
        territories = Locale.parse(language).territories
        for code, iso3 in iso2.items():
            if code in territories:
                names.setdefault(normalise(territories[code]), iso3)
    kinds = dict.fromkeys(names, "name")
    document = yaml.safe_load((DATA / "country_aliases.yml").read_text(encoding="utf-8"))
    for section in ("aliases", "cities"):
        for iso3, words in (document.get(section) or {}).items():
            for word in words:
                names[normalise(word)] = iso3
                kinds.setdefault(normalise(word), "place" if section == "cities" else "name")
    for path in sorted((DATA / "places").glob("*.yml")):
        extra = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section, kind in (("names", "name"), ("demonyms", "demonym"), ("cities", "place")):
            for iso3, words in (extra.get(section) or {}).items():
                for word in words:
                    key = normalise(str(word))
                    if key and iso3 in states:
                        names.setdefault(key, iso3)
                        if kind != "name" or key not in kinds:
                            kinds[key] = kind
    ambiguous = {normalise(word): list(isos) for word, isos in (document.get("ambiguous") or {}).items()}
    display = {s.name: s.iso3 for s in states.values()}  # UN names, for suggestions
    codes = {code: s.iso3 for s in states.values() for code in (s.iso2, s.iso3)}
    return CountryIndex(names, kinds, ambiguous, codes, display)


@lru_cache(maxsize=1)
def index() -> CountryIndex:
    return build_index(load().states)


def name_of(iso3: str, language: str = "en") -> str:
    """A State's name by ISO code in one of the six languages (the code itself if unknown)."""
    states = load().states
    return display_name(states[iso3], language) if iso3 in states else iso3


def display_name(state: State, language: str = "en") -> str:
    """A State's name in one of the six languages (UN spelling in English)."""
    if language == "en":
        return state.name
    return Locale.parse(language).territories.get(state.iso2, state.name)
