"""Priority need: HA 1996 s189(1) and SI 2002/2051 (domain/duties.md §7).

Some categories give priority need by themselves; the others only where the officer finds the
applicant vulnerable because of them: significantly more vulnerable than an ordinary person
would be if made homeless (Hotak v Southwark [2015] UKSC 30, unverified). A support need
recorded for H-CLIC is not a priority need.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hoclient.casework.case_events import ADULT_AGE_YEARS
from hoclient.casework.identity import age_on
from hoclient.casework.unverified import DOMESTIC_ABUSE_PRIORITY_NEED_FROM


class PriorityNeedCategory(enum.Enum):
    # Automatic: the fact alone is a priority need.
    PREGNANT = "pregnant"
    DEPENDENT_CHILDREN = "dependent_children"
    EMERGENCY = "emergency"
    DOMESTIC_ABUSE = "domestic_abuse"
    AGED_16_OR_17 = "aged_16_or_17"
    CARE_LEAVER_UNDER_21 = "care_leaver_under_21"
    # Vulnerability: a priority need only where the applicant is vulnerable as a result.
    OLD_AGE = "old_age"
    MENTAL_ILLNESS = "mental_illness"
    LEARNING_DISABILITY = "learning_disability"
    PHYSICAL_DISABILITY = "physical_disability"
    OTHER_SPECIAL_REASON = "other_special_reason"
    LOOKED_AFTER_AGED_21_OR_OVER = "looked_after_aged_21_or_over"
    ARMED_FORCES = "armed_forces"
    CUSTODY_OR_REMAND = "custody_or_remand"
    FLEEING_VIOLENCE = "fleeing_violence"

    @property
    def description(self) -> str:
        return _CATEGORIES[self].description

    @property
    def basis(self) -> str:
        return _CATEGORIES[self].basis

    @property
    def automatic(self) -> bool:
        return _CATEGORIES[self].automatic


@dataclass(frozen=True)
class _Category:
    description: str
    basis: str
    automatic: bool


_S189_1_C = "HA 1996 s189(1)(c)"
_ORDER = "SI 2002/2051"
_ORDER_ART_5 = "SI 2002/2051 art 5"
_CATEGORIES = {
    PriorityNeedCategory.PREGNANT: _Category(
        "A pregnant woman, or a person who lives or might reasonably live with her",
        "HA 1996 s189(1)(a)",
        True,
    ),
    PriorityNeedCategory.DEPENDENT_CHILDREN: _Category(
        "Dependent children live, or might reasonably live, with the applicant",
        "HA 1996 s189(1)(b)",
        True,
    ),
    PriorityNeedCategory.EMERGENCY: _Category(
        "Homeless or threatened because of an emergency such as fire or flood",
        "HA 1996 s189(1)(d)",
        True,
    ),
    PriorityNeedCategory.DOMESTIC_ABUSE: _Category(
        "Homeless as a result of being a victim of domestic abuse",
        "Domestic Abuse Act 2021",
        True,
    ),
    PriorityNeedCategory.AGED_16_OR_17: _Category(
        "Aged 16 or 17, neither a relevant child nor owed accommodation under s20 of the "
        "Children Act 1989",
        _ORDER,
        True,
    ),
    PriorityNeedCategory.CARE_LEAVER_UNDER_21: _Category(
        "Under 21 and looked after, accommodated or fostered at any time while aged 16 or 17 "
        "(not a relevant student)",
        _ORDER,
        True,
    ),
    PriorityNeedCategory.OLD_AGE: _Category("Vulnerable because of old age", _S189_1_C, False),
    PriorityNeedCategory.MENTAL_ILLNESS: _Category(
        "Vulnerable because of mental illness", _S189_1_C, False
    ),
    PriorityNeedCategory.LEARNING_DISABILITY: _Category(
        "Vulnerable because of a learning disability", _S189_1_C, False
    ),
    PriorityNeedCategory.PHYSICAL_DISABILITY: _Category(
        "Vulnerable because of a physical disability", _S189_1_C, False
    ),
    PriorityNeedCategory.OTHER_SPECIAL_REASON: _Category(
        "Vulnerable for another special reason (or lives with such a person)", _S189_1_C, False
    ),
    PriorityNeedCategory.LOOKED_AFTER_AGED_21_OR_OVER: _Category(
        "Aged 21 or over and vulnerable because of having been looked after, accommodated or "
        "fostered (not a relevant student)",
        _ORDER_ART_5,
        False,
    ),
    PriorityNeedCategory.ARMED_FORCES: _Category(
        "Vulnerable because of having served in the regular armed forces", _ORDER_ART_5, False
    ),
    PriorityNeedCategory.CUSTODY_OR_REMAND: _Category(
        "Vulnerable because of having served a custodial sentence or been remanded in custody",
        _ORDER_ART_5,
        False,
    ),
    PriorityNeedCategory.FLEEING_VIOLENCE: _Category(
        "Vulnerable because of ceasing to occupy accommodation through violence or threats of "
        "violence (other than domestic abuse)",
        _ORDER_ART_5,
        False,
    ),
}

AUTOMATIC_CATEGORIES = frozenset(
    category for category in PriorityNeedCategory if category.automatic
)
VULNERABILITY_CATEGORIES = frozenset(
    category for category in PriorityNeedCategory if not category.automatic
)

CARE_LEAVER_AGE_LIMIT_YEARS = 21


@dataclass(frozen=True)
class PriorityNeedFacts:
    """What the officer has found, on the day the priority need decision is made."""

    decided_on: date
    applicant_born_on: date | None = None
    pregnant_woman_in_household: bool = False  # the applicant, or someone who lives with her
    dependent_children_in_household: bool = False
    homeless_because_of_emergency: bool = False
    homeless_as_victim_of_domestic_abuse: bool = False
    relevant_child_or_owed_section_20_accommodation: bool = False
    looked_after_while_aged_16_or_17: bool = False
    relevant_student: bool = False  # a care leaver under 25 in full-time education (art 1(3))
    # The vulnerability categories the officer finds make the applicant vulnerable.
    vulnerable_because_of: frozenset[PriorityNeedCategory] = frozenset()


def priority_need_categories(facts: PriorityNeedFacts) -> tuple[PriorityNeedCategory, ...]:
    """Every category the applicant's priority need rests on; empty when there is none."""
    if not facts.vulnerable_because_of <= VULNERABILITY_CATEGORIES:
        automatic = sorted(c.value for c in facts.vulnerable_because_of & AUTOMATIC_CATEGORIES)
        raise ValueError(f"{', '.join(automatic)} need no finding of vulnerability")
    age = age_on(facts.applicant_born_on, facts.decided_on) if facts.applicant_born_on else None
    met = set(_automatic_categories(facts, age))
    met |= {
        category
        for category in facts.vulnerable_because_of
        # Under 21 the care leaver is in priority need automatically (above).
        if category is not PriorityNeedCategory.LOOKED_AFTER_AGED_21_OR_OVER
        or ((age is None or age >= CARE_LEAVER_AGE_LIMIT_YEARS) and not facts.relevant_student)
    }
    return tuple(category for category in PriorityNeedCategory if category in met)


def has_priority_need(facts: PriorityNeedFacts) -> bool:
    return bool(priority_need_categories(facts))


def _automatic_categories(
    facts: PriorityNeedFacts, age: int | None
) -> Iterable[PriorityNeedCategory]:
    if facts.pregnant_woman_in_household:
        yield PriorityNeedCategory.PREGNANT
    if facts.dependent_children_in_household:
        yield PriorityNeedCategory.DEPENDENT_CHILDREN
    if facts.homeless_because_of_emergency:
        yield PriorityNeedCategory.EMERGENCY
    if (
        facts.homeless_as_victim_of_domestic_abuse
        and facts.decided_on >= DOMESTIC_ABUSE_PRIORITY_NEED_FROM
    ):
        yield PriorityNeedCategory.DOMESTIC_ABUSE
    if age is None:
        return
    if age in (16, 17) and not facts.relevant_child_or_owed_section_20_accommodation:
        yield PriorityNeedCategory.AGED_16_OR_17
    if (
        ADULT_AGE_YEARS <= age < CARE_LEAVER_AGE_LIMIT_YEARS
        and facts.looked_after_while_aged_16_or_17
        and not facts.relevant_student
    ):
        yield PriorityNeedCategory.CARE_LEAVER_UNDER_21
