"""The assessment: which procedures are open for these facts, and how each admissibility
condition looks (ok / warning / problem / unknown), each with the rule it comes from.

Pure: facts and data in, a JSON-ready dict out. `reason` values are message ids that the
i18n layer words; `params` carry the dates and numbers. It never says "you cannot complain":
a procedure with problems is still listed, as `serious_obstacles`, for an adviser to review.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from bot.legal.data import PROCEDURE_IDS, Acceptance, Denunciation, LegalData, Reservation
from bot.legal.dates import PartialDate, add_lag, add_months, compare
from bot.legal.facts import Facts, OtherProcedure

STATUS_RANK = {"ok": 0, "unknown": 1, "warning": 2, "problem": 3}
OVERALL = ("looks_admissible", "needs_adviser_review", "serious_obstacles")
DISCLAIMER = "assessment_disclaimer"


@dataclass(slots=True)
class Check:
    criterion: str
    status: str
    reason: str
    source: str
    params: dict[str, Any]
    unverified: bool = False

    def as_dict(self) -> dict[str, Any]:
        out = {
            "criterion": self.criterion,
            "status": self.status,
            "reason": self.reason,
            "params": self.params,
            "source": self.source,
        }
        if self.unverified:
            out["unverified"] = True
        return out


def worst(checks: list[Check]) -> Check:
    """The most serious check; among equals the last, i.e. the most specific one."""
    return max(reversed(checks), key=lambda c: STATUS_RANK[c.status])


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@lru_cache(maxsize=64)
def day(text: str) -> date:
    return date.fromisoformat(text)


# ---------------------------------------------------------------- subject matter and acceptance


def fit_for(
    rules: dict[str, Any], harms: tuple[str, ...], child_victim: bool | None
) -> tuple[str | None, list[str]]:
    """('strong'|'possible'|None, the harms that fit). No harms given: every procedure is 'possible'."""
    if not harms:
        return "possible", []
    fit = rules["fit"]
    strong = [h for h in harms if h in fit["strong"]]
    possible = [h for h in harms if h in fit["possible"]]
    if strong:
        return "strong", strong + possible
    if child_victim and rules.get("child_victim_fit"):
        possible = list(harms)
    return ("possible", possible) if possible else (None, [])


def acceptance_on(acceptance: Acceptance, denunciation: Denunciation | None, today: date) -> Acceptance:
    """The State's acceptance as it stood on `today`: a denounced procedure still applied until
    its denunciation took effect."""
    if denunciation and denunciation.accepted_on <= today < denunciation.effective:
        return replace(acceptance, accepted=True, date=denunciation.accepted_on)
    return acceptance


def closed_reason(
    rules: dict[str, Any], acceptance: Acceptance, today: date, denounced_on: date | None = None
) -> dict[str, Any] | None:
    """Why a fitting procedure is not open against this State today, or None if it is open."""
    if rules.get("in_force") is None:
        reason = rules["not_in_force_reason"]
        return {
            "why": "not_in_force",
            "params": {"declarations": reason["declarations"], "needed": reason["needed"]},
            "source": reason["source"],
        }
    if acceptance.accepted and acceptance.date and acceptance.date <= today:
        return None
    if acceptance.denounced:
        params = {"effective": iso(denounced_on)} if denounced_on else {}
        return {"why": "denounced", "params": params, "source": rules.get("denunciation_source", "UNTC")}
    params = {"accepted_on": iso(acceptance.date)} if acceptance.accepted else {}
    return {"why": "not_accepted", "params": params, "source": "UN Treaty Collection status"}


def in_force_for_state(rules: dict[str, Any], acceptance: Acceptance) -> date:
    """The later of: the procedure's entry into force, the State's acceptance plus the lag, and
    (for declarations made on ratification) the treaty's own entry into force for the State."""
    assert acceptance.date is not None
    effective = max(day(rules["in_force"]), add_lag(acceptance.date, rules["lag"]))
    treaty = parent_in_force(rules, acceptance)
    return max(effective, treaty) if treaty else effective


