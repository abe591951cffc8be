"""The rules of the guided questions, without a server: what each answer does."""

from datetime import date

import pytest

from bot.legal.data import load
from bot.legal.facts import parse_facts
from bot.replies import Replies
from bot.triage import answers, asking, questions, report
from bot.triage.flow import Message, start, step

TODAY = date(2026, 11, 28)


def run(slots, *messages):
    """Feed messages one by one; return the final slots and every step."""
    steps = []
    for message in messages:
        result = step(slots, message, TODAY)
        steps.append(result)
        if not result.declined:
            slots = {**slots, **result.updates}
    return slots, steps


def button(value):
    return Message("inform", f'/inform{{"choice": "{value}"}}', value)


def typed(text, intent="inform"):
    return Message(intent, text)


def notes(result):
    return [n.reply for n in result.notes]


def test_a_story_told_first_proposes_harms_and_a_state_then_asks_for_consent():
    slots, [first] = run({}, typed("the police in Lagos beat me and locked me up", "tell_story"))
    assert first.next == "consent"
    assert slots["harms"] == ["torture_ill_treatment", "arbitrary_detention"]
    assert slots["harms_stage"] == "proposed"
    assert slots["country_candidates"] == ["NGA"] and slots["country_stage"] == "confirm"
    slots, [after_consent] = run(slots, button("yes"))
    assert after_consent.next == "harms_confirmed"  # what they wrote is proposed, not asked again


def test_the_whole_path_with_buttons_and_words_gives_facts_the_assessment_accepts():
    slots, steps = run(
        {},
        Message("find_procedure", "/find_procedure"),
        button("yes"),
        typed("I was tortured in prison after a protest", "tell_story"),
        Message("affirm", "yes"),
        typed("Turkey"),
        Message("affirm", "yes"),
        typed("my brother"),
        button("cannot"),
        typed("he was 16", "inform"),
        typed("in March 2019"),
        button("no"),
        typed("the constitutional court rejected it in june 2025"),
        button("ECtHR"),
        button("pending"),
        button("no"),
        button("no"),
    )
    assert steps[-1].next is None
    facts = report.facts_from(slots)
    assert facts == {
        "country": "TUR",
        "harms": ["torture_ill_treatment", "arbitrary_detention", "expression_assembly_association"],
        "victim": {"who": "relative", "consent": False, "child_at_time": True},
        "events": {"start": "2019-03", "continuing": False},
        "remedies": {"status": "exhausted", "final_decision": "2025-06"},
        "other_procedures": [{"body": "ECtHR", "status": "pending"}],
        "urgent_risk": False,
    }
    parse_facts(facts, TODAY)  # valid input for the legal core


def test_declining_consent_asks_nothing_more():
    _, [result] = run({"requested_slot": "consent"}, button("no"))
    assert result.next is None and "utter_triage_declined" in notes(result)


@pytest.mark.parametrize("slot", [q.slot for q in questions.QUESTIONS if q.slot != "consent"])
@pytest.mark.parametrize("intent", ["dont_know", "skip"])
def test_dont_know_and_skip_are_accepted_at_every_question_and_carried_as_unknown(slot, intent):
    slots = {"consent": "yes", "requested_slot": slot}
    result = step(slots, Message(intent, "whatever"), TODAY)
    assert result.updates[slot] == "unknown"
    assert result.next != slot


def test_unknown_answers_become_unknown_facts_not_guesses():
    slots = {q.slot: "unknown" for q in questions.QUESTIONS} | {"consent": "yes", "country": "ESP"}
    assert report.facts_from(slots) == {
        "country": "ESP", "harms": [], "victim": {}, "events": {}, "remedies": {},
        "other_procedures": [], "urgent_risk": None,
    }  # fmt: skip
    assert report.facts_from({**slots, "country": "unknown"}) is None


