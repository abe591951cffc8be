"""A State is found by code or by name in any of the six UN languages; every State loads."""

import pytest
import yaml
from babel import Locale

from bot.legal.countries import AmbiguousCountry, UnknownCountry, index, normalise
from bot.legal.data import DATA, load
from tests.legal.helpers import run


@pytest.mark.parametrize(
    "text",
    ["ESP", "ES", "Spain", "spain", "España", "Espagne", "Испания", "西班牙", "إسبانيا", " the Spain "],
)
def test_spain_in_every_form(text):
    assert index().resolve(text) == "ESP"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Russia", "RUS"),
        ("UK", "GBR"),
        ("DRC", "COD"),
        ("State of Palestine", "PSE"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Nigerian", "NGA"),
        ("Mexique", "MEX"),
    ],
)
def test_everyday_names_and_demonyms(text, iso3):
    assert index().resolve(text) == iso3


def test_unknown_country_lists_close_matches():
    with pytest.raises(UnknownCountry) as error:
        index().resolve("Germny")
    assert "Germany" in error.value.suggestions
    with pytest.raises(UnknownCountry):
        index().resolve("no")  # a word, not Norway's code


def resolves_to(text: str, iso3: str) -> bool:
    try:
        return index().resolve(text) == iso3
    except AmbiguousCountry as error:  # 'Congo': the person is asked which one
        return load().states[iso3].name in error.suggestions


def test_every_state_in_the_data_resolves_and_assesses():
    data = load()
    assert len(data.states) == 197
    for state in data.states.values():
        assert resolves_to(state.name, state.iso3)
        assert index().resolve(state.iso2) == state.iso3
        for language in ("fr", "ru", "zh", "ar", "es"):
            assert resolves_to(Locale.parse(language).territories[state.iso2], state.iso3), (language, state)
        result = run(country=state.iso3, harms=["torture_ill_treatment"])
        assert result["country"]["iso3"] == state.iso3
        listed = {p["procedure"] for p in result["procedures"]} | {
            c["procedure"] for c in result["closed_procedures"]
        }
        assert {"CCPR-OP1", "CAT-22"} <= listed


def test_names_shared_by_several_states_ask_instead_of_guessing():
    for text in ("Korea", "Congo", "Конго"):
        with pytest.raises(AmbiguousCountry) as error:
            index().resolve(text)
        assert len(error.value.suggestions) == 2
    assert index().resolve("South Korea") == "KOR"
    assert index().resolve("Democratic Republic of the Congo") == "COD"


def test_every_territory_under_effective_control_has_its_source_and_names_in_six_languages():
    document = yaml.safe_load((DATA / "effective_control.yml").read_text(encoding="utf-8"))
    states = load().states
    assert document["as_of"]
    seen: dict[tuple[str, str], str] = {}
    for territory in document["territories"]:
        assert territory["source"] and territory["since"], territory["territory"]
        assert territory["controlling_state"] in states
        assert set(territory["names"]) == {"en", "fr", "es", "ru", "ar", "zh"}
        for language, words in territory["names"].items():
            for word in words:
                key = (language, normalise(word, keep_article=True))
                assert seen.setdefault(key, territory["territory"]) == territory["territory"], key


def test_the_authorities_list_names_known_states_each_entry_once_and_no_short_words():
    document = yaml.safe_load((DATA / "authorities.yml").read_text(encoding="utf-8"))
    states = load().states
    entries = [(iso3, str(word)) for iso3, words in document["authorities"].items() for word in words]
    assert document["as_of"] and len(entries) > 1000
    assert {iso3 for iso3, _ in entries} <= set(states)
    words = [word for _, word in entries]
    assert len(words) == len(set(words)), "an authority listed for two States"
    assert all(len(word) >= 3 for word in words)
    assert not {"CNI", "RSF", "CBP", "RIB", "la migra", "PSP", "CIO"} & set(words)  # they mean other things
