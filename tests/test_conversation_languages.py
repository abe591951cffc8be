"""The whole triage in each UN language, over HTTP: no reply may contain English.

A person whose browser speaks the language confirms it, tells the story in it, and answers
every question by typing in it (a button only when a typed answer is not understood). Every
reply and every button the bot shows must be in that language: proper names (the language
names on the first buttons, the bot's name, 'ohchr.org'), commands (/delete) and identifiers
(CCPR-OP1) are allowed.
"""

from __future__ import annotations

import re

import pytest

from bot.legal.countries import name_of
from bot.replies import Replies
from tests.test_integration import titles

REPLIES = Replies()
LANGUAGE_NAMES = {"English", "Français", "Español", "Русский", "العربية", "中文"}

# A story and typed answers, as a person would write them in each language.
PEOPLE = {
    "fr": {
        "iso3": "FRA",
        "story": "En mars 2021 la police m'a arrêté pendant une manifestation et m'a frappé au commissariat.",
        "country": "France",
        "victim": "c'est moi",
        "victim_child": "non, je suis adulte",
        "events_start": "en mars 2021",
        "events_continuing": "non, c'est fini",
        "remedies": "la Cour de cassation a rejeté mon pourvoi",
        "remedies_final": "en 2024",
        "other_body": "non, nulle part ailleurs",
        "reprisals": "non",
    },
    "es": {
        "iso3": "ESP",
        "story": "En 2020 la policía me detuvo en una protesta en Madrid y me golpearon en la comisaría.",
        "country": "España",
        "victim": "a mí",
        "victim_child": "no, soy adulto",
        "events_start": "en 2020",
        "events_continuing": "no, ya terminó",
        "remedies": "el Tribunal Supremo rechazó mi recurso",
        "remedies_final": "en 2023",
        "other_body": "no, a ningún otro",
        "reprisals": "no",
    },
    "ru": {
        "iso3": "BLR",
        "story": "В 2021 году полиция задержала меня на митинге в Минске и избила в отделении.",
        "country": "Беларусь",
        "victim": "это я",
        "victim_child": "нет, я взрослый",
        "events_start": "в 2021 году",
        "events_continuing": "нет, это закончилось",
        "remedies": "Верховный суд отклонил мою жалобу",
        "remedies_final": "в 2022 году",
        "other_body": "нет, никуда",
        "reprisals": "нет",
    },
    "ar": {
        "iso3": "EGY",
        "story": "في عام 2021 اعتقلتني الشرطة في القاهرة أثناء مظاهرة وضربوني في القسم.",
        "country": "مصر",
        "victim": "أنا",
        "victim_child": "لا، أنا بالغ",
        "events_start": "في 2021",
        "events_continuing": "لا، انتهى",
        "remedies": "محكمة النقض رفضت الطعن",
        "remedies_final": "في 2023",
        "other_body": "لا، لم أتقدم لأي جهة",
        "reprisals": "لا",
    },
    "zh": {
        "iso3": "CHN",
        "story": "2021年警察在示威时逮捕了我，在派出所打了我。",
        "country": "中国",
        "victim": "是我自己",
        "victim_child": "不是，我是成年人",
        "events_start": "2021年",
        "events_continuing": "没有，已经结束了",
        "remedies": "最高法院驳回了我的上诉",
        "remedies_final": "2023年",
        "other_body": "没有，没有去过别的地方",
        "reprisals": "不怕",
    },
}
# Questions answered with a button whose value is known, whatever the language.
PRESS = {
    "consent": "yes",
    "harms_proposed": "yes",
    "country_confirm": "yes",
    "victim_consent": "yes",
    "urgent": "no",
}
# The bot's name, commands, identifiers and addresses: the same in every language.
ALLOWED_LATIN = re.compile(
    r"Treaty Navigator|Telegram|/[a-z_]+\b"
    r"|\b(?:[A-Z]{2,}(?:-[A-Z0-9]+)*\d*|ohchr\.org|[a-z]\)|\([a-z]\)|[a-z])\b"
)
# Common English words that are not also French or Spanish words.
ENGLISH_WORDS = """the and you your with this that what which have has was were are of for from will would
    can could please yes not it we they my our their here there when how why who where
    committee rules treaty court rights state complaint adviser start find talk summary
    preliminary result check answer back skip know happened about more options other
    been before after only also but because need want help person people said told"""
