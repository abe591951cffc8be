"""A whole triage on Telegram, by buttons and by free text, through the real engine."""

from __future__ import annotations

import html
import json

from tests.conftest import ROOT
from tests.telegram.fake_bot_api import Call, Person
from tests.test_triage_conversation import COMMITTEE, FACTS, answer_case

CASES = [json.loads(line) for line in (ROOT / "tests/legal/data/cases-dev.jsonl").read_text().splitlines()]


def as_message(call: Call) -> dict:
    """A sent Telegram message as the web API would show it: text and button titles."""
    message: dict = {"text": html.unescape(call.params.get("text", ""))}
    markup = call.params.get("reply_markup")
    if isinstance(markup, dict) and markup.get("inline_keyboard"):
        message["buttons"] = [{"title": b["text"]} for row in markup["inline_keyboard"] for b in row]
    return message


class TelegramConversation:
    """The web triage test's `Person`, over Telegram: same questions, same answers."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.calls = person.turn(lambda: person.write("/start"))
        self.said = [as_message(c) for c in self.calls]
        self.press("English")

    def _turn(self, action) -> list[dict]:
        self.calls = self.person.turn(action)
        self.said = [as_message(c) for c in self.calls]
        return self.said

    def send(self, text: str | None = None, payload: str | None = None) -> list[dict]:
        assert payload is None, "a person on Telegram presses buttons, see press()"
        return self._turn(lambda: self.person.write(text or ""))

    def press(self, title: str) -> list[dict]:
        for call in reversed(self.calls):
            markup = call.params.get("reply_markup") or {}
            buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
            if any(b["text"] == title for b in buttons):
                chosen = [b for b in buttons if b["text"] == title]
                return self._turn(lambda: self.person.press(title, call, chosen))
        raise AssertionError(f"no button {title!r} in {[m.get('buttons') for m in self.said]}")

    def asked(self) -> str | None:
        from tests.test_triage_conversation import question_of

        for message in reversed(self.said):
            if name := question_of(message):
                return name
        return None


def test_a_real_case_by_free_text_and_buttons_reaches_the_committee_that_decided_it(telegram, person):
    case = CASES[0]
    conversation = TelegramConversation(person)
    conversation.send(text=case["victim_story"])
    assert conversation.asked() == "utter_ask_consent"
    result = answer_case(conversation, FACTS[case["id"]]["facts"], state=case["state"])
    text = "\n".join(m.get("text") or "" for m in result)
    assert text.startswith("Preliminary result for"), text[:300]
    assert "not legal advice" in text
    assert COMMITTEE[case["committee"]] in text


# What a person pressing only buttons would choose, question by question (else the first button).
CHOICES = {
    "utter_ask_consent": "Yes, let's start",
    "utter_ask_harms_proposed": "Yes, that's right",
    "utter_ask_country": "Choose from a list",
    "utter_ask_country_letter": "S",
    "utter_ask_country_pick": "Spain",
    "utter_ask_country_confirm": "Yes",
    "utter_ask_urgent": "No",
    "utter_ask_reprisals": "No",
    "utter_ask_other_body": "No",
}


def test_a_whole_triage_by_buttons_only(telegram, person):
    conversation = TelegramConversation(person)
    conversation.press("Find where I can complain")
    pressed: list[str] = []
    for _ in range(40):
        asked = conversation.asked()
        if asked is None and pressed:
            break
        buttons = [b["title"] for m in conversation.said for b in m.get("buttons", [])]
        assert buttons, f"a question without buttons: {conversation.said}"
        if asked == "utter_ask_harms_edit":  # choose one harm, then done
            choice = "Done" if any(b.startswith("✓") for b in buttons) else buttons[0]
        else:
            choice = CHOICES.get(asked or "", buttons[0])
            choice = choice if choice in buttons else buttons[0]
        pressed.append(choice)
        conversation.press(choice)
    text = "\n".join(m.get("text") or "" for m in conversation.said)
    assert text.startswith("Preliminary result for Spain"), (pressed, text[:400])
    assert "not legal advice" in text
    # Each pressed keyboard was closed and marked with the choice, so it cannot be pressed again.
    edits = telegram.api.called("editMessageText", chat_id=person.id)
    assert len(edits) >= len(pressed) and all(not e.params.get("reply_markup") for e in edits)
    assert any("✓ Spain" in e.params["text"] for e in edits)
