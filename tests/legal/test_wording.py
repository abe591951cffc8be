"""Every reason the assessment can give has wording, with the same placeholders as its params."""

import itertools
import re
import string

from bot.legal.facts import REMEDY_STATUS
from bot.replies import Replies
from tests.legal.helpers import run

VARIANTS = {
    "victim": [
        {"who": w, "consent": c, "personally_affected": p}
        for w, c, p in itertools.product(
            ["self", "relative", "group", "organisation", None], [True, False, None], [True, False, None]
        )
    ],
    "remedies": [
        {"status": s, "final_decision": d, "raised_in_substance": r}
        for s, d, r in itertools.product(
            [*REMEDY_STATUS, None],
            ["2026-10-01", "2026-05", "2019", "2026", None],
            [True, False, None],
        )
    ],
    "events": [
        {"start": s, "continuing": c} for s in ["1970", "2013", "2025", None] for c in [True, False, None]
    ],
    "other_procedures": [
        [{"body": b, "status": st, "same_facts": sf, "ended": "2020"}]
        for b, st, sf in itertools.product(
            ["ECtHR", "CAT", "CCPR", "UN_special_procedure", "other"],
            ["pending", "decided", "withdrawn"],
            [True, None],
        )
    ],
}
STATES = ["PRT", "ESP", "AUT", "GUY", "HND", "CHL", "DEU", "MEX", "JAM", "CHN"]
HARMS = [
    [
        "torture_ill_treatment",
        "discrimination_race_ethnicity",
        "economic_social_cultural",
        "child_rights",
        "disability",
        "enforced_disappearance",
        "discrimination_women_gender",
        "migrant_workers",
    ],
    [],
]


def reasons_and_params():
    seen = {}
    base = {"harms": HARMS[0]}
    for country in STATES:
        for harms in HARMS:
            for key, values in VARIANTS.items():
                for value in values:
                    result = run(country=country, **{**base, "harms": harms, key: value})
                    for entry in result["procedures"]:
                        for item in entry["checks"]:
                            seen.setdefault(item["reason"], set()).update(item["params"])
                    for closed in result["closed_procedures"]:
                        seen.setdefault(closed["why"], set()).update(closed["params"])
                    seen.setdefault(result["disclaimer"], set())
    extra = [
        run(country="ALB", harms=["economic_social_cultural"], today="2025-03-01"),  # in its 3-month lag
        run(country="BLR", harms=["fair_trial"], today="2022-12-01"),  # denounced, not yet effective
        run(country="PRT", harms=["fair_trial"], remedies={"status": "exhausted", "final_decision": "2021"}),
        run(
            country="PRT",
            harms=["fair_trial"],
            other_procedures=[{"body": "IACHR", "status": "decided", "same_facts": True, "ended": "2023"}],
        ),
        run(country="PRT", harms=["fair_trial"], remedies={"status": "exhausted", "final_decision": "2022"}),
    ]
    for result in extra:
        for entry in result["procedures"]:
            for item in entry["checks"]:
                seen.setdefault(item["reason"], set()).update(item["params"])
        for option in result["regional_options"]:
            if "deadline" in option:
                seen.setdefault(option["deadline"]["reason"], set()).update(option["deadline"]["params"])
    return seen


def test_every_reason_has_wording_with_matching_placeholders():
    replies = Replies()
    seen = reasons_and_params()
    assert len(seen) > 50
    for reason, params in seen.items():
        entry = replies.entries.get(f"assess_{reason}")
        assert entry, f"no wording for reason {reason!r} in dialogues/replies.yml"
        names = {field for _, field, _, _ in string.Formatter().parse(entry["text"]) if field}
        assert names <= params, (reason, names - params)
    unused = [k for k in replies.entries if k.startswith("assess_") and k.removeprefix("assess_") not in seen]
    assert unused == []  # no stale wording either


def test_no_wording_says_you_cannot_complain():
    for name, entry in Replies().entries.items():
        if name.startswith("assess_"):
            assert not re.search(r"you cannot (complain|submit)", entry["text"], re.I), name
