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
    """Intent macro-F1, harm recall and State recognition meet their targets in every language."""
    out = io.StringIO()
    evaluate.run_eval(None, stdout=out)
    for language in evaluate.languages_with_held_out():
        report = json.loads((evaluate.REPORTS / f"eval-{language}.json").read_text())
        goal = evaluate.targets(language)
        assert report["intent_macro_f1"] >= goal["intent_macro_f1"], out.getvalue()
        assert report["harm_recall"] >= goal["harm_recall"], out.getvalue()
        assert report["country_recall"] >= goal["country_recall"], out.getvalue()
        assert evaluate.passed(report, language), out.getvalue()
    assert "State recognised" in out.getvalue()
    assert "BELOW TARGET" not in out.getvalue()
