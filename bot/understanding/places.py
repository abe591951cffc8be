"""Find the State a story is about ('the police in Spain', 'Nigerian soldiers', 'en España').

Every State the text names is a *mention*: a country name, a demonym, a city, region or
well-known place (bot/legal/countries.py, the language's own place list), an acronym ('US',
'РФ') or an authority ('ICE', 'OFPRA'). The words around a mention give it a role, from the
`places:` section of the language's lexicon: an authority that acted ('the Egyptian police'),
where it happened ('it happened in Sednaya', 'in N'Djamena the police shot'), where the person
lives now, a country passed through, the person's own nationality ('I am Colombian'; the State
that acted when it took their citizenship), a relative's origin ('my mum is Jamaican'), where a
relative lives ('my sister lives in Canada'), a person's first name ('my friend India'), where
they are sent ('deported to Afghanistan', 'they say Damascus is safe'). When several States are
named, the one the complaint would be against wins (see RANK), then the first named. A
destination is never proposed: the dialogue asks which State is sending the person. The person
always confirms the State: this proposes, it never decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from bot.legal.countries import normalise, place_index
from bot.understanding.harms import lexicon
from bot.understanding.language import guess_language, ngram_model

MAX_WORDS = 6  # "Democratic People's Republic of Korea" and the like
CONTEXT_WORDS = 6  # words looked at before and after a mention
CONTEXT_CHARS = 10  # characters, for Chinese
BREAKS = re.compile(r"[.!?;:…]+(?=\s|$)|[。！？；：\n]+")  # not inside 'EE.UU.'
BREAK = "qqbreakqq"  # a word no language has, where a sentence or clause ends
# Between two names of one list: 'Sudan and Libya', 'Soudan et Libye', 'Судан и Ливия', '苏丹和利比亚'.
LIST_JOINER = re.compile(r"(?:and|or|et|ou|y|e|o|и|или|و|او|和|与|及|、)?")
PLACEHOLDER_WORD, PLACEHOLDER_CHAR = "qqgoneqq", "〇"  # where a phrase that is no State was
LATIN_LANGUAGES = ("en", "fr", "es")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Names that are also everyday words: never a State on their own (Russian 'того' is Togo,
# Arabic 'مالي' is Mali and 'financial', French 'Dominique' is Dominica and a first name).
# Arabic 'بليز' is Belize and 'please', 'شيلي' is Chile and 'carry!' (تشيلي is kept).
NOT_ON_THEIR_OWN = frozenset({"того", "мали", "مالي", "dominique", "بليز", "شيلي"})
CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
ARABIC = re.compile(r"^[\u0600-\u06ff]+$")
# Conjunctions, prepositions and the article glued to a word; 'ع' is the spoken 'على' ('عسوريا').
# 'ك' (like) is left out: 'كتبت' (I wrote) would be 'ك' + Tibet.
ARABIC_PROCLITICS = ("وال", "بال", "فال", "عال", "لل", "ال", "و", "ف", "ب", "ل", "ع")
# Before a name this short a letter is more likely part of a word ('عمان' is not 'ع' + 'مان').
SHORTEST_AFTER = {"ع": 4, "و": 4, "ف": 4}
# Names never written with the article: 'القطر' is the train in Egypt, not Qatar.
NO_ARTICLE = frozenset({"قطر"})
ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي"})  # people write السعوديه and السعودية

# Roles, from the strongest claim to be the State complained against to the weakest.
# 'It happened in X' is said of the place where it happened, and outranks a place merely named.
RANK = {"acting": 0, "authority": 0, "event": 1, "place": 2, "name": 2, "embassy": 2, "demonym": 3,
        "residence": 3, "requesting": 4, "transit": 4, "origin": 5, "ancestry": 5, "relative": 6}  # fmt: skip
# Where the person is sent is never the State complained against ('they will deport me to Iraq'):
# the dialogue asks which State is sending them.
ROLE_CUES = ("person_before", "origin_before", "ancestry_before", "destination_before", "transit_before",
             "relative_before", "residence_before", "embassy_before", "acting_before", "event_before",
             "place_before")  # fmt: skip
AFTER_CUES = ("person_after", "origin_after", "ancestry_after", "destination_after", "transit_after",
              "requesting_after", "embassy_after", "event_after", "acting_after")  # fmt: skip
# Cues that say something of a name or a place, never of an adjective ('escaped, the Malaysian police').
DEMONYM_SKIPS = frozenset({"person_before", "person_after", "place_before", "transit_before"})
# Someone held by an authority is where it happens, not where they live ('my son is in CECOT').
AUTHORITY_SKIPS = frozenset({"relative_before", "residence_before"})
CUE_ORDER = ("person_before", "person_after", "origin_before", "origin_after", "ancestry_before",
             "ancestry_after", "destination_before", "destination_after", "transit_before", "transit_after",
             "relative_before", "residence_before", "embassy_before", "embassy_after", "acting_before",
             "requesting_after", "event_before", "event_after", "place_before", "acting_after")  # fmt: skip


@dataclass(frozen=True)
class Mention:
    iso3: str
    start: int  # word index (character index in Chinese text)
    end: int
    kind: str  # 'name', 'demonym', 'place' or 'authority' (an acronym: 'ICE', 'OFPRA')
    prefix: str = ""  # an Arabic proclitic glued to the name ('لسوريا': 'to Syria')


@dataclass(frozen=True)
class Cues:
    """The `places:` patterns of one language, compiled."""

    before: dict[str, re.Pattern[str]]  # matched at the end of the text before a mention
    after: dict[str, re.Pattern[str]]  # matched at the start of the text after it
    not_places: re.Pattern[str] | None  # phrases that contain a name but are no State
    lowercase_not_places: frozenset[str]  # names that are common nouns when written in lower case
    own_state_acted: re.Pattern[str] | None  # 'they stripped my citizenship': the person's own State acted


def _either(patterns: list[str], anchor: str = "") -> re.Pattern[str] | None:
    """One pattern for a list: matched at the 'end' of a text, at its 'start', or anywhere."""
    if not patterns:
        return None
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile({"end": f"(?:{joined})$", "start": f"^(?:{joined})"}.get(anchor, joined))


@lru_cache(maxsize=8)
def cues(language: str) -> Cues:
    section = lexicon(language).get("places") or {}
    before = {k: p for k in ROLE_CUES if (p := _either(section.get(k) or [], "end"))}
    after = {k: p for k in AFTER_CUES if (p := _either(section.get(k) or [], "start"))}
    return Cues(
        before,
        after,
        _either(section.get("not_places") or []),
        frozenset(section.get("lowercase_not_places") or []),
        _either(section.get("own_state_acted") or []),
    )


@lru_cache(maxsize=1)
def arabic_folded() -> dict[str, str]:
    """Arabic names with ة/ه and ى/ي folded, for spellings the lists do not have."""
    return {
        name.translate(ARABIC_FOLD): iso3
        for name, iso3 in place_index("ar").names.items()
        if ARABIC.match(name[:1])
    }


def word_variants(word: str) -> list[tuple[str, str]]:
    """(proclitic, rest): the word as written, then without Arabic proclitics.

    The proclitic is given without its article ('بالكويت' -> 'ب'), for the cues that read it."""
    if ARABIC.match(word):
        return [("", word)] + [
            (p.removesuffix("ال") if p != "ال" else "", word[len(p) :])
            for p in ARABIC_PROCLITICS
            if word.startswith(p)
            and len(word) - len(p) >= SHORTEST_AFTER.get(p, 3)
            and not (p.endswith("ال") and word[len(p) :] in NO_ARTICLE)
        ]
    return [("", word)]


def arabic_mention(word: str, start: int) -> Mention | None:
    """A name behind Arabic proclitics ('بمصر', 'والعراق'), spelt with ة or ه, ى or ي."""
    countries = place_index("ar")
    variants = [
        (p, v) for p, v in word_variants(word) if v not in countries.ambiguous and v not in NOT_ON_THEIR_OWN
    ]
    for prefix, variant in variants[1:] if variants and variants[0][0] == "" else variants:
        if variant in countries.names:
            kind = countries.kinds.get(variant, "name")
            return Mention(countries.names[variant], start, start + 1, kind, prefix)
    # 'في اسكندرية' for 'الإسكندرية': a name written without its article
    with_article = "ال" + word
    if len(word) >= 5 and with_article in countries.names and with_article not in countries.ambiguous:
        return Mention(
            countries.names[with_article], start, start + 1, countries.kinds.get(with_article, "name")
        )
    for prefix, variant in variants:
        folded = arabic_folded().get(variant.translate(ARABIC_FOLD))
        if folded:
            return Mention(folded, start, start + 1, "name", prefix)
    return None


def word_mentions(words: list[str], language: str = "en", fuzzy: bool = False) -> list[Mention]:
    """Every State named in a text written with spaces, longest name first at each position.

    With `fuzzy`, misspelt names count too (only tried when nothing is spelt right)."""
    countries = place_index(language)
    found: list[Mention] = []
    start = 0
    while start < len(words):
        mention = None
        for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + size])
            if len(phrase) <= 2 or phrase in NOT_ON_THEIR_OWN or phrase in countries.ambiguous:
                continue
            if phrase in countries.names:
                mention = Mention(
                    countries.names[phrase], start, start + size, countries.kinds.get(phrase, "name")
                )
                break
            if size > 1 and ARABIC.match(words[start]):  # 'بفرع فلسطين': a proclitic on the first word
                rest = " ".join(words[start + 1 : start + size])
                for prefix, first in word_variants(words[start])[1:]:
                    if f"{first} {rest}" in countries.names:
                        name = f"{first} {rest}"
                        kind = countries.kinds.get(name, "name")
                        mention = Mention(countries.names[name], start, start + size, kind, prefix)
                        break
                if mention:
                    break
        word = words[start]
        if mention is None and ARABIC.match(word):
            mention = arabic_mention(word, start)
        if mention is None and fuzzy and (iso3 := misspelt(word, language)) is not None:
            mention = Mention(iso3, start, start + 1, "name")
        if mention:
            found.append(mention)
            start = mention.end
        else:
            start += 1
    return found


# Words one letter away from a State's name ('anglais' and 'angolais', 'surname' and 'suriname').
NOT_MISSPELT = frozenset({"anglais", "francais", "espanol", "surname", "soudain", "almeria", "burkini",
                          "grenades", "serious", "medicine", "medicines"})  # fmt: skip
LONG_MISSPELLING = 8  # long enough to be tried even when other States are spelt right
FUZZY_MIN = 7  # shorter words are only matched exactly ('Iran', 'Mali', 'Chad')
LATIN_OR_CYRILLIC = re.compile(r"^[a-z\u0400-\u04ff]+$")  # Arabic words are too short and dense for it


def deletions(word: str) -> set[str]:
    """The word, and the word with one letter left out ('kazakhstan' -> 'kazakstan', ...)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=8)
