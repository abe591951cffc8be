"""Which of the six languages a message is written in, from its script and common words.

Pure and instant: Cyrillic is Russian, Arabic script Arabic, Chinese characters Chinese; Latin
script is English, French or Spanish by the short words and accents each language uses most.
Used when the person has not chosen a language yet (`understand` without --lang).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import yaml

from bot import paths

SCRIPTS = (("ru", re.compile(r"[\u0400-\u04ff]")), ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
           ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")))  # fmt: skip
# The most frequent short words of each Latin-script language (accents are counted separately).
COMMON_WORDS_TEXT = {
    "en": """the a an and is i my me was were to of in on for with they he she we it not have has did
             this that what our you your at by from been""",
    "fr": """le la les des du de et est je j mon ma mes ne pas qui que une un au aux avec pour sur dans
             été ai suis c l d m n s qu à il elle nous vous ils ont très mais car ou où ce cette son sa
             ses leur oui non merci sais""",
    "es": """el la los las del de y es yo mi mis no que una un con por para en fue he soy está estoy nos
             ellos muy pero porque o donde este esta su sus le lo me han sí sé qué gracias hola""",
}
COMMON_WORDS = {code: set(text.split()) for code, text in COMMON_WORDS_TEXT.items()}
NGRAM_MIN_LETTERS = 12  # shorter messages ('ok', 'hola') are judged by their words
ACCENTS = {"fr": re.compile(r"[èêçœùâîôëà]"), "es": re.compile(r"[ñ¿¡áíóú]")}


LATIN = ("en", "fr", "es")
NGRAM_SIZES = (1, 2, 3)
ANNOTATION = re.compile(r"\[([^\]]*)\][({][^)}]*[)}]")


@lru_cache(maxsize=1)
def ngram_model() -> dict[str, tuple[Counter[str], int]]:
    """Letter 1-3-gram counts of the NLU training examples of each Latin-script language.

    The examples are what people write to the bot, so they are the right sample; the
    held-out sets are never used."""
    model = {}
    for code in LATIN:
        path = paths.ROOT / "dialogues" / "data" / ("nlu.yml" if code == "en" else f"nlu-{code}.yml")
        counts: Counter[str] = Counter()
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (item.get("examples") or "").splitlines():
                if line.startswith("- "):
                    counts.update(ngrams(ANNOTATION.sub(r"\1", line[2:])))
        model[code] = (counts, sum(counts.values()))
    return model


def ngrams(text: str) -> list[str]:
    padded = " " + re.sub(r"[\W\d_]+", " ", text.casefold()).strip() + " "
    return [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]


def ngram_scores(text: str) -> dict[str, float]:
    """Log-likelihood of the text under each language's letter n-grams (add-one smoothing)."""
    grams = ngrams(text)
    scores = {}
    for code, (counts, total) in ngram_model().items():
        vocabulary = len(counts) + 1
        scores[code] = sum(math.log((counts[g] + 1) / (total + vocabulary)) for g in grams)
    return scores


def script_language(text: str) -> str | None:
    """ru, ar or zh when the text is written in their script; None for Latin script."""
    return next((code for code, script in SCRIPTS if script.search(text)), None)


def guess_language(text: str) -> str:
    """The most likely of en, fr, es, ru, ar, zh (English when nothing tells)."""
    if (code := script_language(text)) is not None:
        return code
    if len(re.findall(r"[^\W\d_]", text)) >= NGRAM_MIN_LETTERS:
        scores = ngram_scores(text)
        return max(scores, key=lambda code: scores[code])
    tokens = re.findall(r"[^\W\d_]+", text.casefold())
    scores = {code: sum(token in words for token in tokens) for code, words in COMMON_WORDS.items()}
    for code, accents in ACCENTS.items():
        scores[code] += 2 * len(accents.findall(text.casefold()))
    best = max(scores, key=lambda code: (scores[code], code == "en"))
    return best if scores[best] > 0 else "en"