@pytest.mark.parametrize("slot", [q.slot for q in questions.QUESTIONS])
def test_why_is_explained_at_every_question_and_the_question_stays(slot):
    slots = {"consent": "yes", "requested_slot": slot} if slot != "consent" else {"requested_slot": slot}
    result = step(slots, Message("why_ask", "why?"), TODAY)
    assert notes(result) == [f"utter_why_{slot}"]
    assert Replies().render(f"utter_why_{slot}", "en") is not None
    assert result.next == slot


def test_going_back_reopens_the_previous_answer_only():
    slots = {"consent": "yes", "harms_confirmed": "yes", "harms": ["life"], "country": "ESP",
             "victim": "self", "requested_slot": "victim_child"}  # fmt: skip
    slots, [result] = run(slots, Message("go_back", "go back"))
    assert result.next == "victim" and slots["country"] == "ESP"
    assert "utter_triage_going_back" in notes(result)
    slots, [result] = run(slots, button("group"))
    assert result.next == "victim_child"  # a group needs no consent question


def test_going_back_at_the_first_question_says_so():
    result = step({"consent": "yes", "requested_slot": "harms_confirmed"}, Message("go_back", "back"), TODAY)
    assert notes(result) == ["utter_triage_first_question"] and result.next == "harms_confirmed"


def test_unreadable_answers_get_a_reprompt_then_a_way_out():
    slots = {"consent": "yes", "harms_confirmed": "yes", "country": "ESP", "requested_slot": "victim"}
    slots, [first, second] = run(slots, typed("purple", "nlu_fallback"), typed("banana", "nlu_fallback"))
    assert notes(first) == ["utter_triage_not_understood"] and first.next == "victim"
    assert notes(second) == ["utter_triage_way_out"] and second.next == "victim"
    way_out = Replies().render("utter_triage_way_out", "en")
    assert {b["payload"] for b in way_out["buttons"]} == {"/skip", "/human", "/show_menu"}
    slots, _ = run(slots, typed("me"))
    assert slots["victim"] == "self" and slots["triage_misses"] == 0


@pytest.mark.parametrize("intent", ["human", "delete_data", "show_menu", "learn_complaints", "show_summary"])
def test_requests_to_leave_the_questions_are_declined_for_the_rules(intent):
    assert step({"consent": "yes", "requested_slot": "victim"}, Message(intent, "x"), TODAY).declined


def test_urgent_words_mid_way_flag_interim_measures_at_once():
    slots = {"consent": "yes", "harms_confirmed": "yes", "harms": ["enforced_disappearance"],
             "country": "MEX", "requested_slot": "victim"}  # fmt: skip
    slots, [result] = run(slots, typed("my son, they will kill him tomorrow if nobody acts"))
    assert slots["victim"] == "relative" and result.next == "urgent"  # asked at once, to confirm
    slots, [result] = run(slots, button("yes"))
    assert notes(result) == ["utter_triage_urgent_now", "utter_triage_urgent_disappearance"]
    assert "/human" in [b["payload"] for b in Replies().render("utter_triage_urgent_now", "en")["buttons"]]


def test_an_urgent_story_moves_the_urgent_question_forward():
    slots, _ = run({}, typed("they will deport me to Eritrea next week", "tell_story"))
    assert slots.get("urgent_hint") is True
    order = [q.slot for q in questions.order(slots)]
    assert order.index("urgent") == order.index("country") + 1


def test_fear_of_reprisals_gives_guidance():
    slots = {"requested_slot": "reprisals", "consent": "yes"}
    result = step(slots, typed("yes I'm afraid they will punish my family"), TODAY)
    assert result.updates["reprisals"] == "yes"
    assert "utter_triage_reprisals_guidance" in notes(result)


def test_harms_can_be_corrected_with_buttons_several_at_once():
    slots = {
        "consent": "yes",
        "requested_slot": "harms_confirmed",
        "harms": ["life"],
        "harms_stage": "proposed",
    }
    slots, steps = run(slots, button("edit"), button("harm:fair_trial"), button("harm:life"), button("done"))
    assert slots["harms"] == ["fair_trial"] and slots["harms_confirmed"] == "yes"
    assert steps[-1].next == "country"


