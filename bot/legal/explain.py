"""An assessment in plain language: the chat messages the person reads.

Pure: an assessment (bot.legal.assess) and a language in, messages out. Every check becomes
one line — ✓ fine, ⚠ to look at, ✗ a serious obstacle, ? not known yet — worded from
dialogues/replies.yml and followed by the rule it comes from. Dates are written the way the
person's language writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date

from bot.legal.citations import cite
from bot.legal.countries import name_of
from bot.replies import Replies

# OHCHR accepts complaints in English, French, Russian and Spanish only (its guidance note).
NOT_A_COMPLAINT_LANGUAGE = ("ar", "zh")
MARKS = {"ok": "✓", "warning": "⚠", "problem": "✗", "unknown": "?"}
# UN English writes '15 January 2027'.
DATE_LOCALE = {"en": "en_GB"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def localise(params: dict[str, Any], language: str) -> dict[str, Any]:
    """Dates as the language writes them ('1 January 2027', '2027年1月1日')."""
    out = {}
    for key, value in params.items():
        if isinstance(value, str) and ISO_DATE.match(value):
            value = format_date(
                date.fromisoformat(value), format="long", locale=DATE_LOCALE.get(language, language)
            )
        out[key] = value
    return out


def line(replies: Replies, language: str, status: str, reason: str, params: dict[str, Any], source: str,
         unverified: bool = False) -> str:  # fmt: skip
    worded = replies.render(f"assess_{reason}", language, localise(params, language))
    text = worded["text"] if worded else reason
    tail = f" ({source_in(replies, language, source)}"
    if unverified:
        mark = replies.render("result_unverified", language)
        tail += "; " + (mark["text"] if mark else "to be confirmed")
    return f"{MARKS[status]} {text}{tail})"


def wording(replies: Replies, language: str) -> Callable[..., str]:
    """say(reply, **values): a reply's text in the language, dates written its way."""

    def say(reply: str, /, **values: Any) -> str:
        worded = replies.render(reply, language, localise(values, language))
        return worded["text"] if worded else reply

    return say


def source_in(replies: Replies, language: str, source: str) -> str:
    """The rule's source worded in the person's language (bot.legal.citations)."""
    return cite(source, wording(replies, language))


def committee(replies: Replies, language: str, entry: dict[str, Any]) -> str:
    worded = replies.render(f"committee_{entry['committee']}", language)
    return f"{worded['text'] if worded else entry['committee']} ({entry['procedure']})"


def explain(result: dict[str, Any], language: str, replies: Replies | None = None) -> list[dict[str, Any]]:
    replies = replies or Replies()
    say = wording(replies, language)

    messages: list[dict[str, Any]] = [
        {
            "text": say("result_title", country=name_of(result["country"]["iso3"], language))
            + "\n"
            + say("assess_" + result["disclaimer"])
        }
    ]
    urgent = result["urgent"]
    if urgent["interim_measures"]:
        messages.append({"text": say("result_urgent_interim_measures")})
    if urgent["ced_urgent_action"]:
        messages.append(
            {
                "text": say("result_ced_urgent_action")
                + f" ({source_in(replies, language, urgent['ced_urgent_action_source'])})"
            }
        )

    for entry in result["procedures"]:
        lines = [committee(replies, language, entry), say(f"result_overall_{entry['overall']}")]
        lines += [
            line(
                replies,
                language,
                c["status"],
                c["reason"],
                c["params"],
                c["source"],
                c.get("unverified", False),
            )
            for c in entry["checks"]
        ]
        lines.append(say(f"result_next_{entry['overall']}"))
        messages.append({"text": "\n".join(lines)})

    if result["closed_procedures"]:
        lines = [say("result_closed_heading")]
        lines += [
            f"✗ {committee(replies, language, c)}: {say('assess_' + c['why'], **c['params'])}"
            f" ({source_in(replies, language, c['source'])})"
            for c in result["closed_procedures"]
        ]
        messages.append({"text": "\n".join(lines)})

    for option in result["regional_options"]:
        if option.get("available") is False:
            continue
        limit = option["time_limit"]
        text = say("result_regional_option", name=say(f"regional_{option['system']}"))
        if option.get("deadline"):
            d = option["deadline"]
            text += "\n" + line(replies, language, d["status"], d["reason"], d["params"], limit["source"])
        messages.append({"text": text})

    for route in result.get("other_routes", []):
        route_source = source_in(replies, language, route["source"])
        messages.append({"text": say(f"result_route_{route['route']}") + f" ({route_source})"})

    if language in NOT_A_COMPLAINT_LANGUAGE:
        messages.append(replies.render("result_complaint_language", language) or {"text": ""})

    next_steps = replies.render("result_next_steps", language) or {"text": ""}
    messages.append(next_steps)
    return messages
