"""Deliberate and unreasonable refusal to co-operate: s193B and s193C (domain/duties.md §10).

Only while prevention or relief is owed, and only for a step the applicant agreed (s189A(4))
or that was recorded as required (s189A(6)(b)). First a relevant warning (s193B(4)-(5)); then,
after a reasonable period, the s193B(2) notice. How long a reasonable period is, the Act does
not say and the Code's wording is UNKNOWN: the council configures it, and it is passed in here.
"""

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from hoclient.casework.duties import Duty
from hoclient.vocabulary import Role

DUTIES_A_NOTICE_CAN_END = frozenset({Duty.PREVENTION, Duty.RELIEF})  # s193B(1)


def earliest_notice_after_warning(warned_on: date, reasonable_period: timedelta) -> date:
    """s193B(4)(b): the notice may be given once a reasonable period has passed since the
    relevant warning."""
    return warned_on + reasonable_period


def non_cooperation_notice_unavailable(
    *,
    duty: Duty,
    warned_on: Sequence[date],
    notice_on: date,
    reasonable_period: timedelta | None,
) -> str | None:
    """Why a s193B(2) notice cannot be given now; None when it can.

    `warned_on` holds the days of the relevant warnings given during the duty now owed. With
    no configured `reasonable_period` only the order is checked: a warning first.
    """
    if duty not in DUTIES_A_NOTICE_CAN_END:
        return "a s193B(2) notice can be given only while prevention or relief is owed (s193B(1))"
    if not warned_on:
        return (
            f"no relevant warning has been given during this {duty.value} duty: "
            "a s193B(2) notice must follow one (s193B(4))"
        )
    if reasonable_period is not None:
        may_give_from = earliest_notice_after_warning(min(warned_on), reasonable_period)
        if notice_on < may_give_from:
            return (
                f"a reasonable period ({reasonable_period.days} days, as configured) must pass "
                f"after the relevant warning of {min(warned_on).isoformat()}: the notice may be "
                f"given from {may_give_from.isoformat()} (s193B(4))"
            )
    return None


def duty_after_non_cooperation_notice(
    duty: Duty, *, priority_need: bool | None, intentionally_homeless: bool | None
) -> Duty:
    """What is owed once a s193B(2) notice ends prevention or relief.

    At relief stage the main duty can no longer arise (s193(1A)(b)); an applicant in priority
    need and not intentionally homeless is owed the lesser s193C(4) duty. Whether a notice at
    prevention stage can lead to s193C(4) is UNKNOWN: issue 4 ends the duty.
    """
    if duty is Duty.RELIEF and priority_need is True and intentionally_homeless is False:
        return Duty.S193C
    return Duty.ENDED


def second_officer_problem(
    *, decided_by: uuid.UUID, authorised_by: uuid.UUID, authoriser_role: Role
) -> str | None:
    """Why an authorisation does not count; None when it does.

    SI 2018/223 regs 2-3: a s193B notice is decided by one officer and authorised by a second
    person, at least as senior, who took no part in the decision. hoclient asks for a senior
    officer (issue 4).
    """
    if authorised_by == decided_by:
        return "The officer who made the decision cannot also authorise it."
    if authoriser_role is not Role.SENIOR:
        return "Only a senior officer can authorise this decision."
    return None
