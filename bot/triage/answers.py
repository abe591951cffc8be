"""Reading a typed answer to one question: 'my son' -> relative, 'march 2019' -> 2019-03.

Each reader returns the slot value or None when it cannot tell; the dialogue then asks again
with buttons rather than guessing. English words for now (the languages issue adds more).
"""

from __future__ import annotations

import re
from datetime import date

from bot.triage.questions import NO, YES

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
YEARS_AGO = re.compile(r"\b(\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten) years? ago\b", re.I)
WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def words(text: str) -> str:
    return " " + re.sub(r"[^\w']+", " ", text.casefold()) + " "


def has(text: str, *phrases: str) -> bool:
    padded = words(text)
    return any(f" {phrase} " in padded for phrase in phrases)


def read_date(text: str, today: date, latest: bool = False) -> str | None:
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
        if has(text, "last year"):
            found = [(today.year - 1, 0)]
        elif has(text, "this year"):
            found = [(today.year, 0)]
        elif (ago := YEARS_AGO.search(text)) is not None:
            amount = ago.group(1).lower()
            found = [(today.year - (int(amount) if amount.isdigit() else WORD_NUMBERS[amount]), 0)]
    possible = [(y, m) for y, m in found if y >= 1900 and (y, m) <= (today.year, today.month)]
    if not possible:
        return None
    if latest:
        year, month = max(possible)
    else:
        first = YEAR.search(text)
        year, month = next(((y, m) for y, m in possible if first and y == int(first.group(1))), possible[0])
    return f"{year}-{month:02d}" if month else str(year)


def read_yes_no(intent: str | None, text: str) -> str | None:
    """A deny intent or a negation wins over yes-words ('no, that's not right' is no)."""
    if intent == "deny" or has(text, "no", "nope", "not", "never", "none", "nah", "incorrect", "wrong"):
        return NO
    if intent == "affirm" or has(text, "yes", "yeah", "yep", "sure", "exactly", "that's it", "it is"):
        return YES
    return None


RELATIVES = (
    "my son", "my daughter", "my brother", "my sister", "my husband", "my wife", "my father",
    "my mother", "my mum", "my mom", "my dad", "my child", "my children", "my kids", "my uncle",
    "my aunt", "my cousin", "my nephew", "my niece", "my grandson", "my granddaughter",
    "my grandfather", "my grandmother", "my family", "my partner", "my fiance", "my relative",
    "my parents", "relative", "family member",
)  # fmt: skip


def read_victim(text: str) -> str | None:
    if has(
        text, "organisation", "organization", "ngo", "association", "our union", "our group is registered"
    ):
        return "organisation"
    if has(text, "we", "us", "all of us", "group", "community", "villagers", "our village", "many people",
           "several people", "workers", "students", "families", "protesters"):  # fmt: skip
        return "group"
    if has(text, *RELATIVES):
        return "relative"
    if has(text, "someone else", "a friend", "my friend", "friend", "neighbour", "neighbor", "client",
           "colleague", "another person", "someone"):  # fmt: skip
        return "other_person"
    if has(text, "me", "myself", "i", "i am", "i was", "it's me", "it is me", "to me"):
        return "self"
    return None


def read_victim_consent(intent: str | None, text: str) -> str | None:
    if has(text, "cannot", "can't", "cant", "unable", "detained", "disappeared", "missing", "dead", "died",
           "in prison", "in jail"):  # fmt: skip
        return "cannot"
    return read_yes_no(intent, text)


AGE = re.compile(
    r"\b(?:aged?\s+(\d{1,2})|(\d{1,2})\s*(?:years?|yrs?)\s+old|(?:was|is|were)\s+(?:only\s+)?(\d{1,2}))\b",
    re.IGNORECASE,
)


def read_child(intent: str | None, text: str) -> str | None:
    if has(text, "child", "a kid", "minor", "teenager", "baby", "under 18", "underage"):
        return YES
    if has(text, "adult", "grown up", "over 18"):
        return NO
    age = AGE.search(text)
    if age:
        return YES if int(next(g for g in age.groups() if g)) < 18 else NO
    return read_yes_no(intent, text)