def misspellings(language: str) -> dict[str, str]:
    """Deletion forms of one-word State names -> the State ('bangldesh' <- 'bangladesh', 'bangaldesh').

    Two spellings are close when leaving out at most one letter from each gives the same form
    (a symmetric-deletion index: one look-up per form, fast on a long story). Forms that two
    States share are dropped, and the first two letters must match."""
    seen: dict[str, set[str]] = {}
    countries = place_index(language)
    for name, iso3 in countries.names.items():
        if " " in name or len(name) < FUZZY_MIN - 1 or not LATIN_OR_CYRILLIC.match(name):
            continue
        if countries.kinds.get(name) != "name":  # a State's own name, not every town's
            continue
        for form in deletions(name):
            if form[:2] == name[:2]:
                seen.setdefault(form, set()).add(iso3)
    return {form: next(iter(isos)) for form, isos in seen.items() if len(isos) == 1}


def misspelt(word: str, language: str = "en") -> str | None:
    """The State a misspelt word names ('Kazakstan', 'zimbabwae', 'phillipines'), or None."""
    if len(word) < FUZZY_MIN or not LATIN_OR_CYRILLIC.match(word) or word in NOT_MISSPELT:
        return None
    close = misspellings(language)
    found = {close[f] for f in deletions(word) if f in close and f[:2] == word[:2]}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def chinese_names() -> list[tuple[str, str, str]]:
    """Names written in Chinese characters, longest first ('刚果金' before '刚果')."""
    countries = place_index("zh")
    names = [
        (name.replace(" ", ""), iso3, countries.kinds.get(name, "name"))
        for name, iso3 in countries.names.items()
        if HAN.search(name)
    ]
    return sorted(names, key=lambda item: -len(item[0]))


