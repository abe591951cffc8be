"""How each question is asked; what happened and which State depend on the answers so far.

Pure: slots and a language in, chat messages out, worded from dialogues/replies.yml. The other
questions are fixed replies (`utter_ask_<slot>`).
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from typing import Any

import yaml

from bot.legal.countries import name_of
from bot.legal.data import DATA, load
from bot.legal.facts import HARMS
from bot.replies import Replies
from bot.triage.questions import Slots

CONTROLS = ("dont_know", "why_ask", "go_back")


def choose(value: str) -> str:
    """The payload of an answer button: the `inform` intent carrying a `choice`."""
    return "/inform" + json.dumps({"choice": value}, ensure_ascii=False)


def text_of(replies: Replies, name: str, language: str, **values: Any) -> str:
    rendered = replies.render(name, language, values)
    return rendered["text"] if rendered else name


def controls(replies: Replies, language: str) -> list[dict[str, str]]:
    return [{"title": text_of(replies, f"button_{c}", language), "payload": f"/{c}"} for c in CONTROLS]


def harm_title(replies: Replies, harm: str, language: str) -> str:
    return text_of(replies, f"harm_{harm}", language)


def ask_harms(slots: Slots, language: str, replies: Replies) -> list[dict[str, Any]]:
    stage = slots.get("harms_stage")
    harms = list(slots.get("harms") or [])
    if stage == "proposed" and harms:
        listed = "\n".join(f"• {harm_title(replies, h, language)}" for h in harms)
        return [
            {
                "text": text_of(replies, "utter_ask_harms_proposed", language, harms=listed),
                "buttons": [
                    {"title": text_of(replies, "button_harms_right", language), "payload": choose("yes")},
                    {"title": text_of(replies, "button_harms_edit", language), "payload": choose("edit")},
                    *controls(replies, language),
                ],
            }
        ]
    if stage == "edit":
        chosen = ", ".join(harm_title(replies, h, language) for h in harms) or "—"
        buttons = [
            {
                "title": ("✓ " if h in harms else "") + harm_title(replies, h, language),
                "payload": choose(f"harm:{h}"),
            }
            for h in HARMS
        ]
        buttons.append({"title": text_of(replies, "button_done", language), "payload": choose("done")})
        return [
            {
                "text": text_of(replies, "utter_ask_harms_edit", language, chosen=chosen),
                "buttons": buttons + controls(replies, language),
            }
        ]
    rendered = replies.render("utter_ask_harms_story", language) or {"text": "utter_ask_harms_story"}
    rendered["buttons"] = [
        {"title": text_of(replies, "button_harms_list", language), "payload": choose("edit")},
        *controls(replies, language),
    ]
    return [rendered]


def initial(name: str) -> str:
    """The letter a State is listed under ('Åland' under A, 'Côte d'Ivoire' under C)."""
    first = unicodedata.normalize("NFKD", name.strip())[:1].upper()
    return first if first.isalpha() else "#"


@lru_cache(maxsize=1)
def pinyin_initials() -> dict[str, str]:
    """First character of a Chinese State name -> its pinyin initial (data/zh_pinyin_initials.yml)."""
    path = DATA / "zh_pinyin_initials.yml"
    return {str(k): str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["initials"].items()}


@lru_cache(maxsize=8)
def letters(language: str) -> dict[str, list[str]]:
    """States grouped by the first letter of their name; Chinese names by their pinyin initial."""
    by_letter: dict[str, list[str]] = {}
    for iso3 in sorted(load().states, key=lambda iso: name_of(iso, language)):
        name = name_of(iso3, language)
        letter = pinyin_initials().get(name[:1], "#") if language == "zh" else initial(name)
        by_letter.setdefault(letter, []).append(iso3)
    return dict(sorted(by_letter.items()))


def ask_country(slots: Slots, language: str, replies: Replies) -> list[dict[str, Any]]:
    stage = slots.get("country_stage") or ""
    candidates = list(slots.get("country_candidates") or [])
    back_to_list = {"title": text_of(replies, "button_country_other", language), "payload": choose("list")}
    if stage == "confirm" and candidates:
        name = name_of(candidates[0], language)
        return [
            {
                "text": text_of(replies, "utter_ask_country_confirm", language, country=name),
                "buttons": [
                    {"title": text_of(replies, "button_yes", language), "payload": choose("yes")},
                    {"title": text_of(replies, "button_no", language), "payload": choose("no")},
                    *controls(replies, language),
                ],
            }
        ]
    if stage == "choose" and candidates:
        buttons = [{"title": name_of(iso, language), "payload": choose(iso)} for iso in candidates]
        return [
            {
                "text": text_of(replies, "utter_ask_country_choose", language),
                "buttons": [*buttons, back_to_list, *controls(replies, language)],
            }
        ]
    groups = letters(language)
    if stage.startswith("letter:") and stage[7:] in groups:
        buttons = [{"title": name_of(iso, language), "payload": choose(iso)} for iso in groups[stage[7:]]]
        return [
            {
                "text": text_of(replies, "utter_ask_country_pick", language),
                "buttons": [*buttons, back_to_list, *controls(replies, language)],
            }
        ]
    if stage in ("list", "choose", "confirm") or stage.startswith("letter:"):
        buttons = [{"title": letter, "payload": choose(f"letter:{letter}")} for letter in groups]
        return [
            {
                "text": text_of(replies, "utter_ask_country_letter", language),
                "buttons": [*buttons, *controls(replies, language)],
            }
        ]
    rendered = replies.render("utter_ask_country", language) or {"text": "utter_ask_country"}
    rendered["buttons"] = [
        {"title": text_of(replies, "button_country_list", language), "payload": choose("list")},
        *controls(replies, language),
    ]
    return [rendered]


DYNAMIC = {"harms_confirmed": ask_harms, "country": ask_country}


def ask(slot: str, slots: Slots, language: str, replies: Replies, values: dict[str, Any] | None = None
        ) -> list[dict[str, Any]]:  # fmt: skip
    """The messages that ask one question: built from the answers, or the fixed `utter_ask_<slot>`."""
    if slot in DYNAMIC:
        return DYNAMIC[slot](slots, language, replies)
    rendered = replies.render(f"utter_ask_{slot}", language, values)
    return [rendered or {"text": f"utter_ask_{slot}"}]
