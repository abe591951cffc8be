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
ARTICLE = re.compile(
    rf"^(?P<instrument>{'|'.join(INSTRUMENTS)}) (?P<kind>arts?)\. (?P<ref>{REF})"
    r"(?: as amended by Protocol No\. (?P<protocol>\d+))?$"
)
RULE = re.compile(rf"^(?P<body>CCPR|CERD|CAT) rules of procedure, rule (?P<ref>{REF})$")
UNTC = re.compile(
    r"^UNTC (?P<chapter>[IVX]+-\d+)(?: art\. ?[\d/]+)?(?P<declarations> declarations)?"
    r"(?: note (?P<note>\d+))?$"
)
HRC = re.compile(r"^Human Rights Council resolution (?P<ref>\d+/\d+)(?:, annex, paras\. (?P<paras>[\d-]+))?$")
RECOMMENDATION = re.compile(r"^(?P<committee>CEDAW|CERD|CRC) General Recommendation No\. (?P<number>\d+)$")
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
    "CRC Optional Protocols on the sale of children and on children in armed conflict": (
        "cite_crc_first_protocols"
    ),
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
        worded = say(kind, instrument=instrument, ref=match["ref"].strip())
        return (
            say("cite_as_amended", citation=worded, number=match["protocol"]) if match["protocol"] else worded
        )
    if (match := RULE.match(part)) is not None:
        return say("cite_rule", rules=say("cite_rules_" + match["body"]), ref=match["ref"].strip())
    if (match := UNTC.match(part)) is not None:
        if match["declarations"]:
            return say("cite_state_declaration", chapter=match["chapter"])
        if match["note"]:
            return say("cite_untc_note", chapter=match["chapter"], note=match["note"])
        return say("cite_untc_chapter", chapter=match["chapter"])
    if (match := HRC.match(part)) is not None:
        if match["paras"]:
            return say("cite_hrc_resolution_paras", ref=match["ref"], paras=match["paras"])
        return say("cite_hrc_resolution", ref=match["ref"])
    if (match := RECOMMENDATION.match(part)) is not None:
        committee = say("committee_" + match["committee"])
        return say("cite_general_recommendation", committee=committee, number=match["number"])
    return None


def cite(source: str, say: Say) -> str:
    """Every formal citation of the source, worded in the language and joined by '; '.

    A source we cannot word is shown as written (without provenance), never dropped: a test
    keeps the data free of those."""
    worded = [c for c in (cite_part(p, say) for p in parts(source)) if c]
    return "; ".join(dict.fromkeys(worded)) or PROVENANCE.sub("", source)


def unknown_parts(source: str) -> list[str]:
    """Citations in a source that cannot be worded (the data tests keep this empty)."""
    return [p for p in parts(source) if cite_part(p, lambda name, **_: name) is None]
