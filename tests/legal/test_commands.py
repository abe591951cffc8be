"""`python -m bot assess` and `python -m bot data check`, as a user runs them."""

import json
import shutil
import subprocess

from bot.legal.check import check
from bot.legal.data import DATA
from tests.conftest import PYTHON, ROOT

FACTS = {
    "country": "España",
    "harms": ["torture_ill_treatment"],
    "victim": {"who": "self"},
    "remedies": {"status": "exhausted", "final_decision": "2026-09"},
    "today": "2026-11-28",
}


def bot(*args, stdin=None):
    return subprocess.run(
        [PYTHON, "-m", "bot", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60
    )


def test_assess_from_stdin_and_file(tmp_path):
    result = bot("assess", "-", stdin=json.dumps(FACTS))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["country"] == {"iso3": "ESP", "name": "Spain"}
    assert [p["procedure"] for p in out["procedures"]][:2] == ["CAT-22", "CCPR-OP1"]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS))
    assert json.loads(bot("assess", str(path)).stdout) == out  # same input, same output


def test_assess_errors_name_the_field_and_exit_2(tmp_path):
    cases = [
        ({**FACTS, "country": "Spian"}, "country: unknown country 'Spian'; did you mean: Spain"),
        ({**FACTS, "country": "Korea"}, "country: 'Korea' can mean several States: Republic of Korea"),
        ({**FACTS, "harms": ["torture"]}, "harms[0]: must be one of"),
        ({**FACTS, "events": {"start": "last year"}}, "events.start:"),
        ({**FACTS, "colour": "red"}, "colour: unknown field"),
    ]
    for facts, message in cases:
        result = bot("assess", "-", stdin=json.dumps(facts))
        assert result.returncode == 2
        assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert bot("assess", "-", stdin="{not json").returncode == 2
    missing = bot("assess", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_data_check_passes_on_the_shipped_data():
    result = bot("data", "check")
    assert result.returncode == 0, result.stdout
    assert "legal data OK: 197 States x 9 procedures" in result.stdout


def test_data_check_finds_broken_data(tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    rows = (broken / "acceptance.csv").read_text().splitlines()
    rows = [r for r in rows if not r.startswith("Portugal,PRT,CAT-22")]  # a State loses a procedure
    rows = [r.replace("Spain,ESP,CCPR-OP1,yes,1985-01-25", "Spain,ESP,CCPR-OP1,yes,1985-13-25") for r in rows]
    (broken / "acceptance.csv").write_text("\n".join(rows) + "\n")
    procedures = (broken / "procedures.yml").read_text().replace("[disability]", "[disabilities]")
    (broken / "procedures.yml").write_text(procedures)
    errors = check(broken)
    assert any("PRT has no row for ['CAT-22']" in e for e in errors)
    assert any("'1985-13-25' is not an ISO date" in e for e in errors)
    assert any("unknown harm 'disabilities'" in e for e in errors)
