"""Each admissibility rule, with the article or rule it comes from in the test's name or docstring.

Country PRT (Portugal) accepted all eight procedures in force and made no reservation, so a
rule shows in isolation; other States are used where their declarations matter.
"""

import pytest

from tests.legal.helpers import check, procedure, run, status

IN_FORCE = ("CCPR-OP1", "CERD-14", "CAT-22", "CEDAW-OP", "CRPD-OP", "CED-31", "CESCR-OP", "CRC-OP3")
HARM_FOR = {
    "CCPR-OP1": "fair_trial",
    "CERD-14": "discrimination_race_ethnicity",
    "CAT-22": "torture_ill_treatment",
    "CEDAW-OP": "discrimination_women_gender",
    "CRPD-OP": "disability",
    "CED-31": "enforced_disappearance",
    "CESCR-OP": "economic_social_cultural",
    "CRC-OP3": "child_rights",
}
CLEAN = {
    "victim": {"who": "self", "personally_affected": True},
    "events": {"start": "2025-03", "continuing": False},
    "remedies": {"status": "exhausted", "final_decision": "2026-10-01", "raised_in_substance": True},
}


def clean(pid: str, **changes):
    facts = {**CLEAN, "harms": [HARM_FOR[pid]], **changes}
    return run(**facts)


# ------------------------------------------------------------------ every procedure x every criterion


@pytest.mark.parametrize("pid", IN_FORCE)
def test_a_clean_case_looks_admissible_before_every_committee(pid):
    result = clean(pid)
    entry = procedure(result, pid)
    assert entry["fit"] == "strong" and entry["open"] is True
    assert entry["overall"] == "looks_admissible", [c for c in entry["checks"] if c["status"] != "ok"]
    for item in entry["checks"]:
        assert item["source"], item  # every statement cites its source


@pytest.mark.parametrize("pid", IN_FORCE)
def test_events_before_entry_into_force_are_a_problem_unless_continuing(pid):
    """OP1 practice; CERD/CAT declarations; OP-CEDAW 4(2)(e); OP-CRPD 2(f); ICPPED 35;
    OP-ICESCR 3(2)(b); OP3-CRC 7(g)."""
    before = clean(pid, events={"start": "1970", "end": "1970", "continuing": False})
    assert status(before, pid, "ratione_temporis") == "problem"
    continuing = clean(pid, events={"start": "1970", "continuing": True})
    # ICPPED art. 35(1): only disappearances that *commenced* after entry into force.
    assert status(continuing, pid, "ratione_temporis") == ("problem" if pid == "CED-31" else "warning")
    unknown = clean(pid, events={})
    assert status(unknown, pid, "ratione_temporis") == "unknown"


@pytest.mark.parametrize("pid", IN_FORCE)
def test_pending_remedies_are_a_problem_and_prolonged_ones_a_warning(pid):
    """OP1 5(2)(b); ICERD 14(7)(a); CAT 22(5)(b); OP-CEDAW 4(1); OP-CRPD 2(d); ICPPED 31(2)(d);
    OP-ICESCR 3(1); OP3-CRC 7(e)."""
    assert status(clean(pid, remedies={"status": "pending"}), pid, "exhaustion") == "problem"
    assert status(clean(pid, remedies={"status": "not_tried"}), pid, "exhaustion") == "problem"
    assert status(clean(pid, remedies={"status": "unreasonably_prolonged"}), pid, "exhaustion") == "warning"
    for no_remedy in ("unavailable", "ineffective"):
        assert (
            status(clean(pid, remedies={"status": no_remedy}), pid, "exhaustion") == "warning"
        )  # never "ok"
    assert status(clean(pid, remedies={"status": "unknown"}), pid, "exhaustion") == "unknown"


@pytest.mark.parametrize("pid", IN_FORCE)
def test_remedies_that_did_not_raise_the_substance_do_not_count(pid):
    facts = {"status": "exhausted", "final_decision": "2026-10", "raised_in_substance": False}
    assert status(clean(pid, remedies=facts), pid, "exhaustion") == "problem"