@lru_cache(maxsize=1)
def chinese_one_off() -> dict[str, str]:
    """Chinese names of 3+ characters with one character blanked -> the State ('以色?' -> ISR).

    People type a sound-alike character ('以色例', '土耳奇', '菲律滨'); forms two States
    share are dropped."""
    seen: dict[str, set[str]] = {}
    for name, iso3, _ in chinese_names():
        if 3 <= len(name) <= 6 and HAN.fullmatch(name[0]):
            for i in range(1, len(name)):  # the first character is rarely the one mistyped
                seen.setdefault(name[:i] + "?" + name[i + 1 :], set()).add(iso3)
    return {form: next(iter(isos)) for form, isos in seen.items() if len(isos) == 1}


def chinese_misspelt(joined: str) -> list[Mention]:
    forms = chinese_one_off()
    found = []
    for size in range(6, 2, -1):
        for start in range(len(joined) - size + 1):
            piece = joined[start : start + size]
            if not HAN.search(piece):
                continue
            for i in range(1, size):
                iso3 = forms.get(piece[:i] + "?" + piece[i + 1 :])
                if iso3:
                    found.append(Mention(iso3, start, start + size, "name"))
                    break
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=1)
def chinese_lookup() -> tuple[dict[str, tuple[str, str]], list[int]]:
    """Chinese names -> (State, kind), and the name lengths, longest first."""
    names = {name: (iso3, kind) for name, iso3, kind in reversed(chinese_names())}
    return names, sorted({len(name) for name in names}, reverse=True)