def temporal_line(
    rules: dict[str, Any], acceptance: Acceptance, reservations: tuple[Reservation, ...], effective: date
) -> tuple[date, str]:
    """The date facts must follow (ratione temporis), and the rule that sets it."""
    line = effective
    source = rules["temporal_clause"]["source"]
    if rules["temporal_basis"] == "parent_treaty":
        line = parent_in_force(rules, acceptance) or line
    for reservation in reservations:
        value = reservation.temporal_from
        candidate = reservation_date(value, line, acceptance)
        explicit = bool(value[:1].isdigit())  # the State named its own date: that is the line
        if candidate and (candidate > line or explicit):
            line, source = candidate, f"{reservation.source} (State declaration)"
    return line, source


def began_after_only(rules: dict[str, Any], reservations: tuple[Reservation, ...]) -> bool:
    """Only acts that *began* after the line count (ICPPED art. 35; some State declarations):
    a continuing violation that began earlier does not."""
    return bool(rules["temporal_clause"].get("began_after")) or any(r.began_after for r in reservations)


def parent_in_force(rules: dict[str, Any], acceptance: Acceptance) -> date | None:
    """When the treaty itself (not its complaint procedure) came to bind the State."""
    if not acceptance.parent_date or "parent_lag" not in rules:
        return None
    return max(day(rules["in_force"]), add_lag(acceptance.parent_date, rules["parent_lag"]))


def reservation_date(value: str, line: date, acceptance: Acceptance) -> date | None:
    """The date a State's temporal declaration names (see reservations.csv, temporal_from)."""
    if value == "acceptance":
        return line
    if value in ("deposit", "declaration"):
        return acceptance.date
    if value == "parent_treaty":
        return acceptance.parent_date
    return date.fromisoformat(value) if value else None


def grace_line(
    rules: dict[str, Any], acceptance: Acceptance, line: date, reservations: tuple[Reservation, ...]
) -> date | None:
    """No grace where the State itself limited the Committee to later facts."""
    if rules.get("temporal_grace") != "parent_treaty" or any(r.temporal_from for r in reservations):
        return None
    return parent_in_force(rules, acceptance)


def check_acceptance(
    rules: dict[str, Any],
    acceptance: Acceptance,
    today: date,
    effective: date,
    denunciation: Denunciation | None = None,
) -> Check:
    params = {"accepted_since": iso(acceptance.date), "in_force_for_state": iso(effective)}
    source, unverified = rules["lag_source"], bool(rules.get("lag_unverified"))
    if denunciation and today < denunciation.effective:
        params["denunciation_effective"] = iso(denunciation.effective)
        return Check("state_acceptance", "warning", "denunciation_pending", source, params, unverified)
    if today < effective:
        return Check("state_acceptance", "warning", "accepted_not_yet_in_force", source, params, unverified)
    return Check("state_acceptance", "ok", "state_accepted_procedure", source, params, unverified)


def check_subject(rules: dict[str, Any], fit: str, harms: list[str], any_harms: bool) -> Check:
    source, unverified = rules["fit_source"], bool(rules.get("fit_unverified"))
    if not any_harms:
        return Check("subject_matter", "unknown", "harms_not_given", source, {}, unverified)
    if fit == "strong":
        return Check("subject_matter", "ok", "rights_covered", source, {"harms": harms}, unverified)
    return Check("subject_matter", "warning", "rights_may_be_covered", source, {"harms": harms}, unverified)


# ---------------------------------------------------------------- time, victim, remedies