@pytest.mark.parametrize("pid", IN_FORCE)
def test_standing_rules(pid):
    """No actio popularis: the author must be, or act for, an identified victim
    (e.g. OP1 art. 1, OP-CEDAW art. 2)."""
    assert status(clean(pid, victim={"who": "relative", "consent": True}), pid, "victim_status") == "ok"
    assert status(clean(pid, victim={"who": "relative", "consent": False}), pid, "victim_status") == "warning"
    assert status(clean(pid, victim={"who": "organisation"}), pid, "victim_status") == "problem"
    assert (
        status(clean(pid, victim={"who": "self", "personally_affected": False}), pid, "victim_status")
        == "problem"
    )


@pytest.mark.parametrize("pid", IN_FORCE)
def test_the_same_matter_pending_before_the_european_court(pid):
    """Pending elsewhere bars every committee with a 'being examined' clause; CERD has none (art. 14)."""
    result = clean(pid, other_procedures=[{"body": "ECtHR", "status": "pending", "same_facts": True}])
    assert status(result, pid, "other_procedure") == ("ok" if pid == "CERD-14" else "problem")


@pytest.mark.parametrize("pid", IN_FORCE)
def test_the_same_matter_decided_by_the_european_court(pid):
    """'has been or is being examined': CAT 22(5)(a), OP-CEDAW 4(2)(a), OP-CRPD 2(c), OP-ICESCR 3(2)(c),
    OP3-CRC 7(d). CCPR (OP1 5(2)(a)) and CED (31(2)(c)) bar only a pending examination; CERD has no clause."""
    result = clean(
        pid, other_procedures=[{"body": "ECtHR", "status": "decided", "same_facts": True, "ended": "2026-06"}]
    )
    expected = "ok" if pid in ("CCPR-OP1", "CED-31", "CERD-14") else "problem"
    assert status(result, pid, "other_procedure") == expected


@pytest.mark.parametrize("pid", IN_FORCE)
def test_a_matter_already_before_the_same_committee(pid):
    committee = procedure(clean(pid), pid)["committee"]
    result = clean(pid, other_procedures=[{"body": committee, "status": "decided", "same_facts": True}])
    assert status(result, pid, "other_procedure") == "problem"


@pytest.mark.parametrize("pid", IN_FORCE)
def test_unknown_sameness_is_a_warning_not_a_problem_and_special_procedures_do_not_count(pid):
    unsure = clean(pid, other_procedures=[{"body": "ECtHR", "status": "pending", "same_facts": None}])
    assert status(unsure, pid, "other_procedure") in ("ok", "warning")
    rapporteur = clean(
        pid, other_procedures=[{"body": "UN_special_procedure", "status": "pending", "same_facts": True}]
    )
    assert status(rapporteur, pid, "other_procedure") == "ok"


# ------------------------------------------------------------------ time limits


def test_cerd_six_months_after_the_final_decision_rule_91f():
    within = clean("CERD-14", remedies={"status": "exhausted", "final_decision": "2026-07-01"})
    item = check(within, "CERD-14", "time_limit")
    assert item["status"] == "ok" and item["params"]["deadline"] == "2027-01-01"
    late = clean("CERD-14", remedies={"status": "exhausted", "final_decision": "2026-05-27"})
    assert status(late, "CERD-14", "time_limit") == "problem"
    year_only = clean("CERD-14", remedies={"status": "exhausted", "final_decision": "2026"})
    assert status(year_only, "CERD-14", "time_limit") == "unknown"  # could be either: say so