def test_edit_list_marks_chosen_harms():
    slots = {"harms": ["fair_trial"], "harms_stage": "edit"}
    [message] = asking.ask("harms_confirmed", slots, "en", Replies())
    titles = [b["title"] for b in message["buttons"]]
    assert "✓ An unfair trial" in titles and "Done" in titles and len(titles) == 22 + 1 + 3


@pytest.mark.parametrize(
    ("text", "stage", "candidates"),
    [
        ("España", "confirm", ["ESP"]),
        ("the police in Lagos", "confirm", ["NGA"]),
        ("Nigerian soldiers", "confirm", ["NGA"]),
        ("Korea", "choose", ["KOR", "PRK"]),
        ("Spian", "confirm", ["ESP"]),
    ],
)
def test_a_typed_state_is_confirmed_before_it_is_used(text, stage, candidates):
    slots = {"consent": "yes", "harms_confirmed": "yes", "requested_slot": "country"}
    slots, [result] = run(slots, typed(text))
    assert slots["country_stage"] == stage and slots["country_candidates"] == candidates
    assert slots.get("country") is None and result.next == "country"


def test_confirming_denying_and_picking_from_the_list():
    slots = {"consent": "yes", "harms_confirmed": "yes", "requested_slot": "country",
             "country_candidates": ["NGA"], "country_stage": "confirm"}  # fmt: skip
    yes, _ = run(slots, Message("affirm", "yes"))
    assert yes["country"] == "NGA"
    other, _ = run(slots, typed("no, it was Ghana", "deny"))
    assert other["country_candidates"] == ["GHA"] and other.get("country") is None
    listed, _ = run(slots, Message("deny", "no"))
    assert listed["country_stage"] == "list"
    [letters] = asking.ask("country", listed, "en", Replies())
    assert "S" in [b["title"] for b in letters["buttons"]]
    picked, _ = run(listed, button("letter:S"))
    [names] = asking.ask("country", picked, "en", Replies())
    assert asking.choose("ESP") in [b["payload"] for b in names["buttons"]]
    done, _ = run(picked, button("ESP"))
    assert done["country"] == "ESP"


def test_unknown_place_asks_again_with_the_list():
    slots = {"consent": "yes", "harms_confirmed": "yes", "requested_slot": "country"}
    slots, [result] = run(slots, typed("qwxz"))
    assert notes(result) == ["utter_triage_not_understood"]
    [message] = asking.ask("country", slots, "en", Replies())
    assert asking.choose("list") in [b["payload"] for b in message["buttons"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2019", "2019"), ("March 2019", "2019-03"), ("since 03/2020", "2020-03"), ("last year", "2025"),
     ("3 years ago", "2023"), ("in 2031", None), ("a long time", None)],
)  # fmt: skip
def test_dates_are_read_as_years_and_months(text, expected):
    assert answers.read_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the supreme court rejected my appeal", "exhausted"), ("still waiting for the appeal", "pending"),
     ("we never went to court", "not_tried"), ("the judges are corrupt, no point", "ineffective"),
     ("it has been in court for 9 years with no decision", "unreasonably_prolonged"),
     ("no lawyer would take it, it was impossible", "unavailable"), ("purple", None)],
)  # fmt: skip
def test_domestic_remedies_in_plain_words(text, expected):
    assert answers.read_remedies(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("me", "self"), ("it was me", "self"), ("my daughter", "relative"), ("a friend of mine", "other_person"),
     ("all of us in the village", "group"), ("our NGO", "organisation")],
)  # fmt: skip
def test_who_was_affected_in_plain_words(text, expected):
    assert answers.read_victim(text) == expected


