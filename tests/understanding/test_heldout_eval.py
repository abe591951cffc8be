"""`make eval`: the held-out set is understood well enough (it was never used for training)."""

import io
import json

from bot.understanding import evaluate


def test_the_held_out_set_is_large_realistic_and_unseen():
    examples = evaluate.load_examples("en")
    assert len(examples) >= 150
    training = (evaluate.paths.ROOT / "dialogues/data/nlu.yml").read_text().lower()
    assert not [e.text for e in examples if f"- {e.text.lower()}\n" in training]


def test_make_eval_meets_the_targets_and_writes_its_report():
    out = io.StringIO()
    status = evaluate.run_eval("en", stdout=out)
    report = json.loads((evaluate.REPORTS / "eval-en.json").read_text())
    assert report["intent_macro_f1"] >= 0.90, out.getvalue()
    assert report["harm_recall"] >= 0.85, out.getvalue()
    assert status == 0 and "PASS" in out.getvalue()
