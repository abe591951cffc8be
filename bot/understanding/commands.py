"""`python -m bot understand "TEXT" [--lang LANG]` and `--batch FILE|-`: what the bot understands.

Prints one JSON object per message: {"intent", "harms", "country", "language"}. The intent comes
from the trained Rasa model (loaded once, in the engine environment); harms and the State from
bot.understanding, exactly as the dialogue uses them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from bot import model, paths
from bot.understanding.harms import detect
from bot.understanding.language import guess_language
from bot.understanding.places import find_country


def intents(texts: Iterable[str]) -> Iterator[str | None]:
    """Classify with one engine process for the whole batch."""
    trained = model.model_path()
    if not trained.exists():
        raise RuntimeError("no trained model: run `make setup` first")
    engine = subprocess.Popen(
        [str(paths.ENGINE_VENV / "bin" / "python"), "-m", "bot.engine.parse", str(trained)],
        cwd=paths.ROOT,
        env={**os.environ, **model.engine_env()},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert engine.stdin and engine.stdout
    try:
        json.loads(engine.stdout.readline() or "{}")  # ready
        for text in texts:
            engine.stdin.write(json.dumps({"text": text}) + "\n")
            engine.stdin.flush()
            yield json.loads(engine.stdout.readline())["intent"]
    finally:
        engine.stdin.close()
        engine.wait(timeout=30)


def understand_all(texts: list[str], language: str | None = None) -> Iterator[dict[str, object]]:
    for text, intent in zip(texts, intents(texts), strict=True):
        lang = language or guess_language(text)
        yield {
            "intent": intent,
            "harms": detect(text, lang),
            "country": find_country(text, lang),
            "language": lang,
        }


def run_understand(text: str | None, batch: str | None, language: str | None,
                   stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:  # fmt: skip
    if batch is not None:
        source = stdin if batch == "-" else open(batch, encoding="utf-8")  # noqa: SIM115
        texts = [line.rstrip("\n") for line in source if line.strip()]
    elif text is not None:
        texts = [text]
    else:
        print("error: give a TEXT or --batch FILE", file=sys.stderr)
        return 2
    for result in understand_all(texts, language):
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