@pytest.mark.parametrize("pid", ["CESCR-OP", "CRC-OP3"])
def test_one_year_after_exhaustion_op_icescr_3_2_a_and_op3_crc_7_h(pid):
    assert (
        status(
            clean(pid, remedies={"status": "exhausted", "final_decision": "2025-12-01"}), pid, "time_limit"
        )
        == "ok"
    )
    assert (
        status(
            clean(pid, remedies={"status": "exhausted", "final_decision": "2025-11-01"}), pid, "time_limit"
        )
        == "problem"
    )
    assert status(clean(pid, remedies={"status": "pending"}), pid, "time_limit") == "ok"  # not started


def test_ccpr_five_years_after_exhaustion_is_a_warning_rule_99c():
    old = clean("CCPR-OP1", remedies={"status": "exhausted", "final_decision": "2020-06-01"})
    assert status(old, "CCPR-OP1", "time_limit") == "warning"
    recent = clean("CCPR-OP1", remedies={"status": "exhausted", "final_decision": "2023-06-01"})
    assert status(recent, "CCPR-OP1", "time_limit") == "ok"


def test_ccpr_three_years_after_another_international_procedure_rule_99c():
    other = [{"body": "IACHR", "status": "decided", "same_facts": True, "ended": "2022-01"}]
    assert status(clean("CCPR-OP1", other_procedures=other), "CCPR-OP1", "time_limit") == "warning"
    other[0]["ended"] = "2025-01"
    assert status(clean("CCPR-OP1", other_procedures=other), "CCPR-OP1", "time_limit") == "ok"


@pytest.mark.parametrize("pid", ["CAT-22", "CEDAW-OP", "CRPD-OP", "CED-31"])
def test_no_fixed_time_limit(pid):
    result = clean(pid, remedies={"status": "exhausted", "final_decision": "2010"})
    assert status(result, pid, "time_limit") == "ok"


# ------------------------------------------------------------------ State reservations and acceptance dates


@pytest.mark.parametrize(
    ("country", "expected"), [("ESP", "problem"), ("FRA", "problem"), ("AUT", "warning"), ("PRT", "ok")]
)
def test_ccpr_decided_elsewhere_is_a_problem_only_under_a_same_matter_reservation(country, expected):
    """OP1 5(2)(a) bars only pending matters; Spain's and France's declarations also bar decided
    ones; Austria's names only the former European Commission; Portugal made none."""
    decided = [{"body": "ECtHR", "status": "decided", "same_facts": True, "ended": "2026-01"}]
    result = clean("CCPR-OP1", country=country, other_procedures=decided)
    assert status(result, "CCPR-OP1", "other_procedure") == expected


@pytest.mark.parametrize(("country", "expected"), [("DEU", "problem"), ("PRT", "ok")])
def test_cerd_same_matter_only_where_the_state_reserved_it(country, expected):
    """ICERD art. 14 has no same-matter clause; Germany's declaration adds one."""
    decided = [{"body": "ECtHR", "status": "decided", "same_facts": True}]
    result = clean("CERD-14", country=country, other_procedures=decided)
    assert status(result, "CERD-14", "other_procedure") == expected


def test_temporal_declarations_move_the_line_cat_chile():
    """Chile's art. 22 declaration: acts whose execution began after 15 March 2004."""
    result = clean("CAT-22", country="CHL", events={"start": "2000", "end": "2000", "continuing": False})
    item = check(result, "CAT-22", "ratione_temporis")
    assert item["status"] == "problem" and item["params"]["facts_must_follow"] == "2004-03-15"


def test_subject_matter_reservations_are_shown_guyana_op1():
    result = clean("CCPR-OP1", country="GUY")
    reservation = check(result, "CCPR-OP1", "reservation")
    assert reservation["status"] == "warning" and "death" in reservation["params"]["summary"]


def test_ced_temporal_line_is_the_conventions_entry_into_force_art_35():
    """Spain: CED ratified 2009-09-24 -> in force 2010-12-23 (art. 39); the art. 31 declaration is of 2011."""
    result = clean("CED-31", country="ESP", events={"start": "2011-01-01", "continuing": True})
    assert check(result, "CED-31", "ratione_temporis")["params"]["facts_must_follow"] == "2010-12-23"


