"""A household has one applicant and the people who live with them (HA 1996 s176)."""

from datetime import date

from hoclient.casework.duty_to_refer import is_duty_to_refer_referral
from hoclient.casework.household import (
    MemberFacts,
    dependent_child_problem,
    household_problems,
)
from hoclient.vocabulary import ReferralSource, Relationship

APPLICANT = MemberFacts(Relationship.APPLICANT)


def test_a_household_with_one_applicant_is_sound() -> None:
    assert household_problems([APPLICANT, MemberFacts(Relationship.CHILD)]) == []


def test_a_household_needs_an_applicant() -> None:
    assert household_problems([MemberFacts(Relationship.PARTNER)]) == [
        "A household needs an applicant."
    ]


def test_a_household_has_exactly_one_applicant() -> None:
    problems = household_problems([APPLICANT, APPLICANT])
    assert problems == ["A household has exactly one applicant; choose another relationship."]


def test_an_expected_due_date_belongs_only_to_a_pregnancy() -> None:
    not_pregnant = MemberFacts(
        Relationship.PARTNER, pregnant=False, expected_due_on=date(2027, 3, 1)
    )
    pregnant = MemberFacts(Relationship.PARTNER, pregnant=True, expected_due_on=date(2027, 3, 1))
    assert household_problems([APPLICANT, not_pregnant]) == [
        "An expected due date is only recorded for someone who is pregnant."
    ]
    assert household_problems([APPLICANT, pregnant]) == []


def test_a_dependent_child_of_nineteen_is_a_typing_slip() -> None:
    assert dependent_child_problem(dependent_child=True, age_in_years=19) is not None
    assert dependent_child_problem(dependent_child=True, age_in_years=17) is None
    assert dependent_child_problem(dependent_child=False, age_in_years=30) is None
    assert dependent_child_problem(dependent_child=True, age_in_years=None) is None


def test_a_prison_referral_is_made_under_the_duty_to_refer() -> None:
    assert is_duty_to_refer_referral(ReferralSource.PRISON)
    assert is_duty_to_refer_referral(ReferralSource.JOBCENTRE_PLUS)


def test_an_agency_outside_the_duty_or_no_referral_is_not_a_duty_to_refer() -> None:
    assert not is_duty_to_refer_referral(ReferralSource.AGENCY_NOT_UNDER_DUTY)
    assert not is_duty_to_refer_referral(ReferralSource.ANOTHER_COUNCIL)
    assert not is_duty_to_refer_referral(None)
