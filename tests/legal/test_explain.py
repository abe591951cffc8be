"""The result as the person reads it: every check a line with a mark, a reason and its source."""

import re

import pytest

from bot.legal.data import load
from bot.legal.explain import MARKS, explain
from tests.legal.helpers import run

UNFILLED = re.compile(r"\{[a-z_]+\}")


def texts(messages):
    return "\n".join(m.get("text", "") for m in messages)


def test_a_result_lists_every_check_with_its_mark_and_source():
    result = run(
        country="ESP",
        harms=["torture_ill_treatment"],
        victim={"who": "self"},
        remedies={"status": "exhausted", "final_decision": "2026-09-15"},
        events={"start": "2026-01"},
    )
    messages = explain(result, "en")
    body = texts(messages)
    assert body.startswith("Preliminary result for Spain")
    assert "preliminary information" in body and "not legal advice" in body
    cat = next(m["text"] for m in messages if m["text"].startswith("Committee against Torture (CAT-22)"))
    checks = len(next(p for p in result["procedures"] if p["procedure"] == "CAT-22")["checks"])
    marked = [ln for ln in cat.splitlines() if ln[:1] in MARKS.values()]
    assert len(marked) == checks and all(ln.endswith(")") for ln in marked)  # each cites its rule
    assert "European Court of Human Rights" in body and "15 January 2027" in body  # 4 months, worded
    next_steps = [b["payload"] for b in messages[-1]["buttons"]]
    assert next_steps == ["/human", "/show_summary", "/learn_complaints", "/restart"]


def test_urgency_comes_first_and_closed_procedures_say_why():
    result = run(
        country="MEX",
        harms=["enforced_disappearance", "migrant_workers"],
        urgent_risk=True,
        events={"start": "2020", "continuing": True},
    )
    body = texts(explain(result, "en"))
    assert body.index("interim measures") < body.index("(CED-31)")
    assert "urgent action" in body and "from Enforced Disappearance, art. 30" in body
    assert "Committee on Migrant Workers (CMW-77): This complaint procedure has not started yet" in body


def test_no_open_committee_still_gives_routes_and_an_adviser():
    body = texts(explain(run(country="PRK", harms=["torture_ill_treatment"]), "en"))
    assert "Special Rapporteurs" in body and "cannot receive a complaint against this State" in body
    assert "you cannot complain" not in body.lower()


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh"])
@pytest.mark.parametrize("country", ["ESP", "AUT", "MEX", "KEN", "CHN", "RUS"])
def test_every_placeholder_is_filled_in_every_language(language, country):
    result = run(
        country=country,
        harms=["torture_ill_treatment", "enforced_disappearance", "property"],
        remedies={"status": "exhausted", "final_decision": "2026-05"},
        events={"start": "2019"},
        other_procedures=[{"body": "ECtHR", "status": "decided", "same_facts": None, "ended": "2020"}],
        urgent_risk=True,
    )
    body = texts(explain(result, language))
    assert not UNFILLED.search(body), UNFILLED.search(body)


def test_dates_follow_the_language():
    fr = texts(
        explain(
            run(
                country="PRT",
                harms=["fair_trial"],
                remedies={"status": "exhausted", "final_decision": "2026-09-15"},
            ),
            "fr",
        )
    )
    assert "15 janvier 2027" in fr


def test_every_committee_has_a_name():
    from bot.replies import Replies

    for rules in load().procedures.values():
        assert Replies().render(f"committee_{rules['committee']}", "en")


def test_state_and_regional_names_are_in_the_persons_language():
    result = run(country="ESP", harms=["torture_ill_treatment"], victim={"who": "self"})
    french = texts(explain(result, "fr"))
    assert "Espagne" in french and "Cour européenne des droits de l'homme" in french
    assert "Spain" not in french and "European Court of Human Rights" not in french


@pytest.mark.parametrize(("language", "says_so"), [("ar", True), ("zh", True), ("ru", False), ("en", False)])
def test_arabic_and_chinese_readers_learn_the_complaint_languages(language, says_so):
    messages = explain(run(country="ESP", harms=["torture_ill_treatment"]), language)
    notes = [
        m
        for m in messages
        if "/human" in [b["payload"] for b in m.get("buttons", [])] and len(m["buttons"]) == 1
    ]
    assert bool(notes) is says_so
