"""Real decided cases (tests/legal/data/cases-dev.jsonl) as regression tests of the assessment.

For each case: the deciding committee is among the open procedures (unless the case turned on
non-acceptance); its inadmissibility grounds show as `problem` or `warning`; an admissible case
shows no `problem` for the deciding committee.
"""

import json
from pathlib import Path

import pytest

from bot.legal.commands import assess_json

DATA = Path(__file__).resolve().parent / "data"
CASES = [json.loads(line) for line in (DATA / "cases-dev.jsonl").read_text().splitlines() if line.strip()]
FACTS = json.loads((DATA / "case-facts.json").read_text())
CRITERION_FOR_GROUND = {
    "non_exhaustion": "exhaustion",
    "time_limit": "time_limit",
    "other_procedure": "other_procedure",
    "ratione_temporis": "ratione_temporis",
    "not_victim": "victim_status",
    "incompatible_ratione_materiae": "subject_matter",
}


def test_every_case_has_facts():
    assert {case["id"] for case in CASES} == set(FACTS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_decided_case(case):
    result = assess_json(FACTS[case["id"]]["facts"])
    committees = {p["committee"]: p for p in result["procedures"]}
    assert case["committee"] in committees, f"{case['name']}: {case['committee']} not open"
    entry = committees[case["committee"]]
    statuses = {c["criterion"]: c["status"] for c in entry["checks"]}
    if case["outcome"] == "admissible":
        problems = [c for c in entry["checks"] if c["status"] == "problem"]
        assert problems == [], case["name"]
    else:
        for ground in case["inadmissibility_grounds"]:
            criterion = CRITERION_FOR_GROUND.get(ground)
            if criterion:
                assert statuses[criterion] in ("problem", "warning"), (case["name"], ground, statuses)
        assert entry["overall"] != "looks_admissible"
