"""A rule's source as the person reads it, in their language: 'OP1 art. 5(2)(b)' ->
'Protocole facultatif se rapportant au PIDCP, art. 5(2)(b)'.

The data files cite sources in a compact English form, sometimes with a remark for the people
who maintain them ('(rule 96(c) before 2019)', ': individuals who claim to be victims'). The
person sees only the formal citations, each worded from dialogues/replies.yml; remarks stay in
the data. Pure: a source string and a language in, a string out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Data provenance (repository paths) is not for the person.
PROVENANCE = re.compile(r" \((?:mgaldino|same file)[^)]*\)")
# An article or rule number and its paragraphs: '5(2)(b)', '2-27', '46(1)(c), 47(d)', '35(1)-(2)'.
REF = r"\d+[a-z]?(?:\(\w+\))*(?:\s*[-,]\s*(?:\d+[a-z]?|(?=\())(?:\(\w+\))*)*"
INSTRUMENTS = (
    "OP-CEDAW", "OP-CRPD", "OP-ICESCR", "OP3-CRC", "OP1", "ICCPR", "ICERD", "CAT", "CEDAW", "CRPD",
    "ICESCR", "ICPPED", "ICRMW", "CRC", "ECHR", "ACHR", "IACHR Rules", "African Charter",
)  # fmt: skip
ARTICLE = re.compile(rf"^(?P<instrument>{'|'.join(INSTRUMENTS)}) (?P<kind>arts?)\. (?P<ref>{REF})")
RULE = re.compile(rf"^(?P<body>CCPR|CERD|CAT) rules of procedure, rule (?P<ref>{REF})")
UNTC = re.compile(r"^UNTC (?P<chapter>[IVX]+-\d+)(?P<declarations> declarations)?")
HRC = re.compile(r"^Human Rights Council resolution (?P<ref>\d+/\d+)")
# Whole sources cited by name.
NAMED = {
    "UN Treaty Collection status": "cite_untc",
    "UNTC": "cite_untc",
    "ACHPR Rules of Procedure": "cite_rules_ACHPR",
    "Council of Europe, 46 member States": "cite_members_CoE",
    "Organization of American States, member States": "cite_members_OAS",
    "African Union, list of countries which have signed, ratified/acceded to the African Charter": (
        "cite_members_AU"
    ),
    "OHCHR, Special Procedures communications": "cite_special_procedures",
}
TOP_LEVEL_SEMICOLON = re.compile(r";(?![^()]*\))")  # not inside '(...)'
REMARK = re.compile(r"\s+\([^()]*(?:\([^()]*\)[^()]*)*\)$|:\s.*$")

Say = Callable[..., str]


def parts(source: str) -> list[str]:
    """The formal citations in a source, without provenance and remarks."""
    cleaned = PROVENANCE.sub("", source)
    found = []
    for part in TOP_LEVEL_SEMICOLON.split(cleaned):
        part = part.strip()
        while REMARK.search(part):
            part = REMARK.sub("", part).strip()
        if part:
            found.append(part)
    return found


def cite_part(part: str, say: Say) -> str | None:
    """One formal citation worded in the language, or None when it is not one we know."""
    if part in NAMED:
        return say(NAMED[part])
    if part.startswith("Rules of Court, rule "):
        return say("cite_rule", rules=say("cite_rules_ECtHR"), ref=part.rsplit(" ", 1)[1])
    if (match := ARTICLE.match(part)) is not None:
        instrument = say("cite_instrument_" + match["instrument"].replace(" ", "-"))
        kind = "cite_articles" if match["kind"] == "arts" else "cite_article"
        return say(kind, instrument=instrument, ref=match["ref"].strip())
    if (match := RULE.match(part)) is not None:
        return say("cite_rule", rules=say("cite_rules_" + match["body"]), ref=match["ref"].strip())
    if (match := UNTC.match(part)) is not None:
        kind = "cite_state_declaration" if match["declarations"] else "cite_untc_chapter"
        return say(kind, chapter=match["chapter"])
    if (match := HRC.match(part)) is not None:
        return say("cite_hrc_resolution", ref=match["ref"])
    return None


def cite(source: str, say: Say) -> str:
    """Every formal citation of the source, worded in the language and joined by '; '."""
    worded = [c for c in (cite_part(p, say) for p in parts(source)) if c]
    return "; ".join(dict.fromkeys(worded))


def unknown_parts(source: str) -> list[str]:
    """Citations in a source that cannot be worded (the data tests keep this empty)."""
    return [p for p in parts(source) if cite_part(p, lambda name, **_: name) is None]
