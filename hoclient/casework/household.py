"""Who is in the household: the applicant and those who normally reside with them (s176)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hoclient.casework.unverified import DEPENDENT_CHILD_AGE_LIMIT_YEARS
from hoclient.vocabulary import Relationship


@dataclass(frozen=True)
class MemberFacts:
    relationship: Relationship
    pregnant: bool = False
    expected_due_on: date | None = None


def household_problems(members: Sequence[MemberFacts]) -> list[str]:
    """What is wrong with a household as a whole; an empty list when nothing is.

    An application is made by one applicant; everyone else is a member of their household
    (s176: those who normally reside with them as family, or might reasonably be expected to).
    """
    applicants = sum(1 for member in members if member.relationship is Relationship.APPLICANT)
    problems = []
    if applicants == 0:
        problems.append("A household needs an applicant.")
    elif applicants > 1:
        problems.append("A household has exactly one applicant; choose another relationship.")
    return problems + [p for m in members if (p := member_problem(m))]


def member_problem(member: MemberFacts) -> str | None:
    if member.expected_due_on is not None and not member.pregnant:
        return "An expected due date is only recorded for someone who is pregnant."
    return None


def dependent_child_problem(*, dependent_child: bool, age_in_years: int | None) -> str | None:
    # Priority need follows dependent children (s189(1)(b)); an older "child" is a typing slip.
    limit = DEPENDENT_CHILD_AGE_LIMIT_YEARS
    if dependent_child and age_in_years is not None and age_in_years >= limit:
        return (
            f"A dependent child is under {limit}: "
            "check the date of birth or untick dependent child."
        )
    return None