ENGLISH = frozenset(ENGLISH_WORDS.split())


def asked(message: dict, language: str) -> str | None:
    """Which question a message asks, from its wording in the language."""
    text = message.get("text") or ""
    for name, entry in REPLIES.entries.items():
        if not name.startswith("utter_ask_") or not entry.get("text"):
            continue
        worded = REPLIES.render(name, language, {"retention_days": 30})["text"]
        head = worded.split("{")[0].strip()[:25]
        if head and text.startswith(head):
            return name.removeprefix("utter_ask_")
    return None


def english_in(text: str, language: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+", ALLOWED_LATIN.sub(" ", text))
    if language in ("fr", "es"):
        return [w for w in words if w.lower() in ENGLISH]
    return [w for w in words if w.isascii()]  # Latin letters in Russian, Arabic or Chinese text


class Person:
    def __init__(self, bot, language: str) -> None:
        self.bot, self.language = bot, language
        self.session, body = bot.start_session(language)
        self.said = body["messages"]
        self.seen: list[str] = []
        self.see()

    def see(self) -> None:
        for message in self.said:
            self.seen.append(message.get("text") or "")
            self.seen.extend(t for t in titles(message) if t not in LANGUAGE_NAMES)

    def send(self, text: str | None = None, payload: str | None = None) -> None:
        response = self.bot.say(self.session, text=text, payload=payload)
        assert response.status_code == 200, response.text
        self.said = response.json()["messages"]
        self.see()

    def press_value(self, value: str) -> None:
        for message in reversed(self.said):
            for button in message.get("buttons", []):
                if f'"choice": "{value}"' in button["payload"] or button["payload"] == f"/{value}":
                    return self.send(payload=button["payload"])
        raise AssertionError(f"no button for {value!r}: {[titles(m) for m in self.said]}")

    def press_first(self) -> None:
        message = next(m for m in reversed(self.said) if m.get("buttons"))
        self.send(payload=message["buttons"][0]["payload"])

    def question(self) -> str | None:
        return next((q for m in reversed(self.said) if (q := asked(m, self.language))), None)


@pytest.mark.parametrize("language", sorted(PEOPLE))
def test_the_whole_triage_speaks_only_the_persons_language(bot, language):
    words = PEOPLE[language]
    person = Person(bot, language)
    native = {"fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية", "zh": "中文"}[language]
    greeting = person.said[0]
    person.send(payload=next(b["payload"] for b in greeting["buttons"] if b["title"] == native))
    person.send(text=words["story"])
    typed_twice: set[str] = set()
    not_understood = []
    for _ in range(40):
        question = person.question()
        if question is None:
            break
        if question in PRESS:
            person.press_value(PRESS[question])
        elif question in ("country", "country_choose", "country_letter", "country_pick"):
            person.send(text=words["country"])
        elif question == "harms_edit":
            person.press_value("done")
        elif question in words and question not in typed_twice:
            typed_twice.add(question)
            person.send(text=words[question])
            if person.question() == question:  # not understood: the buttons always work
                not_understood.append(question)
                person.press_first()
        else:
            person.press_first()
    else:
        raise AssertionError("the questions never ended")
    result = "\n".join(m.get("text") or "" for m in person.said)
    country = name_of(words["iso3"], language)
    assert REPLIES.render("result_title", language, {"country": country})["text"] in result, result[:300]
    english = {text[:80]: english_in(text, language) for text in person.seen if english_in(text, language)}
    assert english == {}
    assert not_understood == [], "typed answers in the language must be read"
