"""`python -m bot understand`: the evaluation contract, with the trained model."""

import json
import subprocess

from tests.conftest import PYTHON, ROOT


def understand(*args, stdin=None):
    result = subprocess.run([PYTHON, "-m", "bot", "understand", *args], cwd=ROOT, input=stdin,
                            capture_output=True, text=True, timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_message():
    (out,) = understand("the police in Lagos beat me and arrested my brother", "--lang", "en")
    assert set(out) == {"intent", "harms", "country", "language"}
    assert out["country"] == "NGA" and out["language"] == "en"
    assert {"torture_ill_treatment", "arbitrary_detention"} <= set(out["harms"])
    assert isinstance(out["intent"], str)


def test_batch_reads_one_message_a_line_with_the_model_loaded_once():
    lines = "hello\nI want to talk to a human\n\nwhere can I complain about torture in Spain\n"
    out = understand("--batch", "-", stdin=lines)
    assert len(out) == 3
    assert out[0]["intent"] == "greet" and out[1]["intent"] == "human"
    assert out[2]["country"] == "ESP" and out[2]["harms"] == ["torture_ill_treatment"]
