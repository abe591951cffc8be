"""Reading a typed answer to one question: 'my son' -> relative, 'march 2019' -> 2019-03.

Each reader returns the slot value or None when it cannot tell; the dialogue then asks again
with buttons rather than guessing. The words are in each language's lexicon
(bot/understanding/lexicon/<lang>.yml, `answers:`), English always included.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from bot.triage.questions import NO, YES
from bot.understanding.harms import anchored, lexicon, prepared_text

# Month names people write, in the six languages (Russian in the cases used with a year:
# 'в марте 2019', 'марта 2019'; Arabic with both the Egyptian/Gulf and the Levantine names).
MONTH_WORDS = (
    "january|jan|janvier|janv|enero|январ[ьяе]|يناير|كانون الثاني",
    "february|feb|février|fevrier|févr|febrero|феврал[ьяе]|فبراير|شباط",
    "march|mar|mars|marzo|март[ае]?|مارس|آذار|اذار",
    "april|apr|avril|abril|апрел[ьяе]|أبريل|ابريل|نيسان",
    "may|mai|mayo|ма[йяе]|مايو|أيار|ايار",
    "june|jun|juin|junio|июн[ьяе]|يونيو|حزيران",
    "july|jul|juillet|julio|июл[ьяе]|يوليو|تموز",
    "august|aug|août|aout|agosto|август[ае]?|أغسطس|اغسطس|آب",
    "september|sep|sept|septembre|septiembre|setiembre|сентябр[ьяе]|سبتمبر|أيلول|ايلول",
    "october|oct|octobre|octubre|октябр[ьяе]|أكتوبر|اكتوبر|تشرين الأول",
    "november|nov|novembre|noviembre|ноябр[ьяе]|نوفمبر|تشرين الثاني",
    "december|dec|décembre|decembre|déc|diciembre|декабр[ьяе]|ديسمبر|كانون الأول",
)
MONTHS = [
    (re.compile(rf"^(?:{words})$", re.IGNORECASE), number) for number, words in enumerate(MONTH_WORDS, 1)
]
# A four-digit year not glued to other digits ('2019', '2019年', '٢٠١٩' is converted first).
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_MONTH_NAMES = "|".join(MONTH_WORDS)
# A month counts only next to its year ('March 2019', 'marzo de 2019', 'в марте 2019 года'),
# never 'it may have'.
MONTH_YEAR = re.compile(
    rf"(?<!\w)({_MONTH_NAMES})\.?,?\s+(?:of\s+|de\s+|del\s+)?(19\d\d|20\d\d)(?!\d)", re.IGNORECASE
)
CHINESE_MONTH = re.compile(r"(19\d\d|20\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def month_number(word: str) -> int:
    return next(number for pattern, number in MONTHS if pattern.match(word))


NUMERIC_MONTH = re.compile(r"\b(0?[1-9]|1[0-2])[/.-](19\d\d|20\d\d)\b")
ISO_MONTH = re.compile(r"\b(19\d\d|20\d\d)-(0[1-9]|1[0-2])\b")


@lru_cache(maxsize=16)
def vocabulary(language: str) -> dict[str, re.Pattern[str]]:
    """The `answers:` words of one language, one pattern per category path ('remedies.exhausted')."""
    found: dict[str, list[str]] = {}

    def collect(entry: Any, prefix: str) -> None:
        if isinstance(entry, dict):
            for key, value in entry.items():
                collect(value, f"{prefix}.{key}" if prefix else str(key))
        else:
            found.setdefault(prefix, []).extend(entry)

    collect(lexicon(language).get("answers") or {}, "")
    return {category: anchored(patterns, language) for category, patterns in found.items()}


def readings(language: str) -> tuple[str, ...]:
    """The person's language first, then English: people mix in English ('ok', 'no')."""
    return tuple(dict.fromkeys((language, "en")))


def uses(text: str, category: str, language: str) -> bool:
    """True when the text uses a word of the category in this one language."""
    pattern = vocabulary(language).get(category)
    return bool(pattern and pattern.search(prepared_text(text, language)))


def has(text: str, category: str, language: str = "en") -> bool:
    """True when the text uses a word of the category, in the language or in English."""
    return any(uses(text, category, lang) for lang in readings(language))


def number_in(text: str, category: str, language: str) -> int | None:
    """The number in the words of the category ('3 years ago' -> 3, 'aged 15' -> 15)."""
    for lang in readings(language):
        pattern = vocabulary(lang).get(category)
        match = pattern.search(prepared_text(text, lang).translate(ARABIC_DIGITS)) if pattern else None
        digits = re.search(r"\d+", match.group(0)) if match else None
        if digits:
            return int(digits.group(0))
    return None


def years_ago(text: str, language: str) -> int | None:
    amount = number_in(text, "years_ago", language)
    if amount is not None:
        return amount
    for lang in readings(language):
        spelled = [key for key in vocabulary(lang) if key.startswith("years_ago_words.")]
        found = next((int(key.rsplit(".", 1)[1]) for key in spelled if uses(text, key, lang)), None)
        if found is not None:
            return found
    return None