def test_protocol_lag_op_icescr_18_2():
    """Spain deposited on 2010-09-23; the Protocol entered into force on 2013-05-05 (art. 18(1))."""
    result = clean("CESCR-OP", country="ESP", events={"start": "2013-03", "continuing": False})
    assert check(result, "CESCR-OP", "ratione_temporis")["status"] == "problem"
    assert check(result, "CESCR-OP", "state_acceptance")["params"]["in_force_for_state"] == "2013-05-05"


# ------------------------------------------------------------------ open and closed procedures


def test_a_procedure_accepted_after_today_is_not_open():
    """Albania accepted OP-ICESCR on 2025-02-19: not open for a complaint dated 2024."""
    result = run(country="ALB", harms=["economic_social_cultural"], today="2024-06-01")
    assert [c["why"] for c in result["closed_procedures"] if c["procedure"] == "CESCR-OP"] == ["not_accepted"]
    assert procedure(run(country="ALB", harms=["economic_social_cultural"]), "CESCR-OP")["open"]


def test_cmw_is_never_offered_it_is_not_in_force():
    """ICRMW art. 77(8): 5 of the 10 declarations needed (Mexico made one)."""
    result = run(country="MEX", harms=["migrant_workers"])
    closed = [c for c in result["closed_procedures"] if c["procedure"] == "CMW-77"]
    assert (
        closed
        and closed[0]["why"] == "not_in_force"
        and closed[0]["params"] == {"declarations": 5, "needed": 10}
    )
    assert "CMW-77" not in [p["procedure"] for p in result["procedures"]]


def test_denounced_procedures_say_so_jamaica_op1():
    result = run(country="JAM", harms=["fair_trial"])
    assert [c["why"] for c in result["closed_procedures"] if c["procedure"] == "CCPR-OP1"] == ["denounced"]


def test_not_accepted_procedures_are_listed_with_why():
    result = run(country="CHN", harms=["torture_ill_treatment"])
    assert result["procedures"] == []
    assert {c["procedure"]: c["why"] for c in result["closed_procedures"]} == {
        "CCPR-OP1": "not_accepted",
        "CAT-22": "not_accepted",
    }


def test_serious_obstacles_still_listed_never_dropped():
    result = clean("CAT-22", remedies={"status": "not_tried"})
    entry = procedure(result, "CAT-22")
    assert entry["overall"] == "serious_obstacles" and entry["open"]


def test_fit_strong_before_possible_and_best_first():
    result = run(country="PRT", harms=["discrimination_race_ethnicity"], **{k: v for k, v in CLEAN.items()})
    order = [p["procedure"] for p in result["procedures"]]
    assert order[0] == "CERD-14" and "CCPR-OP1" in order
    assert procedure(result, "CCPR-OP1")["fit"] == "possible"


def test_a_child_victim_makes_the_crc_a_possible_fit_for_any_harm():
    result = run(country="PRT", harms=["arbitrary_detention"], victim={"who": "self", "child_at_time": True})
    assert procedure(result, "CRC-OP3")["fit"] == "possible"
    assert "CRC-OP3" not in [
        p["procedure"] for p in run(country="PRT", harms=["arbitrary_detention"])["procedures"]
    ]


def test_property_fits_no_un_procedure_and_is_reported():
    result = run(country="PRT", harms=["property"])
    assert result["procedures"] == [] and result["unmatched_harms"] == ["property"]
    assert [o["system"] for o in result["regional_options"]] == ["ECtHR"]


# ------------------------------------------------------------------ urgency and regional options


def test_interim_measures_and_ced_urgent_action_art_30():
    """CED urgent action needs only CED party status (art. 30), not the art. 31 declaration:
    Mexico is a party."""
    result = run(
        country="MEX", harms=["enforced_disappearance"], urgent_risk=True, events={"continuing": True}
    )
    assert result["urgent"]["ced_urgent_action"] is True
    assert result["urgent"]["interim_measures"] is True
    no_ced = run(country="CHN", harms=["enforced_disappearance"], urgent_risk=True)
    assert no_ced["urgent"] == {**no_ced["urgent"], "ced_urgent_action": False, "interim_measures": False}


