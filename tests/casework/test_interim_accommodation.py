"""Interim accommodation, s188: when the duty arises and the two ways it ends."""

from datetime import date

from hoclient.casework.interim_accommodation import (
    InterimDutyEnd,
    InterimDutyFacts,
    interim_duty_arises,
    interim_duty_ends,
)


def test_reason_to_believe_homeless_eligible_and_in_priority_need_is_enough() -> None:
    assert interim_duty_arises(
        may_be_homeless=True, may_be_eligible=True, may_have_priority_need=True
    )
    assert not interim_duty_arises(
        may_be_homeless=True, may_be_eligible=True, may_have_priority_need=False
    )


def test_no_priority_need_and_no_relief_duty_ends_it_on_notification() -> None:
    facts = InterimDutyFacts(relief_duty_owed=False, no_priority_need_notified_on=date(2026, 3, 9))
    assert interim_duty_ends(facts) == InterimDutyEnd(date(2026, 3, 9), "HA 1996 s188(1ZA)(a)")


def test_a_plain_no_priority_need_letter_does_not_end_it_while_relief_is_owed() -> None:
    # R (Mitchell) v Islington [2020] EWHC 1478.
    facts = InterimDutyFacts(relief_duty_owed=True, no_priority_need_notified_on=date(2026, 3, 9))
    assert interim_duty_ends(facts) is None


def test_the_explicit_statement_that_no_duty_follows_relief_ends_it() -> None:
    facts = InterimDutyFacts(
        relief_duty_owed=True,
        no_priority_need_notified_on=date(2026, 3, 9),
        no_duty_after_relief_notified_on=date(2026, 3, 12),
    )
    assert interim_duty_ends(facts) == InterimDutyEnd(date(2026, 3, 12), "HA 1996 s188(1ZA)(b)")


def test_otherwise_it_ends_at_the_later_of_relief_ending_and_the_next_decision() -> None:
    waiting = InterimDutyFacts(relief_duty_owed=True, relief_ended_on=date(2026, 4, 26))
    assert interim_duty_ends(waiting) is None
    decided_late = InterimDutyFacts(
        relief_duty_owed=True,
        relief_ended_on=date(2026, 4, 26),
        duty_after_relief_notified_on=date(2026, 5, 4),
    )
    assert interim_duty_ends(decided_late) == InterimDutyEnd(date(2026, 5, 4), "HA 1996 s188(1ZB)")
    decided_early = InterimDutyFacts(
        relief_duty_owed=True,
        relief_ended_on=date(2026, 4, 26),
        duty_after_relief_notified_on=date(2026, 4, 20),
    )
    assert interim_duty_ends(decided_early) == InterimDutyEnd(
        date(2026, 4, 26), "HA 1996 s188(1ZB)"
    )