def read_date(text: str, today: date, latest: bool = False, language: str = "en") -> str | None:
    """'2019', 'March 2019', '03/2019', 'last year', '3 years ago' -> '2019' or '2019-03'.

    With several dates the first is taken, or the latest with `latest` (a final decision)."""
    text = text.translate(ARABIC_DIGITS)
    found: list[tuple[int, int]] = [(int(y), int(m)) for m, y in NUMERIC_MONTH.findall(text)]
    found += [(int(y), int(m)) for y, m in ISO_MONTH.findall(text)]
    found += [(int(y), int(m)) for y, m in CHINESE_MONTH.findall(text)]
    found += [(int(y), month_number(m)) for m, y in MONTH_YEAR.findall(text)]
    with_month = {year for year, _ in found}
    found += [(int(y), 0) for y in YEAR.findall(text) if int(y) not in with_month]
    if not found:
        if has(text, "last_year", language):
            found = [(today.year - 1, 0)]
        elif has(text, "this_year", language):
            found = [(today.year, 0)]
        elif (ago := years_ago(text, language)) is not None:
            found = [(today.year - ago, 0)]
    possible = [(y, m) for y, m in found if y >= 1900 and (y, m) <= (today.year, today.month)]
    if not possible:
        return None
    if latest:
        year, month = max(possible)
    else:
        first = YEAR.search(text)
        year, month = next(((y, m) for y, m in possible if first and y == int(first.group(1))), possible[0])
    return f"{year}-{month:02d}" if month else str(year)


def read_yes_no(intent: str | None, text: str, language: str = "en") -> str | None:
    """A deny intent or a negation wins over yes-words ('no, that's not right' is no)."""
    if intent == "deny" or has(text, "deny", language):
        return NO
    if intent == "affirm" or has(text, "affirm", language):
        return YES
    return None


def first_of(text: str, group: str, values: tuple[str, ...], language: str) -> str | None:
    """The first value (in the order given) whose words the text uses, in the person's language
    before English: 'Al final no fuimos a ningún tribunal' is not the English 'final'."""
    for lang in readings(language):
        found = next((value for value in values if uses(text, f"{group}.{value}", lang)), None)
        if found:
            return found
    return None


def read_victim(text: str, language: str = "en") -> str | None:
    return first_of(text, "victim", ("organisation", "group", "relative", "other_person", "self"), language)


def read_victim_consent(intent: str | None, text: str, language: str = "en") -> str | None:
    if has(text, "victim_cannot", language):
        return "cannot"
    return read_yes_no(intent, text, language)


def read_child(intent: str | None, text: str, language: str = "en") -> str | None:
    if has(text, "child.affirm", language):
        return YES
    if has(text, "child.deny", language):
        return NO
    age = number_in(text, "age", language)
    if age is not None:
        return YES if age < 18 else NO
    return read_yes_no(intent, text, language)


def read_continuing(intent: str | None, text: str, language: str = "en") -> str | None:
    found = first_of(text, "continuing", ("affirm", "deny"), language)
    if found:
        return YES if found == "affirm" else NO
    return read_yes_no(intent, text, language)


def read_remedies(text: str, language: str = "en") -> str | None:
    """The state of domestic remedies from plain words; None when unclear."""
    if has(text, "remedies.slow", language) and has(text, "remedies.waiting", language):
        return "unreasonably_prolonged"
    order = ("ineffective", "unavailable", "pending", "exhausted", "not_tried")
    return first_of(text, "remedies", order, language)


def read_other_body(intent: str | None, text: str, language: str = "en") -> str | None:
    """Which international body; writing to a Special Rapporteur does not count as one."""
    found = first_of(text, "other_body", ("ECtHR", "IACHR", "ACHPR", "special_procedure"), language)
    if found:
        return "none" if found == "special_procedure" else found
    if intent == "deny" or has(text, "other_body.none", language):
        return "none"
    return "UN" if has(text, "other_body.UN", language) else None


COMMITTEES = ("CAT", "CERD", "CEDAW", "CRPD", "CED", "CESCR", "CRC", "CMW", "CCPR")


def read_committee(text: str, language: str = "en") -> str | None:
    return first_of(text, "committee", COMMITTEES, language)


def read_other_status(text: str, language: str = "en") -> str | None:
    return first_of(text, "other_status", ("withdrawn", "pending", "decided"), language)


def read_fear(intent: str | None, text: str, language: str = "en") -> str | None:
    if has(text, "fear.affirm", language):
        return NO if has(text, "fear.not_afraid", language) else YES
    return read_yes_no(intent, text, language)


def unknown_words(text: str, language: str = "en") -> bool:
    """'I don't know', 'not sure': the person does not know (also caught by the intent)."""
    return has(text, "unknown", language)


def start_over_words(text: str, language: str = "en") -> bool:
    """'start over', 'recommencer depuis le début': the whole message asks for a new check (also
    /restart and the button). Only the whole message: 'they will start again' is news."""
    for lang in readings(language):
        pattern = vocabulary(lang).get("start_over")
        whole = " ".join(re.findall(r"\w+", prepared_text(text, lang)))
        if pattern and whole and made_of(pattern, whole, spaced=lang != "zh"):
            return True
    return False


def made_of(pattern: re.Pattern[str], whole: str, spaced: bool) -> bool:
    """True when the text is nothing but matches of the pattern, each from the start of a word
    (a glued Arabic proclitic is allowed) to the end of one. Chinese: one match, all of it."""
    if not spaced:
        return pattern.fullmatch(whole) is not None
    position = 0
    while position < len(whole):
        match = pattern.search(whole, position)
        if not match or match.end() == match.start() or " " in whole[position : match.start()]:
            return False
        following = whole.find(" ", match.end())
        position = len(whole) if following < 0 else following + 1
    return True


def prepare(languages: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")) -> None:
    """Compile every language's word lists now, not in the first person's turn."""
    for language in languages:
        vocabulary(language)
