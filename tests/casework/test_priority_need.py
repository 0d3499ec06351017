"""Priority need: s189(1) and SI 2002/2051 (domain/duties.md §7)."""

from datetime import date

import pytest

from hoclient.casework.priority_need import (
    AUTOMATIC_CATEGORIES,
    VULNERABILITY_CATEGORIES,
    PriorityNeedCategory,
    PriorityNeedFacts,
    has_priority_need,
    priority_need_categories,
)

DECIDED_ON = date(2026, 3, 2)
Category = PriorityNeedCategory


def born_aged(years: int) -> date:
    """Born on the decision day's date, `years` before: exactly that age that day."""
    return DECIDED_ON.replace(year=DECIDED_ON.year - years)


@pytest.mark.parametrize(
    ("facts", "category"),
    [
        (PriorityNeedFacts(DECIDED_ON, pregnant_woman_in_household=True), Category.PREGNANT),
        (
            PriorityNeedFacts(DECIDED_ON, dependent_children_in_household=True),
            Category.DEPENDENT_CHILDREN,
        ),
        (PriorityNeedFacts(DECIDED_ON, homeless_because_of_emergency=True), Category.EMERGENCY),
        (
            PriorityNeedFacts(DECIDED_ON, homeless_as_victim_of_domestic_abuse=True),
            Category.DOMESTIC_ABUSE,
        ),
        (PriorityNeedFacts(DECIDED_ON, applicant_born_on=born_aged(16)), Category.AGED_16_OR_17),
        (PriorityNeedFacts(DECIDED_ON, applicant_born_on=born_aged(17)), Category.AGED_16_OR_17),
        (
            PriorityNeedFacts(
                DECIDED_ON, applicant_born_on=born_aged(20), looked_after_while_aged_16_or_17=True
            ),
            Category.CARE_LEAVER_UNDER_21,
        ),
    ],
    ids=lambda value: value.value if isinstance(value, Category) else "",
)
def test_each_automatic_category_is_a_priority_need_by_itself(
    facts: PriorityNeedFacts, category: PriorityNeedCategory
) -> None:
    assert priority_need_categories(facts) == (category,)
    assert category.automatic


def test_nothing_found_is_no_priority_need() -> None:
    assert not has_priority_need(PriorityNeedFacts(DECIDED_ON, applicant_born_on=born_aged(30)))


def test_domestic_abuse_counts_for_decisions_from_5_july_2021() -> None:
    facts = PriorityNeedFacts(date(2021, 7, 5), homeless_as_victim_of_domestic_abuse=True)
    assert has_priority_need(facts)
    earlier = PriorityNeedFacts(date(2021, 7, 4), homeless_as_victim_of_domestic_abuse=True)
    assert not has_priority_need(earlier)


def test_a_16_year_old_owed_children_act_accommodation_is_not_in_the_16_17_category() -> None:
    facts = PriorityNeedFacts(
        DECIDED_ON,
        applicant_born_on=born_aged(16),
        relevant_child_or_owed_section_20_accommodation=True,
    )
    assert not has_priority_need(facts)


def test_the_16_17_category_ends_on_the_18th_birthday() -> None:
    assert has_priority_need(PriorityNeedFacts(DECIDED_ON, applicant_born_on=date(2008, 3, 3)))
    assert not has_priority_need(PriorityNeedFacts(DECIDED_ON, applicant_born_on=date(2008, 3, 2)))


def test_a_care_leaver_is_automatic_only_until_21_and_never_as_a_relevant_student() -> None:
    leaver = PriorityNeedFacts(
        DECIDED_ON, applicant_born_on=born_aged(21), looked_after_while_aged_16_or_17=True
    )
    assert not has_priority_need(leaver)
    student = PriorityNeedFacts(
        DECIDED_ON,
        applicant_born_on=born_aged(19),
        looked_after_while_aged_16_or_17=True,
        relevant_student=True,
    )
    assert not has_priority_need(student)


@pytest.mark.parametrize("category", [c for c in Category if c in VULNERABILITY_CATEGORIES])
def test_a_vulnerability_category_counts_only_with_a_finding_of_vulnerability(
    category: PriorityNeedCategory,
) -> None:
    facts = PriorityNeedFacts(
        DECIDED_ON, applicant_born_on=born_aged(40), vulnerable_because_of=frozenset({category})
    )
    assert priority_need_categories(facts) == (category,)
    assert not category.automatic


def test_being_looked_after_makes_a_vulnerability_category_only_from_21() -> None:
    looked_after = frozenset({Category.LOOKED_AFTER_AGED_21_OR_OVER})
    young = PriorityNeedFacts(
        DECIDED_ON, applicant_born_on=born_aged(20), vulnerable_because_of=looked_after
    )
    assert not has_priority_need(young)


def test_an_automatic_category_cannot_be_recorded_as_a_vulnerability() -> None:
    with pytest.raises(ValueError, match="pregnant need no finding of vulnerability"):
        priority_need_categories(
            PriorityNeedFacts(DECIDED_ON, vulnerable_because_of=frozenset({Category.PREGNANT}))
        )


def test_several_categories_are_listed_in_the_order_of_the_act() -> None:
    facts = PriorityNeedFacts(
        DECIDED_ON,
        dependent_children_in_household=True,
        pregnant_woman_in_household=True,
        vulnerable_because_of=frozenset({Category.MENTAL_ILLNESS}),
    )
    assert priority_need_categories(facts) == (
        Category.PREGNANT,
        Category.DEPENDENT_CHILDREN,
        Category.MENTAL_ILLNESS,
    )


def test_every_category_says_what_it_is_and_where_the_law_says_it() -> None:
    assert set(Category) == AUTOMATIC_CATEGORIES | VULNERABILITY_CATEGORIES
    for category in Category:
        assert category.description and category.basis
    assert Category.PREGNANT.basis == "HA 1996 s189(1)(a)"
    assert Category.OLD_AGE.basis == "HA 1996 s189(1)(c)"
