"""The guided questions end to end: gateway -> Rasa -> action server -> legal core, over HTTP.

A person tells their story in their own words and answers each question the way they would
(typing, or pressing a button); the result must name the committee that decided the real case.
"""

import json
import sqlite3
from pathlib import Path

import pytest

from bot.replies import Replies
from tests.conftest import ROOT
from tests.test_integration import CANARY, payload_of, titles

CASES = [json.loads(line) for line in (ROOT / "tests/legal/data/cases-dev.jsonl").read_text().splitlines()]
FACTS = json.loads((ROOT / "tests/legal/data/case-facts.json").read_text())
REPLIES = Replies()
COMMITTEE = {cid: REPLIES.render(f"committee_{cid}", "en")["text"] for cid in
             ("CCPR", "CAT", "CERD", "CEDAW", "CRPD", "CED", "CESCR", "CRC", "CMW")}  # fmt: skip

# How a person would answer in words, from the facts of each case.
WHO_WORDS = {"self": "it happened to me", "group": "a group of us", "relative": "my husband"}
REMEDY_WORDS = {
    "exhausted": "yes, the highest court decided and rejected it",
    "unavailable": "there was no court where I could challenge it, it was not possible",
    "ineffective": "it would be useless, the supreme court already decided the same",
    "pending": "we are still waiting, the case is pending",
    "not_tried": "no, we never went to court",
    "unreasonably_prolonged": "the case has been dragging on for years with no decision",
}


def question_of(message: dict) -> str | None:
    """Which question a message asks, from the English wording of each question."""
    text = message.get("text") or ""
    dynamic = ("harms_proposed", "harms_edit", "country_confirm", "country_choose", "country_letter",
               "country_pick")  # fmt: skip
    for name in (f"utter_ask_{d}" for d in dynamic):
        head = REPLIES.entries[name]["text"].split("{")[0].strip()[:25]
        if text.startswith(head):
            return name
    for name, entry in REPLIES.entries.items():
        if (
            name.startswith("utter_ask_")
            and entry.get("text")
            and text.startswith(REPLIES.render(name, "en", {"retention_days": 30})["text"][:40])
        ):
            return name
    return None


class Person:
    """Holds one conversation through the web API and answers like the person in a case."""

    def __init__(self, bot) -> None:
        self.bot = bot
        self.session, body = bot.start_session()
        self.last = body["messages"]
        self.said = bot.say(self.session, payload=payload_of(self.last[0], "English")).json()["messages"]
        self.transcript: list[dict] = []

    def send(self, text: str | None = None, payload: str | None = None) -> list[dict]:
        response = self.bot.say(self.session, text=text, payload=payload)
        assert response.status_code == 200, response.text
        self.said = response.json()["messages"]
        self.transcript.extend(self.said)
        return self.said

    def press(self, title: str) -> list[dict]:
        for message in reversed(self.said):
            if title in titles(message):
                return self.send(payload=payload_of(message, title))
        raise AssertionError(f"no button {title!r} in {[titles(m) for m in self.said]}")

    def asked(self) -> str | None:
        for message in reversed(self.said):
            name = question_of(message)
            if name:
                return name
        return None


def answer_case(person: Person, facts: dict, state: str) -> list[dict]:
    """Answer every question from the case facts until the result comes; return the result."""
    events, remedies, victim = facts.get("events", {}), facts.get("remedies", {}), facts.get("victim", {})
    for _ in range(40):
        asked = person.asked()
        if asked is None:
            return person.said
        if asked == "utter_ask_consent":
            person.press("Yes, let's start")
        elif asked == "utter_ask_harms_proposed":
            proposed = person.said[-1]["text"]
            wanted = [REPLIES.render(f"harm_{h}", "en")["text"] for h in facts["harms"]]
            person.press("Yes, that's right" if all(w in proposed for w in wanted) else "Add or remove")
        elif asked == "utter_ask_harms_edit":
            chosen = person.said[-1]["buttons"]
            missing = [REPLIES.render(f"harm_{h}", "en")["text"] for h in facts["harms"]]
            missing = [t for t in missing if t in [b["title"] for b in chosen]]
            person.press(missing[0] if missing else "Done")
        elif asked in ("utter_ask_country", "utter_ask_country_letter", "utter_ask_country_pick"):
            person.send(text=state)
        elif asked == "utter_ask_country_confirm":  # the story may name another country first
            person.press("Yes" if state in person.said[-1]["text"] else "No")
        elif asked == "utter_ask_victim":
            person.send(text=WHO_WORDS[victim.get("who", "self")])
        elif asked == "utter_ask_victim_consent":
            person.press("Yes, they agree")
        elif asked == "utter_ask_victim_child":
            person.send(text="yes, they were children" if victim.get("child_at_time") else "no, an adult")
        elif asked == "utter_ask_events_start":
            start = events.get("start")
            person.send(text=f"it started in {start[:4]}" if start else "I don't know")
        elif asked == "utter_ask_events_continuing":
            continuing = events.get("continuing")
            person.send(
                text={True: "yes it is still going on", False: "no, it stopped"}.get(continuing, "not sure")
            )
        elif asked == "utter_ask_remedies":
            person.send(text=REMEDY_WORDS.get(remedies.get("status"), "I don't know"))
        elif asked == "utter_ask_remedies_final":
            final = remedies.get("final_decision")
            person.send(text=f"in {final[:4]}" if final else "I can't remember")
        elif asked == "utter_ask_other_body":
            person.send(text="no, nowhere else")
        elif asked in ("utter_ask_urgent", "utter_ask_reprisals"):
            person.press("No")
        else:
            raise AssertionError(f"unexpected question {asked}: {person.said}")
    raise AssertionError("the questions never ended")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_real_case_told_in_the_persons_words_reaches_the_committee_that_decided_it(bot, case):
    facts = FACTS[case["id"]]["facts"]
    person = Person(bot)
    person.send(text=case["victim_story"])
    assert person.asked() == "utter_ask_consent"
    result = answer_case(person, facts, state=case["state"])
    text = "\n".join(m.get("text") or "" for m in result)
    assert text.startswith("Preliminary result for"), text[:500]
    assert "not legal advice" in text
    open_procedures = [m["text"] for m in result if m.get("text", "").startswith(tuple(COMMITTEE.values()))]
    assert any(p.startswith(COMMITTEE[case["committee"]]) for p in open_procedures), text
    assert titles(result[-1])[:2] == ["Talk to an adviser", "See a summary of my answers"]


