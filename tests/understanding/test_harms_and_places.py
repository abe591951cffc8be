"""Harms and States found in free text, the way distressed people write."""

from pathlib import Path

import pytest
import yaml

from bot.legal.facts import HARMS
from bot.understanding.harms import detect, patterns
from bot.understanding.places import find_country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the police beat me and arrested me for protesting", {"torture_ill_treatment", "arbitrary_detention",
                                                                "expression_assembly_association"}),
        ("my husband beats me and the police do nothing", {"gender_based_violence"}),
        ("they took my brother in 2019 and we dont know where he is", {"enforced_disappearance"}),
        ("I was fired because Im pregnant", {"discrimination_women_gender", "economic_social_cultural"}),
        ("they want to deport me back to a country where i will be tortured", {"refoulement"}),
        ("my son is 15 years old and he was detained", {"child_rights", "arbitrary_detention"}),
        ("they confiscated our land and gave no compensation", {"property"}),
        ("im in a wheelchair and the court is not accessible", {"disability"}),
        ("discriminated at work because im roma", {"discrimination_race_ethnicity", "discrimination_other"}),
        ("my employer kept my passport, I am a domestic worker", {"migrant_workers"}),
    ],
)  # fmt: skip
def test_harms_are_proposed(text, expected):
    assert expected <= set(detect(text))


def test_nothing_is_invented_from_a_greeting():
    assert detect("hello, can you help me please") == []


def test_every_harm_has_words():
    assert set(patterns("en")) == set(HARMS)


STATES_IN_TEXT = [
    ("the police in Lagos beat me", "NGA"),
    ("Nigerian soldiers took him", "NGA"),
    ("me detuvieron en España", "ESP"),
    ("我在中国被捕了", "CHN"),
    ("I live in the US", "USA"),
    ("they told us to leave", None),
    ("Congo", None),  # two States: the dialogue asks
    ("deported from the Democratic Republic of the Congo", "COD"),
    ("nothing about a place", None),
]


@pytest.mark.parametrize(("text", "iso3"), STATES_IN_TEXT)
def test_the_state_is_found(text, iso3):
    assert find_country(text) == iso3


DEV_SET = Path(__file__).parent / "data" / "stories-dev.yml"


# Languages with their own word list and development stories.
LEXICONS = sorted(
    p.stem for p in (Path(__file__).resolve().parents[2] / "bot/understanding/lexicon").glob("*.yml")
    if (DEV_SET.parent / ("stories-dev.yml" if p.stem == "en" else f"stories-dev-{p.stem}.yml")).exists()
)  # fmt: skip


def _dev_counts(language: str = "en"):
    path = DEV_SET if language == "en" else DEV_SET.with_name(f"stories-dev-{language}.yml")
    stories = yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]
    found = expected = correct = 0
    for story in stories:
        assert set(story["harms"]) <= set(HARMS), story["text"]
        proposed = set(detect(story["text"], language))
        found += len(proposed)
        expected += len(story["harms"])
        correct += len(proposed & set(story["harms"]))
    return len(stories), found, expected, correct


@pytest.mark.parametrize("language", LEXICONS)
def test_the_word_list_finds_the_harms_of_the_development_stories(language):
    """Recall on the labelled development stories: the lexicon must not regress below 0.90.

    A floor on precision keeps out entries that fire on every story (a bare common word)."""
    stories, found, expected, correct = _dev_counts(language)
    assert stories >= 100
    assert correct / expected >= 0.90, f"recall {correct / expected:.3f}"
    assert correct / found >= 0.75, f"precision {correct / found:.3f}"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("меня избили в России", "RUS"), ("полиция в Беларуси", "BLR"), ("я бежал из Узбекистана", "UZB"),
     ("اعتقلوني بمصر", "EGY"), ("والعراق", "IRQ"), ("عذبوا أخي في سوريا", "SYR"),
     ("la police en Colombie", "COL"), ("los militares en España", "ESP"), ("军队在缅甸", "MMR")],
)  # fmt: skip
def test_the_state_is_found_through_case_endings_and_arabic_prefixes(text, iso3):
    assert find_country(text) == iso3


PLACE_SETS = sorted((Path(__file__).parent / "data").glob("places-dev*.yml"))