def test_summary_lists_answers_with_a_change_button_each():
    slots = {"consent": "yes", "harms_confirmed": "yes", "harms": ["life"], "country": "ESP",
             "victim": "self", "events_start": "2019-03"}  # fmt: skip
    message = report.summary(slots, "en", Replies())
    assert "• State: Spain" in message["text"] and "• Who was affected: Me" in message["text"]
    assert "March 2019" in message["text"]
    assert '/go_back{"choice": "country"}' in [b["payload"] for b in message["buttons"]]


# --- found in review --------------------------------------------------------------------------


def test_only_a_clear_yes_starts_the_questions():
    slots = {"requested_slot": "consent"}
    for message in (Message("dont_know", "I don't know"), Message("skip", "skip"),
                    typed("the police beat me and no one helped", "tell_story")):  # fmt: skip
        result = step(slots, message, TODAY)
        assert result.next == "consent" and result.updates.get("consent") is None
    story = step(slots, typed("soldiers beat me in Aleppo", "tell_story"), TODAY)
    assert story.updates["harms"] == ["torture_ill_treatment"]  # kept for after the yes
    assert step(slots, Message("deny", "not right now"), TODAY).updates["consent"] == "no"


def test_no_thats_not_right_does_not_confirm_the_state():
    slots = {"consent": "yes", "harms_confirmed": "yes", "requested_slot": "country",
             "country_candidates": ["EGY"], "country_stage": "confirm"}  # fmt: skip
    after, _ = run(slots, typed("no that's not right", "deny"))
    assert after.get("country") is None and after["country_stage"] == "list"
    sweden, _ = run(slots, typed("no, it was Sweden that sent him back", "deny"))
    assert sweden["country_candidates"] == ["SWE"]


def test_not_knowing_where_someone_is_is_a_story_not_an_unknown():
    slots = {"consent": "yes", "requested_slot": "harms_confirmed"}
    after, _ = run(slots, typed("soldiers took my brother and we still don't know where he is", "tell_story"))
    assert "enforced_disappearance" in after["harms"] and after.get("harms_confirmed") is None
    assert after["urgent_hint"] is True  # a disappearance brings the urgent question forward


def test_danger_described_at_the_urgent_question_is_a_yes():
    slots = {"consent": "yes", "requested_slot": "urgent", "harms": ["refoulement"]}
    for text in (
        "he will be deported tomorrow",
        "he is on death row",
        "my mother is dying without treatment",
    ):
        assert step(slots, typed(text), TODAY).updates["urgent"] == "yes"


def test_urgent_words_after_a_no_ask_again():
    slots = {"consent": "yes", "harms_confirmed": "yes", "country": "ESP", "urgent": "no",
             "requested_slot": "victim"}  # fmt: skip
    result = step(slots, typed("my son, they will execute him next week"), TODAY)
    assert result.next == "urgent"


def test_a_change_button_in_a_summary_shown_mid_way_changes_that_answer():
    slots = {"consent": "yes", "harms_confirmed": "yes", "harms": ["life"], "country": "ESP",
             "victim": "self", "victim_child": "no", "requested_slot": "events_start"}  # fmt: skip
    after, [result] = run(slots, Message("go_back", '/go_back{"choice": "country"}', "country"))
    assert result.next == "country" and after["victim_child"] == "no"


def test_changing_what_happened_reopens_the_list_with_the_choices_ticked():
    slots = {"consent": "yes", "harms_confirmed": "yes", "harms": ["life", "fair_trial"], "country": "ESP",
             "requested_slot": "victim"}  # fmt: skip
    after, _ = run(slots, Message("go_back", "back"))
    after, _ = run(after, Message("go_back", "back"))
    assert after["harms_stage"] == "edit" and after["harms"] == ["life", "fair_trial"]


def test_changing_the_other_body_asks_its_status_again():
    cleared = questions.clearing("other_body", {"other_body": "ECtHR", "other_status": "decided"})
    assert cleared["other_status"] is None and questions.clearing("remedies", {})["remedies_final"] is None