def start_questions(bot, story: str | None = None) -> Person:
    person = Person(bot)
    if story:
        person.send(text=story)
    else:
        person.press("Find where I can complain")
    person.press("Yes, let's start")
    return person


def test_an_urgent_risk_is_flagged_at_once_with_an_adviser_first(bot):
    person = start_questions(bot, "they will deport me to Eritrea next week and I will be tortured there")
    assert person.asked() == "utter_ask_harms_proposed"
    person.press("Yes, that's right")
    person.send(text="Switzerland")
    person.press("Yes")
    assert person.asked() == "utter_ask_urgent"  # moved forward by what the story said
    said = person.press("Yes, there is an urgent risk")
    assert "interim measures" in said[0]["text"] and titles(said[0]) == ["Talk to an adviser now"]
    assert person.asked() == "utter_ask_victim"  # the questions go on if the person wants
    adviser = person.press("Talk to an adviser now")
    assert "human adviser" in adviser[0]["text"] and person.asked() == "utter_ask_victim"


def test_unknown_answers_back_and_why_then_a_result_that_says_what_is_unknown(bot):
    person = start_questions(bot)
    person.send(text="I don't know")
    assert person.asked() == "utter_ask_country"
    person.send(text="why do you need this?")
    assert "accepted its complaint" in person.said[0]["text"] and person.asked() == "utter_ask_country"
    person.send(text="Spian")
    person.press("Yes")
    person.send(text="go back")
    assert person.asked() == "utter_ask_country"
    person.send(text="spain")
    person.press("Yes")
    for _ in range(12):
        if person.asked() is None:
            break
        person.send(text="skip")
    result = "\n".join(m.get("text") or "" for m in person.said)
    assert result.startswith("Preliminary result for Spain")
    assert "? I do not know yet what happened" in result


def test_unclear_answers_get_a_kind_reprompt_then_a_way_out_and_nothing_is_lost(bot):
    person = start_questions(bot, "the army burned our village and killed my father in Darfur")
    person.press("Yes, that's right")
    person.press("Yes")
    first = person.send(text="purple elephants")
    assert "not sure I understood" in first[0]["text"] and person.asked() == "utter_ask_victim"
    second = person.send(text="banana banana")
    assert titles(second[0]) == ["Skip this question", "Talk to a person", "Menu"]
    person.send(text="my father")
    assert person.asked() == "utter_ask_victim_consent"


def test_summary_and_changing_an_answer_after_the_result(bot):
    person = start_questions(bot, "I was tortured by the police in Brazil in 2015")
    result = answer_case(
        person,
        {"harms": ["torture_ill_treatment"], "events": {"start": "2015", "continuing": False},
         "remedies": {"status": "exhausted", "final_decision": "2025"}},
        state="Brazil",
    )  # fmt: skip
    assert result[0]["text"].startswith("Preliminary result for Brazil")
    summary = person.press("See a summary of my answers")[0]
    assert "• What happened: Torture, beatings or cruel treatment" in summary["text"]
    person.press("Change: State")
    assert person.asked() == "utter_ask_country"
    person.send(text="Argentina")
    again = person.press("Yes")
    assert again[0]["text"].startswith("Preliminary result for Argentina")


def test_leaving_for_the_menu_and_coming_back_resumes_the_questions(bot):
    person = start_questions(bot, "I was arrested at a protest in Minsk and beaten")
    person.press("Yes, that's right")
    person.send(text="main menu")
    assert titles(person.said[-1])[0] == "Find where I can complain"
    person.press("Find where I can complain")
    assert person.asked() == "utter_ask_country_confirm"  # where we stopped, answers kept


def test_deleting_in_the_middle_of_the_questions(bot):
    person = start_questions(bot, f"my brother disappeared after soldiers took him {CANARY}")
    person.send(text="delete my data")
    assert titles(person.said[0]) == ["Yes, delete everything", "No, keep it"]
    done = bot.say(person.session, payload="/affirm").json()
    assert done["erased"] is True


def test_nothing_of_the_story_is_stored_only_codes(bot):
    person = start_questions(bot, f"the police in Lagos beat me {CANARY} and my neighbour Ade Okafor saw it")
    person.press("Yes, that's right")
    person.press("Yes")
    person.send(text=f"me {CANARY}")
    for path in Path(bot.var_dir).rglob("*"):
        if path.is_file() and path.suffix != ".log":
            data = path.read_bytes()
            assert CANARY.encode() not in data and b"Okafor" not in data, path
    assert CANARY not in bot.log_path.read_text()
    tracker = sqlite3.connect(Path(bot.var_dir) / "tracker.db")
    try:
        values = [r[0] for r in tracker.execute("SELECT data FROM events WHERE type_name = 'slot'")]
    finally:
        tracker.close()
    stored = " ".join(values)
    assert '"NGA"' in stored and "torture_ill_treatment" in stored  # codes only
