"""`make eval`: the held-out set is understood well enough (it was never used for training)."""

import io
import json

import pytest

from bot.understanding import evaluate


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_held_out_sets_are_large_and_unseen(language):
    examples = evaluate.load_examples(language)
    assert len(examples) >= (150 if language == "en" else 60)
    training = "".join(
        p.read_text().lower() for p in (evaluate.paths.ROOT / "dialogues/data").glob("nlu*.yml")
    )
    assert not [e.text for e in examples if f"- {e.text.lower()}\n" in training]


def test_make_eval_meets_the_targets_and_writes_its_report():
    out = io.StringIO()
    status = evaluate.run_eval(["en"], stdout=out)
    report = json.loads((evaluate.REPORTS / "eval-en.json").read_text())
    assert report["intent_macro_f1"] >= 0.90, out.getvalue()
    assert report["harm_recall"] >= 0.85, out.getvalue()
    assert status == 0 and "PASS" in out.getvalue()