def chinese_mentions(joined: str) -> list[Mention]:
    """Names inside Chinese text, the longest at each place first ('印度尼西亚' before '印度')."""
    names, lengths = chinese_lookup()
    found, start = [], 0
    while start < len(joined):
        for size in lengths:
            hit = names.get(joined[start : start + size])
            if hit:
                found.append(Mention(hit[0], start, start + size, hit[1]))
                start += size
                break
        else:
            start += 1
    return found


def role(mention: Mention, before: str, after: str, language_cues: Cues) -> str | None:
    """The mention's role from the words around it; None when it is someone's name.

    Cues are tried in the order of CUE_ORDER: a locative ('in Yemen') is weaker than what
    is said of the person ('born in China'), and stronger than a verb after it ('in Yemen
    killed my cousin': Yemen did not act)."""
    for cue in CUE_ORDER:
        side = "before" if cue.endswith("_before") else "after"
        pattern = (language_cues.before if side == "before" else language_cues.after).get(cue)
        if pattern is None:
            continue
        if cue in DEMONYM_SKIPS and mention.kind == "demonym":
            continue  # 'my sister India' is a name, 'in Turkey' a place; not 'the Saudi consulate'
        if cue in AUTHORITY_SKIPS and mention.kind == "authority":
            continue
        if pattern.search(before if side == "before" else after):
            return None if cue.startswith("person_") else cue.removesuffix(f"_{side}")
    return mention.kind


def find_country(text: str, language: str | None = None) -> str | None:
    """The State the story is most likely about, or None.

    Two-letter words ('us', 'in', 'no') are never read as country codes; a name shared by
    several States ('Congo') is left for the dialogue to ask about."""
    ranked = [(RANK[found], m.start, m.iso3) for m, found in roles(text, language) if found in RANK]
    return min(ranked)[2] if ranked else None


def roles(text: str, language: str | None = None) -> list[tuple[Mention, str | None]]:
    """Every State the text names, in order, with its role (None: someone's name)."""
    language = language or guess_language(text)
    language_cues = cues(language)
    english = cues("en") if language != "en" else None
    han = bool(HAN.search(text))
    marked = BREAKS.sub(f" {BREAK} ", text)  # a role never reaches across a sentence or clause
    normalised = normalise(marked, keep_article=True)
    if language_cues.not_places:  # keep the positions: a placeholder for every word or character
        normalised = language_cues.not_places.sub(lambda m: placeholder(m.group(0), han), normalised)
    if han:  # Chinese: positions and context in characters
        units, glue, context = list(normalised.replace(" ", "")), "", CONTEXT_CHARS
        mentions = chinese_mentions("".join(units)) or chinese_misspelt("".join(units))
        mentions += latin_in_chinese(normalised)
    else:
        units, glue, context = normalised.split(), " ", CONTEXT_WORDS
        mentions = spaced_mentions(units, text, language, language_cues)
    found_roles: list[tuple[Mention, str | None]] = []
    # Only a person's own State can take their nationality: their origin is the State that acted.
    own_state_acted = bool(language_cues.own_state_acted and language_cues.own_state_acted.search(normalised))
    previous: tuple[Mention, str | None] | None = None
    for m in sorted(mentions + acronym_mentions(marked, han), key=lambda m: m.start):
        before = glue.join([*units[max(0, m.start - context) : m.start], m.prefix]).strip()
        after = glue.join(units[m.end : m.end + context])
        before, after = before.rsplit(BREAK, 1)[-1].strip(), after.split(BREAK, 1)[0].strip()
        found = role(m, before, after, language_cues)
        if found == m.kind and english is not None:  # people mix in English words
            found = role(m, before, after, english)
        between = glue.join(units[previous[0].end : m.start]) if previous else ""
        if (
            previous
            and previous[1] in ("transit", "destination")
            and found == m.kind
            and LIST_JOINER.fullmatch(between)
        ):
            found = previous[1]  # 'crossed Sudan and Libya': Libya was crossed too
        previous = (m, found)
        found_roles.append((m, "acting" if found == "origin" and own_state_acted else found))
    return found_roles