def test_a_new_story_after_a_finished_check_starts_a_new_one():
    finished = {q.slot: "unknown" for q in questions.QUESTIONS} | {"consent": "yes", "country": "ESP"}
    result = start(finished, typed("I was evicted from my home in Madrid", "tell_story"))
    assert result.next == "harms_confirmed" and result.updates["country"] is None
    assert result.updates["harms_stage"] == "proposed"


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        (lambda t: answers.read_remedies(t), "it happened years ago and we never went to court", "not_tried"),
        (lambda t: answers.read_other_body(None, t), "No, not the UN", "none"),
        (lambda t: answers.read_other_body(None, t), "I wrote to a UN special rapporteur", "none"),
        (lambda t: answers.read_victim(t), "he beat me", "self"),
        (lambda t: answers.read_child(None, t), "no, arrested 3 times", "no"),
        (lambda t: answers.read_child(None, t), "she was 15", "yes"),
        (lambda t: answers.read_date(t, TODAY), "it may have started in 2019", "2019"),
        (lambda t: answers.read_date(t, TODAY), "a protest march in 2018", "2018"),
        (lambda t: answers.read_date(t, TODAY), "2019-03", "2019-03"),
        (
            lambda t: answers.read_date(t, TODAY, latest=True),
            "arrested in 2015, appeal rejected in 2025",
            "2025",
        ),
    ],
)
def test_plain_words_read_carefully(reader, text, expected):
    assert reader(text) == expected


def test_the_final_decision_is_the_latest_year_named():
    slots = {"consent": "yes", "requested_slot": "remedies"}
    after, _ = run(slots, typed("arrested in 2015, the supreme court rejected my appeal in 2025"))
    assert after["remedies"] == "exhausted" and after["remedies_final"] == "2025"


def test_a_typed_country_that_looks_like_a_language_is_read_as_the_country():
    slots = {"consent": "yes", "harms_confirmed": "yes", "requested_slot": "country"}
    result = step(slots, typed("spain", "choose_language"), TODAY)
    assert not result.declined and result.updates["country_candidates"] == ["ESP"]
    button = Message("choose_language", '/choose_language{"language": "fr"}')
    assert step(slots, button, TODAY).declined  # the language buttons still switch language
    assert step(slots, Message("choose_language", "en français svp", names_language=True), TODAY).declined


@pytest.mark.parametrize(
    "text",
    [
        "mars 2019",
        "marzo de 2019",
        "в марте 2019 года",
        "15 марта 2019",
        "مارس 2019",
        "آذار ٢٠١٩",
        "2019年3月",
    ],
)
def test_dates_are_read_in_the_six_languages(text):
    assert answers.read_date(text, TODAY) == "2019-03"


@pytest.mark.parametrize(
    ("story", "harm"),
    [("la police m'a torturé pendant trois jours", "torture_ill_treatment"),
     ("mataron a mi hermano los militares", "life"), ("меня пытали в полиции", "torture_ill_treatment"),
     ("اعتقلوا ابني وعذبوه", "torture_ill_treatment"), ("警察把我儿子抓走了", "arbitrary_detention")],
)  # fmt: skip
def test_a_story_in_any_of_the_six_languages_proposes_its_harms(story, harm):
    slots, _ = run({"consent": "yes", "requested_slot": "harms_confirmed"}, typed(story, "tell_story"))
    assert harm in slots["harms"]


def test_the_chinese_list_is_grouped_by_pinyin_and_every_state_is_under_one_letter():
    groups = asking.letters("zh")
    assert "DEU" in groups["D"] and "CHN" in groups["Z"] and "PER" in groups["B"]  # 德国, 中国, 秘鲁
    assert "#" not in groups and sum(len(v) for v in groups.values()) == len(load().states)
    for language in ("en", "fr", "es", "ru", "ar"):
        assert sum(len(v) for v in asking.letters(language).values()) == len(load().states)
    assert "Г" in asking.letters("ru") and "ا" in asking.letters("ar")
