"""The assessment: which procedures are open for these facts, and how each admissibility
condition looks (ok / warning / problem / unknown), each with the rule it comes from.

Pure: facts and data in, a JSON-ready dict out. `reason` values are message ids that the
i18n layer words; `params` carry the dates and numbers. It never says "you cannot complain":
a procedure with problems is still listed, as `serious_obstacles`, for an adviser to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from bot.legal.data import PROCEDURE_IDS, Acceptance, LegalData, Reservation
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


def closed_reason(rules: dict[str, Any], acceptance: Acceptance, today: date) -> dict[str, Any] | None:
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
        return {"why": "denounced", "params": {"note": acceptance.note}, "source": rules["in_force_source"]}
    params = {"accepted_on": iso(acceptance.date)} if acceptance.accepted else {}
    return {"why": "not_accepted", "params": params, "source": "UN Treaty Collection status"}


def in_force_for_state(rules: dict[str, Any], acceptance: Acceptance) -> date:
    assert acceptance.date is not None
    return max(day(rules["in_force"]), add_lag(acceptance.date, rules["lag"]))


def temporal_line(
    rules: dict[str, Any], acceptance: Acceptance, reservations: tuple[Reservation, ...], effective: date
) -> tuple[date, str]:
    """The date facts must follow (ratione temporis), and the rule that sets it."""
    line = effective
    source = rules["temporal_clause"]["source"]
    if rules["temporal_basis"] == "parent_treaty":
        line = parent_in_force(rules, acceptance) or line
    for reservation in reservations:
        candidate = reservation_date(reservation.temporal_from, line, acceptance)
        if candidate and candidate > line:
            line, source = candidate, f"{reservation.source} (State declaration)"
    return line, source


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


def check_acceptance(rules: dict[str, Any], acceptance: Acceptance, today: date, effective: date) -> Check:
    params = {"accepted_since": iso(acceptance.date), "in_force_for_state": iso(effective)}
    if today < effective:
        return Check("state_acceptance", "warning", "accepted_not_yet_in_force", rules["lag_source"], params)
    return Check("state_acceptance", "ok", "state_accepted_procedure", rules["lag_source"], params)


def check_subject(rules: dict[str, Any], fit: str, harms: list[str], any_harms: bool) -> Check:
    source = rules["fit_source"]
    if not any_harms:
        return Check("subject_matter", "unknown", "harms_not_given", source, {})
    if fit == "strong":
        return Check("subject_matter", "ok", "rights_covered", source, {"harms": harms})
    return Check("subject_matter", "warning", "rights_may_be_covered", source, {"harms": harms})


# ---------------------------------------------------------------- time, victim, remedies


def check_temporal(
    facts: Facts, line: date, source: str, unverified: bool, grace: date | None = None
) -> Check:
    """`grace`: for declarations, the treaty's own entry into force for the State; facts between
    it and the declaration may or may not be examined (a warning, not a problem)."""
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


def deadline_check(
    criterion: str,
    final: PartialDate,
    months: int,
    today: date,
    source: str,
    unverified: bool,
    passed_status: str,
    passed_reason: str,
) -> Check:
    earliest, latest = add_months(final.earliest, months), add_months(final.latest, months)
    if today > latest:
        return Check(
            criterion,
            passed_status,
            passed_reason,
            source,
            {"months": months, "deadline": iso(latest)},
            unverified,
        )
    if today <= earliest:
        params = {"months": months, "deadline": iso(earliest), "days_left": (earliest - today).days}
        return Check(criterion, "ok", "within_time_limit", source, params, unverified)
    params = {"months": months, "deadline_earliest": iso(earliest), "deadline_latest": iso(latest)}
    return Check(criterion, "unknown", "time_limit_may_have_passed", source, params, unverified)


def check_time_limit(facts: Facts, rules: dict[str, Any]) -> Check:
    limit = rules["time_limit"]
    source, unverified = limit["source"], bool(limit.get("unverified"))
    remedies, today = facts.remedies, facts.today
    if limit["kind"] == "none":
        reason = "no_fixed_time_limit_avoid_delay" if limit.get("note") else "no_time_limit"
        return Check("time_limit", "ok", reason, source, {}, unverified)

    if limit["kind"] == "months_after_exhaustion":
        months = limit["months"]
        if remedies.status in ("pending", "not_tried"):
            return Check("time_limit", "ok", "time_limit_not_started", source, {"months": months}, unverified)
        if remedies.status == "exhausted" and remedies.final_decision:
            return deadline_check(
                "time_limit",
                remedies.final_decision,
                months,
                today,
                source,
                unverified,
                "problem",
                "time_limit_passed",
            )
        reason = (
            "final_decision_date_unknown" if remedies.status == "exhausted" else "time_limit_start_unclear"
        )
        return Check("time_limit", "unknown", reason, source, {"months": months}, unverified)

    # CCPR: no limit in the Protocol, but its rules treat long delays as a possible abuse.
    found = [Check("time_limit", "ok", "no_time_limit_abuse_rule", source, {}, unverified)]
    if remedies.status == "exhausted" and remedies.final_decision:
        found.append(
            deadline_check(
                "time_limit",
                remedies.final_decision,
                12 * limit["years_after_exhaustion"],
                today,
                source,
                unverified,
                "warning",
                "abuse_rule_years_after_exhaustion",
            )
        )
    for other in facts.other_procedures:
        if other.status in ("decided", "withdrawn") and other.ended and other.same_facts is not False:
            found.append(
                deadline_check(
                    "time_limit",
                    other.ended,
                    12 * limit["years_after_other_procedure"],
                    today,
                    source,
                    unverified,
                    "warning",
                    "abuse_rule_years_after_other_body",
                )
            )
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
        reason = (
            "already_before_this_committee"
            if other.status == "pending"
            else "already_examined_by_this_committee"
        )
        return "problem", reason, None
    if other.status == "pending":
        if "pending" in bars:
            unclear = same.get("same_nature_only") and other.body == "other"
            return ("warning" if unclear else "problem"), "same_matter_pending", None
        reservation = next((r for r in reserved if "pending" in r.same_matter_bars), None)
        if reservation:
            return "problem", "same_matter_pending_reservation", reservation.source
        return "ok", "pending_elsewhere_allowed", None
    reservation = next((r for r in reserved if "decided" in r.same_matter_bars), None)
    if other.status == "withdrawn":
        barred = "decided" in bars or reservation
        return (
            ("warning", "withdrawn_may_count", None) if barred else ("ok", "examined_elsewhere_allowed", None)
        )
    if "decided" in bars:
        return "problem", "same_matter_examined", None
    if reservation and reservation.same_matter_scope == "european_commission_only" and other.body == "ECtHR":
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
        status = "warning" if reservation.type == "subject_matter" else "ok"
        reason = {"subject_matter": "reservation_limits_subject", "exhaustion_note": "reservation_noted"}.get(
            reservation.type, "reservation_applied"
        )
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
    pid: str, facts: Facts, data: LegalData, iso3: str, fit: str, harms: list[str]
) -> dict[str, Any]:
    rules = data.procedures[pid]
    acceptance = data.acceptance[(iso3, pid)]
    reservations = data.reservations.get((pid, iso3), ())
    effective = in_force_for_state(rules, acceptance)
    line, temporal_source = temporal_line(rules, acceptance, reservations, effective)
    checks = [
        check_acceptance(rules, acceptance, facts.today, effective),
        check_subject(rules, fit, harms, bool(facts.harms)),
        check_temporal(
            facts,
            line,
            temporal_source,
            bool(rules["temporal_clause"].get("unverified")),
            grace_line(rules, acceptance, line, reservations),
        ),
        check_victim(facts, rules),
        check_exhaustion(facts, rules),
        check_time_limit(facts, rules),
        check_other_procedures(facts, rules, reservations),
        *reservation_checks(reservations),
    ]
    status = worst(checks).status
    overall = {"ok": OVERALL[0], "unknown": OVERALL[1], "warning": OVERALL[1], "problem": OVERALL[2]}[status]
    return {
        "procedure": pid,
        "committee": rules["committee"],
        "open": True,
        "accepted_since": iso(acceptance.date),
        "fit": fit,
        "harms": harms,
        "checks": [c.as_dict() for c in checks],
        "overall": overall,
        "interim_measures": rules["interim_measures"]["source"],
    }


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
            option["former_member"] = former
        if iso3 in (system.get("unverified") or []):
            option["unverified"] = True
        final = facts.remedies.final_decision
        if limit.get("months") and facts.remedies.status == "exhausted" and final:
            check = deadline_check(
                "time_limit",
                final,
                limit["months"],
                facts.today,
                limit["source"],
                False,
                "problem",
                "time_limit_passed",
            )
            option["deadline"] = {"status": check.status, "reason": check.reason, "params": check.params}
        options.append(option)
    return options


def assess(facts: Facts, data: LegalData, iso3: str) -> dict[str, Any]:
    procedures, closed = [], []
    fitted_harms: set[str] = set()
    for pid in PROCEDURE_IDS:
        rules = data.procedures[pid]
        fit, harms = fit_for(rules, facts.harms, facts.victim.child_at_time)
        if fit is None:
            continue
        fitted_harms.update(harms)
        why = closed_reason(rules, data.acceptance[(iso3, pid)], facts.today)
        if why:
            closed.append({"procedure": pid, "committee": rules["committee"], "fit": fit, **why})
        else:
            procedures.append(assess_procedure(pid, facts, data, iso3, fit, harms))
    # Best first: fewest obstacles, then a strong fit, then the more specialised committee.
    procedures.sort(
        key=lambda p: (
            OVERALL.index(p["overall"]),
            p["fit"] != "strong",
            len(data.procedures[p["procedure"]]["fit"]["strong"]),
        )
    )

    ced = data.acceptance[(iso3, "CED-31")]
    disappearance = "enforced_disappearance" in facts.harms and facts.events.continuing is not False
    return {
        "data_as_of": data.as_of.isoformat(),
        "today": facts.today.isoformat(),
        "country": {"iso3": iso3, "name": data.states[iso3].name},
        "procedures": procedures,
        "closed_procedures": closed,
        "unmatched_harms": [h for h in facts.harms if h not in fitted_harms],
        "urgent": {
            "interim_measures": bool(facts.urgent_risk) and bool(procedures),
            "ced_urgent_action": disappearance and ced.parent_party,
            "ced_urgent_action_source": data.procedures["CED-31"]["urgent_action"]["source"],
        },
        "regional_options": regional_options(facts, data, iso3),
        "disclaimer": DISCLAIMER,
    }
