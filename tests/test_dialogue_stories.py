"""The Rasa test stories (tests/dialogue/) pass against the trained model: every message is
understood as written and the dialogue takes the right turn, including interruptions."""

import os
import subprocess

from bot import model
from tests.conftest import ROOT


def test_rasa_test_stories_pass(tmp_path):
    result = subprocess.run(
        [str(ROOT / ".venv/engine/bin/rasa"), "test", "core",
         "--model", str(model.model_path()), "--stories", "tests/dialogue/test_stories.yml",
         "--out", str(tmp_path), "--fail-on-prediction-errors", "--no-plot"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **model.engine_env()}, timeout=600,
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, detail
    assert "# None of the test stories failed" in failed.read_text()