@pytest.mark.parametrize("path", PLACE_SETS, ids=[p.stem for p in PLACE_SETS])
def test_the_state_of_the_development_stories_is_found(path):
    """Recall on stories that name a State (labelled with the State complained against), and
    how often a State is proposed for a story that names none: tuned on these sets, so they
    guard against regressions; `make eval` measures the held-out sets."""
    messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    named = [m for m in messages if m["country"]]
    unnamed = [m for m in messages if not m["country"]]
    found = sum(find_country(m["text"]) == m["country"] for m in named)
    proposed = sum(find_country(m["text"]) is not None for m in unnamed)
    assert len(named) >= 60
    assert found / len(named) >= 0.89, f"recall {found / len(named):.3f}"
    assert proposed / len(unnamed) <= 0.30, f"proposed on {proposed} of {len(unnamed)} without a State"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("I am Colombian and the police in Venezuela beat me", "VEN"),
     ("soy hondureño y México me quiere deportar", "MEX"),
     ("Germany deported me to Afghanistan", "DEU"),
     ("they will deport me to Eritrea next week", None),  # the State sending them is asked for
     ("my manager Jordan keeps touching me", None),
     ("Я гражданин РФ, живу в Эстонии, у меня отобрали право голоса", "EST"),
     ("ICE took my father this morning", "USA"),
     ("以色例的检查站把我妈拦了四个多小时", "ISR"),
     ("I was beaten in Kazakstan", "KAZ")],
)  # fmt: skip
def test_the_state_complained_against_wins_over_origin_destination_and_names(text, iso3):
    assert find_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("I fled Syria. The police in Lebanon arrested me", "LBN"),  # a role stops at a sentence end
     ("I speak english and french, the police in Mali beat me", "MLI"),
     ("THE POLICE BEAT US IN NAIROBI", "KEN"),  # in capitals 'US' is 'us'
     ("me quitó el pasaporte en Madrid", "ESP"),  # 'quitó', not Quito
     ("vivo en EE.UU. sin papeles", "USA"),
     ("警察在Kenya打了我", "KEN")],  # a name in Latin letters inside Chinese
)  # fmt: skip
def test_sentences_capitals_and_everyday_words_do_not_mislead(text, iso3):
    assert find_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("our house in Gaza was bombed in the night", "ISR"),
     ("Hamas police arrested my brother in Gaza for a post", "PSE"),  # an authority comes first
     ("the PA security arrested me in Ramallah", "PSE"),
     ("in Crimea they searched my father's house at 5am and took him", "RUS"),
     ("в Крыму задержали моего брата за пост", "RUS"),
     ("the Ukrainian army shelled our street in Donetsk", "UKR"),
     ("they took our land in Kyrenia", "TUR"),
     ("قصفوا بيتنا في غزة", "ISR"),
     ("我们在加沙的房子被炸了", "ISR"),
     ("me detuvieron en El Aaiún", "MAR")],
)  # fmt: skip
def test_a_place_under_another_states_effective_control_proposes_that_state(text, iso3):
    assert find_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("I am from Bamenda, soldiers burned our house. My sister lives in Canada and writes this", "CMR"),
     ("Mi hermana, que vive en Suecia, me ayuda. A mí me despidieron en Madrid por estar embarazada", "ESP"),
     ("Ethiopian domestic worker in Lebanon, madame locked me inside", "LBN"),
     ("I'm an Afghan refugee in Iran and they deported my brother", "IRN"),
     ("Sweden wants to send me back to Afghanistan where the Taliban will kill me", "SWE"),
     ("the Saudi-led coalition bombed our school in Yemen", "SAU"),
     ("The Dominican sisters who ran the orphanage beat us", None)],
)  # fmt: skip
def test_relatives_abroad_and_where_a_person_comes_from_are_weaker_than_what_happened(text, iso3):
    assert find_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("it was up north near the border with Laos, in Chiang Rai province", "THA"),
     ("Rwandan agents tricked my brother onto a plane in Dubai", "RWA"),
     ("I'm in Germany now but it happened in Turkey, in Diyarbakir", "TUR"),
     ("My client, a Gambian, was deported from Madrid. The Spanish police never investigated", "ESP"),
     ("her employer in Kuwait City took her passport. The embassy of the Philippines did nothing", "KWT"),
     ("The embassy of Turkmenistan in Istanbul refuses to renew our passports", "TKM"),
     ("Our island is going under the sea and New Zealand refused us", "NZL"),
     ("I wrote to the African Commission in Banjul about the soldiers in Bamenda", "CMR")],
)  # fmt: skip
def test_borders_agents_embassies_and_the_person_who_suffered_are_read_right(text, iso3):
    assert find_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("I'm Syrian, I've lived in Denmark since 2016 and now they say Damascus is safe", "DNK"),
     ("Eritrean here. I spent two years in Libya and now I am in Malta, locked in detention", "MLT"),
     ("My mum is Nigerian but I was born and raised in England, the police strip searched me", "GBR"),
     ("I'm Bahraini, they revoked my citizenship and I live in London now", "BHR"),
     ("Guatemala was fine, but in Tapachula the migration agents locked us up", "MEX"),
     ("I live in Germany now, in Hamburg, but the torture happened in Sednaya", "SYR"),
     ("I'm Chadian in a refugee camp in Cameroon. In N'Djamena the police shot the students", "TCD"),
     ("Ortega took my nationality and I cannot go back to Managua", "NIC"),
     ("My son is in CECOT since 2023 and I'm writing from Los Angeles", "SLV"),
     ("we were going to the States when they kidnapped us in Tapachula", "MEX"),
     ("I work in a factory in Korea and the boss took our passports", "KOR"),
     ("from Venezuela, now in Mexico City; the Mexican National Guard took us off the train", "MEX")],
)  # fmt: skip
def test_where_it_happened_outranks_homes_journeys_and_relatives_origins(text, iso3):
    assert find_country(text) == iso3
