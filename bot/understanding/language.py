"""Which of the six languages a message is written in, from its script and common words.

Pure and instant: Cyrillic is Russian, Arabic script Arabic, Chinese characters Chinese; Latin
script is English, French or Spanish by the short words and accents each language uses most.
Used when the person has not chosen a language yet (`understand` without --lang).
"""

from __future__ import annotations

import re

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
ACCENTS = {"fr": re.compile(r"[èêçœùâîôëà]"), "es": re.compile(r"[ñ¿¡áíóú]")}


def guess_language(text: str) -> str:
    """The most likely of en, fr, es, ru, ar, zh (English when nothing tells)."""
    for code, script in SCRIPTS:
        if script.search(text):
            return code
    tokens = re.findall(r"[^\W\d_]+", text.casefold())
    scores = {code: sum(token in words for token in tokens) for code, words in COMMON_WORDS.items()}
    for code, accents in ACCENTS.items():
        scores[code] += 2 * len(accents.findall(text.casefold()))
    best = max(scores, key=lambda code: (scores[code], code == "en"))
    return best if scores[best] > 0 else "en"