def read_continuing(intent: str | None, text: str) -> str | None:
    if has(text, "still", "ongoing", "continues", "continuing", "going on", "not over", "every day"):
        return YES
    if has(text, "stopped", "ended", "over", "finished", "released", "it ended", "not anymore", "no longer"):
        return NO
    return read_yes_no(intent, text)


def read_remedies(text: str) -> str | None:
    """The state of domestic remedies from plain words; None when unclear."""
    slow = ("years", "so long", "too long", "taking forever", "no decision yet", "delayed", "delay")
    waiting = ("waiting", "still", "no decision", "pending", "delay", "delayed", "dragging", "no answer")
    if has(text, *slow) and has(text, *waiting):
        return "unreasonably_prolonged"
    if has(text, "corrupt", "useless", "pointless", "no point", "no chance", "would not help",
           "wouldn't help", "not independent", "not effective", "ineffective", "afraid to go",
           "scared to go"):  # fmt: skip
        return "ineffective"
    if has(text, "no court", "no way", "not possible", "impossible", "could not", "couldn't", "not allowed",
           "no lawyer would", "refused to register", "not available", "no remedy"):  # fmt: skip
        return "unavailable"
    if has(
        text, "waiting", "pending", "still in court", "ongoing", "appeal is", "not decided", "still going"
    ):
        return "pending"
    if has(text, "supreme court", "highest court", "constitutional court", "final", "last appeal",
           "rejected", "dismissed", "lost", "refused", "exhausted", "all the way", "every court",
           "all courts"):  # fmt: skip
        return "exhausted"
    if has(text, "never", "not tried", "didn't", "did not", "no", "not yet", "haven't", "have not"):
        return "not_tried"
    return None


def read_other_body(intent: str | None, text: str) -> str | None:
    """Which international body; writing to a Special Rapporteur does not count as one."""
    if has(text, "european court", "echr", "ecthr", "strasbourg", "court of human rights"):
        return "ECtHR"
    if has(text, "inter american", "inter-american", "iachr", "cidh", "washington commission"):
        return "IACHR"
    if has(text, "african commission", "achpr", "banjul"):
        return "ACHPR"
    if has(text, "rapporteur", "working group", "special procedure"):
        return "none"
    if intent == "deny" or has(text, "no", "none", "nothing", "nowhere", "not yet", "never", "not the un"):
        return "none"
    if has(text, "committee", "un", "united nations", "treaty body"):
        return "UN"
    return None


def read_committee(text: str) -> str | None:
    names = {
        "CAT": ("cat", "against torture", "torture committee"),
        "CERD": ("cerd", "racial"),
        "CEDAW": ("cedaw", "women"),
        "CRPD": ("crpd", "disabilities", "disability"),
        "CED": ("ced", "disappearances", "disappearance"),
        "CESCR": ("cescr", "economic", "social"),
        "CRC": ("crc", "child", "children"),
        "CMW": ("cmw", "migrant"),
        "CCPR": ("ccpr", "human rights committee", "civil and political"),
    }
    for committee, phrases in names.items():
        if has(text, *phrases):
            return committee
    return None


def read_other_status(text: str) -> str | None:
    if has(text, "withdrew", "withdrawn", "took it back", "cancelled"):
        return "withdrawn"
    if has(text, "pending", "waiting", "still", "ongoing", "not decided", "no answer"):
        return "pending"
    if has(text, "decided", "decision", "judgment", "judgement", "rejected", "inadmissible", "ruled", "won",
           "lost", "finished", "closed"):  # fmt: skip
        return "decided"
    return None


def read_fear(intent: str | None, text: str) -> str | None:
    if has(text, "afraid", "scared", "fear", "frightened", "worried", "threat", "threatened", "dangerous"):
        return NO if has(text, "not afraid", "not scared", "no fear") else YES
    return read_yes_no(intent, text)


def unknown_words(text: str) -> bool:
    """'I don't know', 'not sure': the person does not know (also caught by the intent)."""
    return has(text, "don't know", "dont know", "do not know", "not sure", "no idea", "can't remember",
               "cannot remember", "idk")  # fmt: skip