def test_regional_options_with_deadlines():
    """ECHR art. 35(1) as amended by Protocol 15: four months."""
    result = run(
        country="PRT", harms=["fair_trial"], remedies={"status": "exhausted", "final_decision": "2026-09-01"}
    )
    (echr,) = result["regional_options"]
    assert echr["system"] == "ECtHR" and echr["deadline"]["params"]["deadline"] == "2027-01-01"
    assert [o["system"] for o in run(country="KEN")["regional_options"]] == ["ACHPR"]
    assert [o["system"] for o in run(country="MEX")["regional_options"]] == ["IACHR"]


def test_the_result_is_deterministic_and_labelled():
    first, second = clean("CAT-22"), clean("CAT-22")
    assert first == second
    assert first["disclaimer"] == "assessment_disclaimer" and first["data_as_of"] == "2026-02-03"


def test_facts_between_ratification_and_declaration_are_uncertain_cat_honduras():
    """Honduras: party to CAT since 1996, art. 22 declaration on 22 Jul 2024. Facts in between may
    or may not be examined (a warning for an adviser); facts before the Convention bound it cannot."""
    between = clean("CAT-22", country="HND", events={"start": "2010", "end": "2010", "continuing": False})
    item = check(between, "CAT-22", "ratione_temporis")
    assert item["status"] == "warning" and item["reason"] == "events_before_declaration"
    before = clean("CAT-22", country="HND", events={"start": "1990", "end": "1990", "continuing": False})
    assert status(before, "CAT-22", "ratione_temporis") == "problem"
    chile = clean("CAT-22", country="CHL", events={"start": "2000", "end": "2000", "continuing": False})
    assert status(chile, "CAT-22", "ratione_temporis") == "problem"  # Chile limited it by declaration


# ------------------------------------------------------------------ from the legal review


def test_ced_only_disappearances_that_began_after_entry_into_force_art_35():
    """ICPPED art. 35(1): a disappearance that began before the Convention bound Mexico (2008)
    stays outside, even though it continues; so does urgent action under art. 30."""
    old = run(
        country="MEX",
        harms=["enforced_disappearance"],
        events={"start": "2005", "continuing": True},
        urgent_risk=True,
    )
    assert status(old, "CED-31", "ratione_temporis") == "problem"
    assert old["urgent"]["ced_urgent_action"] is False
    recent = run(
        country="MEX", harms=["enforced_disappearance"], events={"start": "2015", "continuing": True}
    )
    assert recent["urgent"]["ced_urgent_action"] is True
    before_in_force = run(country="MEX", harms=["enforced_disappearance"], today="2005-06-01")
    assert before_in_force["urgent"]["ced_urgent_action"] is False


def test_austrias_reservation_names_only_the_european_commission():
    cat = [{"body": "CAT", "status": "decided", "same_facts": True, "ended": "2025-01"}]
    assert (
        status(clean("CCPR-OP1", country="AUT", other_procedures=cat), "CCPR-OP1", "other_procedure") == "ok"
    )


def test_declarations_covering_acts_that_began_after_a_date():
    """El Salvador (OP1): only acts beginning after deposit; Chile (OP1): acts which began after
    11 March 1990."""
    salvador = clean("CCPR-OP1", country="SLV", events={"start": "1993", "continuing": True})
    assert status(salvador, "CCPR-OP1", "ratione_temporis") == "problem"
    chile = clean("CCPR-OP1", country="CHL", events={"start": "1991-06", "continuing": False})
    item = check(chile, "CCPR-OP1", "ratione_temporis")
    assert item["status"] == "ok" and item["params"]["facts_must_follow"] == "1990-03-11"


