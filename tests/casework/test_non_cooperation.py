"""Refusal to co-operate, s193B-s193C: a warning, a reasonable period, a notice."""

import uuid
from datetime import date, timedelta

import pytest

from hoclient.casework.duties import Duty
from hoclient.casework.non_cooperation import (
    duty_after_non_cooperation_notice,
    earliest_notice_after_warning,
    non_cooperation_notice_unavailable,
    second_officer_problem,
)
from hoclient.vocabulary import Role

WARNED_ON = date(2026, 3, 10)


def test_the_notice_may_follow_once_the_configured_reasonable_period_has_passed() -> None:
    # The Act fixes no length: 14 days here is a council's setting, not the law's.
    assert earliest_notice_after_warning(WARNED_ON, timedelta(days=14)) == date(2026, 3, 24)


@pytest.mark.parametrize("duty", [Duty.NONE, Duty.MAIN, Duty.S190, Duty.ENDED])
def test_a_notice_is_only_for_prevention_or_relief(duty: Duty) -> None:
    problem = non_cooperation_notice_unavailable(
        duty=duty, warned_on=[WARNED_ON], notice_on=date(2026, 4, 1), reasonable_period=None
    )
    assert problem is not None and "s193B(1)" in problem


def test_without_a_configured_period_only_the_order_is_checked() -> None:
    assert (
        non_cooperation_notice_unavailable(
            duty=Duty.RELIEF, warned_on=[WARNED_ON], notice_on=WARNED_ON, reasonable_period=None
        )
        is None
    )


def test_any_earlier_warning_in_the_duty_can_found_the_notice() -> None:
    assert (
        non_cooperation_notice_unavailable(
            duty=Duty.PREVENTION,
            warned_on=[WARNED_ON, date(2026, 3, 30)],
            notice_on=date(2026, 3, 31),
            reasonable_period=timedelta(days=14),
        )
        is None
    )


@pytest.mark.parametrize(
    ("duty", "priority_need", "intentional", "following"),
    [
        (Duty.RELIEF, True, False, Duty.S193C),
        (Duty.RELIEF, True, None, Duty.ENDED),
        (Duty.RELIEF, False, False, Duty.ENDED),
        (Duty.RELIEF, True, True, Duty.ENDED),
        (Duty.PREVENTION, True, False, Duty.ENDED),  # s193C(4) from prevention is UNKNOWN
    ],
)
def test_after_a_notice_only_relief_with_priority_need_leads_to_s193c(
    duty: Duty, priority_need: bool | None, intentional: bool | None, following: Duty
) -> None:
    assert (
        duty_after_non_cooperation_notice(
            duty, priority_need=priority_need, intentionally_homeless=intentional
        )
        is following
    )


def test_a_s193b_notice_needs_a_second_senior_officer_who_took_no_part() -> None:
    decided_by, other = uuid.uuid4(), uuid.uuid4()
    assert (
        second_officer_problem(
            decided_by=decided_by, authorised_by=decided_by, authoriser_role=Role.SENIOR
        )
        == "The officer who made the decision cannot also authorise it."
    )
    assert (
        second_officer_problem(
            decided_by=decided_by, authorised_by=other, authoriser_role=Role.OFFICER
        )
        == "Only a senior officer can authorise this decision."
    )
    assert (
        second_officer_problem(
            decided_by=decided_by, authorised_by=other, authoriser_role=Role.SENIOR
        )
        is None
    )