def check_temporal(
    facts: Facts,
    line: date,
    source: str,
    unverified: bool,
    grace: date | None = None,
    began_after: bool = False,
) -> Check:
    """`grace`: for declarations, the treaty's own entry into force for the State; facts between
    it and the declaration may or may not be examined (a warning, not a problem).
    `began_after`: only acts that began after the line count, however long they continued."""
    params = {"facts_must_follow": iso(line)}
    start, end, continuing = facts.events.start, facts.events.end, facts.events.continuing
    if start is None:
        return Check("ratione_temporis", "unknown", "events_date_unknown", source, params, unverified)
    position = compare(start, line)
    if position == "after":
        return Check("ratione_temporis", "ok", "events_after_acceptance", source, params, unverified)
    if grace and grace < line and compare(start, grace) == "after":
        params["treaty_binding_since"] = iso(grace)
        return Check("ratione_temporis", "warning", "events_before_declaration", source, params, unverified)
    if began_after:
        if position == "unknown":
            return Check("ratione_temporis", "unknown", "events_date_ambiguous", source, params, unverified)
        return Check("ratione_temporis", "problem", "events_began_before_line", source, params, unverified)
    carried_on = continuing is True or (end is not None and compare(end, line) != "before")
    if carried_on:
        return Check("ratione_temporis", "warning", "continuing_violation", source, params, unverified)
    if position == "unknown":
        return Check("ratione_temporis", "unknown", "events_date_ambiguous", source, params, unverified)
    return Check("ratione_temporis", "problem", "events_before_acceptance", source, params, unverified)


def check_victim(facts: Facts, rules: dict[str, Any]) -> Check:
    standing = rules["standing"]
    source, unverified = standing["source"], bool(standing.get("unverified"))
    victim = facts.victim
    found: list[Check] = []

    def add(status: str, reason: str) -> None:
        found.append(Check("victim_status", status, reason, source, {}, unverified))

    if victim.personally_affected is False:
        add("problem", "not_personally_affected")
    match victim.who:
        case "self":
            add("ok", "victim_is_author")
        case "relative" | "other_person":
            if victim.consent is True:
                add("ok", "acting_with_consent")
            elif victim.consent is False:
                add("warning", "acting_without_consent")
            else:
                add("unknown", "consent_unknown")
        case "group":
            add("ok", "group_of_victims") if standing["groups"] else add("warning", "individual_victims_only")
        case "organisation":
            if victim.consent is True:  # acting for identified victims who agreed
                add("ok", "acting_with_consent")
            else:
                add("problem", "organisation_needs_identified_victim")
        case _:
            add("unknown", "victim_unknown")
    return worst(found)


def check_exhaustion(facts: Facts, rules: dict[str, Any]) -> Check:
    exhaustion = rules["exhaustion"]
    source, unverified = exhaustion["source"], bool(exhaustion.get("unverified"))
    remedies = facts.remedies

    def result(status: str, reason: str, **params: Any) -> Check:
        return Check("exhaustion", status, reason, source, params, unverified)

    match remedies.status:
        case "exhausted":
            if remedies.raised_in_substance is False:
                return result("problem", "substance_not_raised")
            if remedies.raised_in_substance is None:
                return result("ok", "remedies_exhausted_check_substance")
            return result("ok", "remedies_exhausted")
        case "pending":
            return result("problem", "remedies_pending")
        case "not_tried":
            return result("problem", "remedies_not_tried")
        case "unreasonably_prolonged":
            return result("warning", "exception_unreasonably_prolonged")
        case "unavailable" | "ineffective":
            named = "ineffective" in exhaustion["exceptions"]
            return result(
                "warning",
                "exception_no_effective_remedy" if named else "exception_no_effective_remedy_practice",
            )
        case _:
            return result("unknown", "remedies_unknown")


def deadline(final: PartialDate, months: int, today: date) -> tuple[str, dict[str, Any]]:
    """Where `today` falls against `months` after a (partial) date: 'within', 'passed' or
    'unknown' (the deadline depends on the part of the date nobody gave)."""
    earliest, latest = add_months(final.earliest, months), add_months(final.latest, months)
    if today > latest:
        return "passed", {"deadline": iso(latest)}
    if today <= earliest:
        return "within", {"deadline": iso(earliest), "days_left": (earliest - today).days}
    return "unknown", {"deadline_earliest": iso(earliest), "deadline_latest": iso(latest)}