def test_limits_the_assessment_does_not_model_are_warnings_turkiye_art_26():
    result = clean("CCPR-OP1", country="TUR")
    assert check(result, "CCPR-OP1", "reservation")["reason"] == "reservation_limits_subject"


def test_the_european_court_is_not_offered_for_facts_after_russia_left():
    """ECHR art. 58: the Russian Federation ceased to be a party on 16 September 2022."""
    later = run(country="RUS", harms=["fair_trial"], events={"start": "2023"})
    (echr,) = [o for o in later["regional_options"] if o["system"] == "ECtHR"]
    assert echr["available"] is False
    earlier = run(country="RUS", harms=["fair_trial"], events={"start": "2021"})
    assert next(o for o in earlier["regional_options"] if o["system"] == "ECtHR")["available"] is True


def test_a_denunciation_takes_effect_later_op1_art_12():
    """Belarus notified on 8 Nov 2022; the denunciation took effect on 8 Feb 2023."""
    pending = run(country="BLR", harms=["fair_trial"], today="2022-12-01")
    assert check(pending, "CCPR-OP1", "state_acceptance")["reason"] == "denunciation_pending"
    after = run(country="BLR", harms=["fair_trial"], today="2023-03-01")
    (closed,) = [c for c in after["closed_procedures"] if c["procedure"] == "CCPR-OP1"]
    assert closed["why"] == "denounced" and closed["params"] == {"effective": "2023-02-08"}
    assert closed["source"] == "OP1 art. 12"


def test_special_procedures_do_not_start_the_three_year_clock():
    rapporteur = [{"body": "UN_special_procedure", "status": "decided", "same_facts": True, "ended": "2015"}]
    assert status(clean("CCPR-OP1", other_procedures=rapporteur), "CCPR-OP1", "time_limit") == "ok"


def test_withdrawn_from_the_same_committee_is_a_warning():
    withdrawn = [{"body": "CAT", "status": "withdrawn", "same_facts": True}]
    item = check(clean("CAT-22", other_procedures=withdrawn), "CAT-22", "other_procedure")
    assert (item["status"], item["reason"]) == ("warning", "withdrawn_from_this_committee")


def test_unverified_rules_stay_marked_in_the_output():
    entry = procedure(clean("CCPR-OP1"), "CCPR-OP1")
    assert entry["interim_measures"] == {"source": "CCPR rules of procedure, rule 94", "unverified": True}
    assert check(clean("CRC-OP3"), "CRC-OP3", "state_acceptance")["unverified"] is True


def test_the_european_court_had_six_months_before_february_2022():
    """Protocol No. 15: four months applies to final decisions from 1 February 2022."""
    old = run(
        country="PRT",
        harms=["fair_trial"],
        remedies={"status": "exhausted", "final_decision": "2021-10-01"},
        today="2022-03-15",
    )
    (echr,) = old["regional_options"]
    assert echr["deadline"]["params"]["months"] == 6 and echr["deadline"]["status"] == "ok"


def test_an_organisation_acting_with_consent_of_identified_victims():
    assert (
        status(clean("CAT-22", victim={"who": "organisation", "consent": True}), "CAT-22", "victim_status")
        == "ok"
    )


def test_a_declaration_made_on_ratification_takes_effect_with_the_treaty():
    """CAT art. 27(2): the Convention binds a State on the 30th day after ratification, so a
    declaration made with the ratification cannot apply earlier (Spain: 21 Oct 1987)."""
    entry = check(clean("CAT-22", country="ESP"), "CAT-22", "state_acceptance")
    assert entry["params"]["in_force_for_state"] == "1987-11-20"


def test_no_committee_open_still_points_somewhere():
    result = run(country="PRK", harms=["torture_ill_treatment"])
    assert result["procedures"] == [] and result["adviser"] is True
    assert {r["route"] for r in result["other_routes"]} == {"special_procedures", "hrc_complaint_procedure"}
