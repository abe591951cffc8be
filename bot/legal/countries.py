"""Find the State a person means: ISO codes, UN and everyday names in the six UN languages.

Names come from the UN Treaty Collection (English) and Babel's territory names (ar, en, es,
fr, ru, zh), plus everyday names and demonyms in data/country_aliases.yml.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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


def normalise(text: str, keep_article: bool = False) -> str:
    """Case-, accent- and punctuation-insensitive form ('Côte d’Ivoire' -> 'cote d ivoire').

    A leading article is dropped ('the Gambia'), except from place names where it is part of
    the name ('La Paz', 'El Paso': 'paz' and 'paso' are everyday words)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", stripped).split()
    if not keep_article and words and words[0] in ("the", "la", "le", "el", "les", "los", "las", "l"):
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
    official: frozenset[str] = frozenset()  # UN and Babel names (normalised)
    acronyms: tuple[tuple[str, str, bool], ...] = ()  # (as written, iso3, an authority?), longest first

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
    official = set(names)  # UN and Babel names stay names, whatever the lists below say
    kinds = dict.fromkeys(names, "name")
    document = yaml.safe_load((DATA / "country_aliases.yml").read_text(encoding="utf-8"))
    for section in ("aliases", "cities"):
        for iso3, words in (document.get(section) or {}).items():
            for word in words:
                key = normalise(word, keep_article=section == "cities")
                names[key] = iso3
                kinds.setdefault(key, "place" if section == "cities" else "name")
    ambiguous = {normalise(word): list(isos) for word, isos in (document.get("ambiguous") or {}).items()}
    display = {s.name: s.iso3 for s in states.values()}  # UN names, for suggestions
    codes = {code: s.iso3 for s in states.values() for code in (s.iso2, s.iso3)}
    acronyms = [
        (str(word), iso3, section == "authorities")
        for section in ("acronyms", "authorities")
        for iso3, words in (document.get(section) or {}).items()
        for word in words
    ]
    # The wider list of forces, agencies, leaders and State-run prisons people name instead of
    # the State ('SEBIN held me', 'Stroessner's police'), matched as written like the above.
    more = yaml.safe_load((DATA / "authorities.yml").read_text(encoding="utf-8"))
    known = {word for word, _, _ in acronyms}
    acronyms += [
        (str(word), iso3, True)
        for iso3, words in (more.get("authorities") or {}).items()
        if iso3 in states
        for word in words
        if str(word) not in known
    ]
    acronyms.sort(key=lambda item: -len(item[0]))
    return CountryIndex(names, kinds, ambiguous, codes, display, frozenset(official), tuple(acronyms))


@lru_cache(maxsize=1)
def index() -> CountryIndex:
    return build_index(load().states)


def with_words(base: CountryIndex, words: Iterable[tuple[str, str, str]]) -> CountryIndex:
    """A copy of the index with each (normalised word, State, kind) added or replaced.

    The word is no longer ambiguous; an official name keeps its kind ('name')."""
    names, kinds, ambiguous = dict(base.names), dict(base.kinds), dict(base.ambiguous)
    for key, iso3, kind in words:
        names[key] = iso3
        ambiguous.pop(key, None)
        if key not in base.official:
            kinds[key] = kind
    return replace(base, names=names, kinds=kinds, ambiguous=ambiguous)


def with_places(base: CountryIndex, document: dict, states: dict[str, State]) -> CountryIndex:
    """The index plus one language's place names (data/places/<lang>.yml): names, demonyms, places.

    A word the list gives one State is no longer ambiguous in that language ('Korea' in English
    text is South Korea; the picker still asks when 'Korea' is the whole answer)."""
    given: dict[str, str] = {}  # by this list, on top of the base index

    def words() -> Iterator[tuple[str, str, str]]:
        # Names last: a word listed as a name and a demonym ('السعودية') is the name.
        for section, kind in (("cities", "place"), ("demonyms", "demonym"), ("names", "name")):
            for iso3, listed in (document.get(section) or {}).items():
                for word in listed:
                    key = normalise(str(word), keep_article=kind == "place")
                    if not key or iso3 not in states or given.get(key, base.names.get(key, iso3)) != iso3:
                        continue  # an unknown State, or a word another State already has
                    given[key] = iso3
                    yield key, iso3, kind

    return with_words(base, words())


def with_effective_control(
    base: CountryIndex, places: dict, territories: tuple[dict, ...], language: str
) -> CountryIndex:
    """Places under another State's effective control name that State (data/effective_control.yml).

    The controlling State answers for what happens there first (HRC General Comment No. 31,
    para. 10), so 'our house in Gaza was bombed' proposes Israel and 'they took him in Crimea'
    Russia; an authority named in the story (Hamas, the Ukrainian army) still comes first."""

    def words() -> Iterator[tuple[str, str, str]]:
        for territory in territories:
            listed = list(territory["names"].get(language) or [])
            if territory.get("places_of"):
                listed += (places.get("cities") or {}).get(territory["places_of"]) or []
            for word in listed:
                key = normalise(str(word), keep_article=True)
                if key and key not in base.official:
                    yield key, territory["controlling_state"], "place"

    return with_words(base, words())


@lru_cache(maxsize=1)
def controlled_territories() -> tuple[dict, ...]:
    """Read once for all six languages' indexes."""
    document = yaml.safe_load((DATA / "effective_control.yml").read_text(encoding="utf-8"))
    return tuple(document["territories"])


@lru_cache(maxsize=8)
def place_index(language: str) -> CountryIndex:
    """Everything `index()` knows, plus the place names people use in this language.

    Kept per language: a city in one language is an everyday word in another ('Huye' is a
    Rwandan city and Spanish for 'flees'; 'Paga' is in Ghana and Spanish for 'pays')."""
    path = DATA / "places" / f"{language}.yml"
    if not path.exists():
        return index()
    places = yaml.safe_load(path.read_text(encoding="utf-8"))
    return with_effective_control(
        with_places(index(), places, load().states), places, controlled_territories(), language
    )


def name_of(iso3: str, language: str = "en") -> str:
    """A State's name by ISO code in one of the six languages (the code itself if unknown)."""
    states = load().states
    return display_name(states[iso3], language) if iso3 in states else iso3


def display_name(state: State, language: str = "en") -> str:
    """A State's name in one of the six languages (UN spelling in English)."""
    if language == "en":
        return state.name
    return Locale.parse(language).territories.get(state.iso2, state.name)