LATIN_RUN = re.compile(r"[a-z]+(?:\s+[a-z]+)*")


def latin_in_chinese(normalised: str) -> list[Mention]:
    """Names in Latin letters inside Chinese text ('警察在Kenya打了我'), at character positions."""
    found = []
    for run in LATIN_RUN.finditer(normalised):
        offset = len(normalised[: run.start()].replace(" ", ""))
        words = run.group(0).split()
        for m in word_mentions(words, "en"):
            start = offset + sum(len(w) for w in words[: m.start])
            found.append(Mention(m.iso3, start, start + sum(len(w) for w in words[m.start : m.end]), m.kind))
    return found


def placeholder(removed: str, han: bool) -> str:
    if han:
        return PLACEHOLDER_CHAR * len(removed.replace(" ", ""))
    return " ".join([PLACEHOLDER_WORD] * len(removed.split()))


def spaced_mentions(words: list[str], text: str, language: str, language_cues: Cues) -> list[Mention]:
    """Mentions in a text written with spaces, in the language's place list first.

    A short message may be guessed in the wrong Latin-script language, so the other two are
    tried next, for names only (their cities are everyday words here); misspellings last."""
    mentions = word_mentions(words, language)
    for other in LATIN_LANGUAGES if language in LATIN_LANGUAGES else ():
        mentions = mentions or [m for m in word_mentions(words, other) if m.kind != "place"]
    if not mentions:
        mentions = word_mentions(words, language, fuzzy=True)
    else:  # a long misspelt name next to a correct one ('en colonbia ... irme pa ecuador')
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for i, word in enumerate(words):
            if i not in covered and len(word) >= LONG_MISSPELLING and (iso3 := misspelt(word, language)):
                mentions.append(Mention(iso3, i, i + 1, "name"))
    return [  # not 'a turkey for the kids', 'my china plates'
        m
        for m in mentions
        if not ((phrase := " ".join(words[m.start : m.end])) in language_cues.lowercase_not_places
                and written_in_lower_case(phrase, text))
    ]  # fmt: skip


def written_in_lower_case(phrase: str, text: str) -> bool:
    """Whether the text has the phrase in small letters ('a turkey', not 'Turkey'), word by word."""
    wanted = phrase.split()
    lower = [(normalise(w, keep_article=True), w.islower()) for w in re.findall(r"\w+", text)]
    return any(
        all(lower[i + j] == (word, True) for j, word in enumerate(wanted))
        for i in range(len(lower) - len(wanted) + 1)
    )


@lru_cache(maxsize=1)
def acronyms() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    """One pattern for every acronym as written, and each one's (State, an authority?)."""
    by_word = {word: (iso3, authority) for word, iso3, authority in place_index("en").acronyms}
    written = [re.escape(word) for word, _, _ in place_index("en").acronyms]  # longest first
    # Letters of the acronyms' own scripts end them; Chinese characters may touch them ('德州的ICE').
    pattern = re.compile(
        r"(?<![A-Za-z0-9\u0400-\u04ff.])(" + "|".join(written) + r")(?![A-Za-z0-9\u0400-\u04ff])"
    )
    return pattern, by_word


def acronym_mentions(text: str, han: bool) -> list[Mention]:
    """Abbreviations as written ('US', 'РФ') and authorities' acronyms ('ICE', 'OFPRA').

    Not in a message written in capitals, where 'US' is the word 'us'."""
    letters = re.findall(r"[^\W\d_]", text)
    if len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        return []
    pattern, by_word = acronyms()
    # Positions as find_country counts them: words, or word characters in Chinese text.
    starts = [m.start() for m in re.finditer(r"[^\W_]" if han else r"[^\W_]+", text)]
    found = []
    for match in pattern.finditer(text):
        iso3, authority = by_word[match.group(1)]
        start = bisect_left(starts, match.start())
        size = len(re.findall(r"[^\W_]" if han else r"[^\W_]+", match.group(1)))
        found.append(Mention(iso3, start, start + size, "authority" if authority else "name"))
    return found


def prepare(languages: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")) -> None:
    """Load every place list and cue now, so the first story of a language is not slower."""
    for language in languages:
        cues(language)
        place_index(language)
    chinese_lookup()
    arabic_folded()
    acronyms()
    ngram_model()
