"""Partial dates and strict input validation."""

from datetime import date

import pytest

from bot.legal.dates import PartialDate, add_lag, add_months, compare
from bot.legal.facts import FactsError, parse_facts

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2021-07-15", date(2021, 7, 15), date(2021, 7, 15)),
    ],
)
def test_partial_dates_are_ranges(text, earliest, latest):
    value = PartialDate.parse(text)
    assert (value.earliest, value.latest) == (earliest, latest)


@pytest.mark.parametrize("text", ["19", "2019-13", "2019-02-30", "2019/05/01", "1850", "soon", ""])
def test_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_month_arithmetic_and_lags():
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2021, 11, 15), 6) == date(2022, 5, 15)
    assert add_lag(date(2010, 9, 23), {"months": 3}) == date(2010, 12, 23)
    assert add_lag(date(2007, 12, 3), {"days": 30}) == date(2008, 1, 2)


def test_comparison_says_unknown_when_the_range_straddles():
    line = date(2013, 5, 5)
    assert compare(PartialDate.parse("2012"), line) == "before"
    assert compare(PartialDate.parse("2014"), line) == "after"
    assert compare(PartialDate.parse("2013"), line) == "unknown"
    assert compare(PartialDate.parse("2013-05-05"), line) == "after"


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({}, "country"),
        ([], "facts"),
        ({"country": "ESP", "nationality": "x"}, "nationality"),
        ({"country": "ESP", "harms": ["torture"]}, "harms[0]"),
        ({"country": "ESP", "victim": {"who": "me"}}, "victim.who"),
        ({"country": "ESP", "victim": {"age": 3}}, "victim.age"),
        ({"country": "ESP", "events": {"start": "May 2019"}}, "events.start"),
        ({"country": "ESP", "events": {"start": "2020", "end": "2019"}}, "events.end"),
        ({"country": "ESP", "remedies": {"status": "done"}}, "remedies.status"),
        ({"country": "ESP", "remedies": {"final_decision": "2019-02-31"}}, "remedies.final_decision"),
        (
            {"country": "ESP", "other_procedures": [{"body": "ICC", "status": "pending"}]},
            "other_procedures[0].body",
        ),
        ({"country": "ESP", "other_procedures": [{"body": "ECtHR"}]}, "other_procedures[0]"),
        ({"country": "ESP", "urgent_risk": "yes"}, "urgent_risk"),
        ({"country": "ESP", "today": "2026"}, "today"),
    ],
)
def test_bad_input_names_the_field(facts, field):
    with pytest.raises(FactsError) as error:
        parse_facts(facts, TODAY)
    assert error.value.field == field


def test_everything_but_country_is_optional_and_today_defaults():
    facts = parse_facts({"country": "Spain"}, TODAY)
    assert facts.today == TODAY and facts.harms == () and facts.victim.who is None
