"""Interim accommodation: HA 1996 s188 (domain/duties.md §5).

The duty arises on a low threshold, reason to believe the applicant may be homeless, eligible
and in priority need (s188(1)), with no test of local connection or intentionality. It ends
in one of two ways, s188(1ZA) where no priority need is found and s188(1ZB) otherwise.
"""

from dataclasses import dataclass
from datetime import date


def interim_duty_arises(
    *, may_be_homeless: bool, may_be_eligible: bool, may_have_priority_need: bool
) -> bool:
    """s188(1): "reason to believe" each may be so, not satisfaction that it is."""
    return may_be_homeless and may_be_eligible and may_have_priority_need


@dataclass(frozen=True)
class InterimDutyFacts:
    """The decisions, by the day each was notified, that can end the s188 duty."""

    relief_duty_owed: bool
    no_priority_need_notified_on: date | None = None
    # The explicit s188(1ZA)(b) statement: no s190 or s193 duty will follow once relief ends.
    no_duty_after_relief_notified_on: date | None = None
    # Relief came to an end, or the applicant was told no relief duty is owed.
    relief_ended_on: date | None = None
    # The decision on which duty, if any, follows relief.
    duty_after_relief_notified_on: date | None = None


@dataclass(frozen=True)
class InterimDutyEnd:
    on: date
    basis: str


def interim_duty_ends(facts: InterimDutyFacts) -> InterimDutyEnd | None:
    """When the s188 duty ended; None while it continues."""
    if facts.no_priority_need_notified_on is not None:
        if not facts.relief_duty_owed:
            return InterimDutyEnd(facts.no_priority_need_notified_on, "HA 1996 s188(1ZA)(a)")
        # R (Mitchell) v Islington [2020] EWHC 1478: a plain "not in priority need" letter
        # does not end it while relief is owed; only the explicit (1ZA)(b) statement does.
        if facts.no_duty_after_relief_notified_on is not None:
            return InterimDutyEnd(facts.no_duty_after_relief_notified_on, "HA 1996 s188(1ZA)(b)")
        return None
    # s188(1ZB): the later of relief ending and notice of the duty that follows it.
    if facts.relief_ended_on is None or facts.duty_after_relief_notified_on is None:
        return None
    return InterimDutyEnd(
        max(facts.relief_ended_on, facts.duty_after_relief_notified_on), "HA 1996 s188(1ZB)"
    )