def check_time_limit(facts: Facts, rules: dict[str, Any]) -> Check:
    limit = rules["time_limit"]
    source, unverified = limit["source"], bool(limit.get("unverified"))
    remedies, today = facts.remedies, facts.today

    def result(status: str, reason: str, **params: Any) -> Check:
        return Check("time_limit", status, reason, source, params, unverified)

    if limit["kind"] == "none":
        return result("ok", "no_fixed_time_limit_avoid_delay" if limit.get("note") else "no_time_limit")

    if limit["kind"] == "months_after_exhaustion":
        months = limit["months"]
        if remedies.status in ("pending", "not_tried"):
            return result("ok", "time_limit_not_started", months=months)
        if remedies.status == "exhausted" and remedies.final_decision:
            where, params = deadline(remedies.final_decision, months, today)
            status, reason = {
                "within": ("ok", "within_time_limit"),
                "passed": ("problem", "time_limit_passed"),
                "unknown": ("unknown", "time_limit_may_have_passed"),
            }[where]
            return result(status, reason, months=months, **params)
        reason = (
            "final_decision_date_unknown" if remedies.status == "exhausted" else "time_limit_start_unclear"
        )
        return result("unknown", reason, months=months)

    # CCPR: no time limit, but its rules presume an abuse of the right of submission after
    # 5 years from exhaustion, or 3 years from the end of another international procedure.
    found = [result("ok", "no_time_limit_abuse_rule")]
    starts = []
    if remedies.status == "exhausted" and remedies.final_decision:
        starts.append(("exhaustion", remedies.final_decision, limit["years_after_exhaustion"]))
    for other in facts.other_procedures:
        counts = other.body != "UN_special_procedure" and other.same_facts is not False
        if counts and other.status in ("decided", "withdrawn") and other.ended:
            starts.append(("other_body", other.ended, limit["years_after_other_procedure"]))
    for what, since, years in starts:
        where, params = deadline(since, 12 * years, today)
        params.pop("days_left", None)
        if where == "passed":
            found.append(result("warning", f"abuse_rule_years_after_{what}", years=years, **params))
        elif where == "unknown":
            found.append(result("unknown", f"abuse_rule_may_apply_after_{what}", years=years, **params))
    return worst(found)


# ---------------------------------------------------------------- same matter and reservations


def same_matter_verdict(
    other: OtherProcedure, same: dict[str, Any], committee: str, reserved: list[Reservation]
) -> tuple[str, str, str | None]:
    """(status, reason, the reservation's source if one decided it) for one other procedure."""
    bars = same["bars"]
    if other.body == "UN_special_procedure":  # not a procedure of international investigation or settlement
        return "ok", "special_procedures_do_not_count", None
    if other.body == committee:
        return {
            "pending": ("problem", "already_before_this_committee", None),
            "decided": ("problem", "already_examined_by_this_committee", None),
            "withdrawn": ("warning", "withdrawn_from_this_committee", None),
        }[other.status]
    # A reservation naming only the former European Commission is read as reaching, at most,
    # the European Court that replaced it; it says nothing about other bodies.
    applicable = [
        r for r in reserved if r.same_matter_scope != "european_commission_only" or other.body == "ECtHR"
    ]
    if other.status == "pending":
        if "pending" in bars:
            unclear = same.get("same_nature_only") and other.body == "other"
            return ("warning" if unclear else "problem"), "same_matter_pending", None
        reservation = next((r for r in applicable if "pending" in r.same_matter_bars), None)
        if reservation:
            return "problem", "same_matter_pending_reservation", reservation.source
        return "ok", "pending_elsewhere_allowed", None
    reservation = next((r for r in applicable if "decided" in r.same_matter_bars), None)
    if other.status == "withdrawn":
        if "decided" in bars or reservation:
            return "warning", "withdrawn_may_count", reservation.source if reservation else None
        return "ok", "examined_elsewhere_allowed", None
    if "decided" in bars:
        return "problem", "same_matter_examined", None
    if reservation and reservation.same_matter_scope == "european_commission_only":
        return "warning", "reservation_names_former_commission", reservation.source
    if reservation:
        return "problem", "same_matter_examined_reservation", reservation.source
    return "ok", "examined_elsewhere_allowed", None


