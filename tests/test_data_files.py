"""The YAML data files have no key written twice (YAML would silently keep only the last)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

FILES = sorted(
    [*(ROOT / "bot/legal/data").rglob("*.yml"), *(ROOT / "bot/understanding/lexicon").glob("*.yml"),
     ROOT / "dialogues/replies.yml"]
)  # fmt: skip


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = {k for k in keys if keys.count(k) > 1}
        if twice:
            problem = f"keys written twice: {sorted(map(str, twice))}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_no_key_is_written_twice(path: Path):
    yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)  # a SafeLoader subclass