def check_other_procedures(
    facts: Facts, rules: dict[str, Any], reservations: tuple[Reservation, ...]
) -> Check:
    same = rules["same_matter"]
    source, unverified = same["source"], bool(same.get("unverified"))
    reserved = [r for r in reservations if r.same_matter_bars]
    found = [Check("other_procedure", "ok", "no_other_procedure", source, {}, unverified)]
    for other in facts.other_procedures:
        if other.same_facts is False:
            continue
        status, reason, rule = same_matter_verdict(other, same, rules["committee"], reserved)
        if status == "problem" and other.same_facts is None:  # not known to be the same matter
            status, reason = "warning", reason + "_if_same_facts"
        params = {"body": other.body, "status": other.status}
        found.append(Check("other_procedure", status, reason, rule or source, params, unverified))
    return worst(found)


def reservation_checks(reservations: tuple[Reservation, ...]) -> list[Check]:
    checks = []
    for reservation in reservations:
        if reservation.other_limits:  # a limit the assessment does not model: an adviser checks it
            status, reason = "warning", "reservation_limits_subject"
        elif reservation.type == "exhaustion_note":
            status, reason = "ok", "reservation_noted"
        else:
            status, reason = "ok", "reservation_applied"
        checks.append(
            Check(
                "reservation",
                status,
                reason,
                reservation.source,
                {"type": reservation.type, "summary": reservation.effect_summary},
            )
        )
    return checks


# ---------------------------------------------------------------- the whole assessment


def assess_procedure(
    pid: str,
    facts: Facts,
    data: LegalData,
    acceptance: Acceptance,
    denunciation: Denunciation | None,
    fit: str,
    harms: list[str],
) -> dict[str, Any]:
    rules = data.procedures[pid]
    reservations = data.reservations.get((pid, acceptance.iso3), ())
    effective = in_force_for_state(rules, acceptance)
    line, temporal_source = temporal_line(rules, acceptance, reservations, effective)
    checks = [
        check_acceptance(rules, acceptance, facts.today, effective, denunciation),
        check_subject(rules, fit, harms, bool(facts.harms)),
        check_temporal(
            facts,
            line,
            temporal_source,
            bool(rules["temporal_clause"].get("unverified")),
            grace_line(rules, acceptance, line, reservations),
            began_after_only(rules, reservations),
        ),
        check_victim(facts, rules),
        check_exhaustion(facts, rules),
        check_time_limit(facts, rules),
        check_other_procedures(facts, rules, reservations),
        *reservation_checks(reservations),
    ]
    status = worst(checks).status
    overall = {"ok": OVERALL[0], "unknown": OVERALL[1], "warning": OVERALL[1], "problem": OVERALL[2]}[status]
    interim = {"source": rules["interim_measures"]["source"]}
    if rules["interim_measures"].get("unverified"):
        interim["unverified"] = True
    return {
        "procedure": pid,
        "committee": rules["committee"],
        "open": True,
        "accepted_since": iso(acceptance.date),
        "fit": fit,
        "harms": harms,
        "checks": [c.as_dict() for c in checks],
        "overall": overall,
        "interim_measures": interim,
    }


def regional_deadline(limit: dict[str, Any], final: PartialDate, today: date) -> dict[str, Any]:
    """The regional time limit, using the rule in force when the final decision was taken
    (ECHR: 4 months for final decisions from 1 February 2022, 6 months before)."""
    months = limit["months"]
    if limit.get("since"):
        since = day(limit["since"])
        position = compare(final, since)
        if position == "before":
            months = limit["months_before"]
        elif position == "unknown":
            return {"status": "unknown", "reason": "regional_rule_depends_on_date", "params": {}}
    where, params = deadline(final, months, today)
    status, reason = {
        "within": ("ok", "within_time_limit"),
        "passed": ("problem", "time_limit_passed"),
        "unknown": ("unknown", "time_limit_may_have_passed"),
    }[where]
    return {"status": status, "reason": reason, "params": {"months": months, **params}}


def regional_options(facts: Facts, data: LegalData, iso3: str) -> list[dict[str, Any]]:
    options = []
    for key, system in data.regional.items():
        former = (system.get("former") or {}).get(iso3)
        if iso3 not in system["states"] and not former:
            continue
        limit = system["time_limit"]
        option: dict[str, Any] = {
            "system": key,
            "name": system["name"],
            "time_limit": limit,
            "same_matter_source": system["same_matter"]["source"],
        }
        if former:
            # A State that left: only facts from before it left can still be brought.
            option["former_member"] = former
            start = facts.events.start
            position = compare(start, day(former["until"])) if start else "unknown"
            option["available"] = {"before": True, "after": False}.get(position)
            if option["available"] is False:
                options.append(option)
                continue
        if iso3 in (system.get("unverified") or []):
            option["unverified"] = True
        final = facts.remedies.final_decision
        if limit.get("months") and facts.remedies.status == "exhausted" and final:
            option["deadline"] = regional_deadline(limit, final, facts.today)
        options.append(option)
    return options


def urgent_action(facts: Facts, data: LegalData, iso3: str) -> bool:
    """CED art. 30: open for any State party to the CED (no art. 31 declaration needed), for a
    disappearance that began after the Convention bound the State (art. 35) and is unresolved."""
    if "enforced_disappearance" not in facts.harms or facts.events.continuing is False:
        return False
    rules, ced = data.procedures["CED-31"], data.acceptance[(iso3, "CED-31")]
    binding = parent_in_force(rules, ced) if ced.parent_party else None
    if binding is None or facts.today < binding:
        return False
    return facts.events.start is None or compare(facts.events.start, binding) != "before"


def other_routes(data: LegalData) -> list[dict[str, Any]]:
    return [{"route": key, "name": r["name"], "source": r["source"]} for key, r in data.other_routes.items()]


def assess(facts: Facts, data: LegalData, iso3: str) -> dict[str, Any]:
    procedures, closed = [], []
    fitted_harms: set[str] = set()
    for pid in PROCEDURE_IDS:
        rules = data.procedures[pid]
        fit, harms = fit_for(rules, facts.harms, facts.victim.child_at_time)
        if fit is None:
            continue
        fitted_harms.update(harms)
        denunciation = data.denunciations.get((iso3, pid))
        acceptance = acceptance_on(data.acceptance[(iso3, pid)], denunciation, facts.today)
        why = closed_reason(rules, acceptance, facts.today, denunciation.effective if denunciation else None)
        if why:
            closed.append({"procedure": pid, "committee": rules["committee"], "fit": fit, **why})
        else:
            procedures.append(assess_procedure(pid, facts, data, acceptance, denunciation, fit, harms))
    # Best first: fewest obstacles, then a strong fit, then the more specialised committee.
    procedures.sort(
        key=lambda p: (
            OVERALL.index(p["overall"]),
            p["fit"] != "strong",
            len(data.procedures[p["procedure"]]["fit"]["strong"]),
        )
    )
    unmatched = [h for h in facts.harms if h not in fitted_harms]
    return {
        "data_as_of": data.as_of.isoformat(),
        "today": facts.today.isoformat(),
        "country": {"iso3": iso3, "name": data.states[iso3].name},
        "procedures": procedures,
        "closed_procedures": closed,
        "unmatched_harms": unmatched,
        "urgent": {
            "interim_measures": bool(facts.urgent_risk) and bool(procedures),
            "ced_urgent_action": urgent_action(facts, data, iso3),
            "ced_urgent_action_source": data.procedures["CED-31"]["urgent_action"]["source"],
        },
        "regional_options": regional_options(facts, data, iso3),
        # Never a dead end: where no committee is open, say which UN routes need no acceptance.
        "other_routes": other_routes(data) if not procedures or unmatched else [],
        "adviser": True,
        "disclaimer": DISCLAIMER,
    }
