"""Recording who a person is: NI numbers, dates of birth, postcodes, names."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoclient.casework.identity import (
    age_on,
    date_of_birth_problem,
    family_name_problem,
    format_postcode,
    given_names_problem,
    ni_number_problem,
    normalise_ni_number,
    postcode_problem,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("typed", ["AB123456C", "ab 12 34 56 c", "AB-12-34-56-D", "ZX999999A"])
def test_a_well_formed_ni_number_is_accepted_however_it_is_spaced(typed: str) -> None:
    assert ni_number_problem(typed) is None


def test_an_ni_number_is_stored_without_spaces_in_capitals() -> None:
    assert normalise_ni_number(" ab 12 34 56 c ") == "AB123456C"


@pytest.mark.parametrize(
    "typed",
    [
        "AB12345C",  # five digits
        "AB1234567C",  # seven digits
        "AB123456E",  # suffix beyond D
        "DA123456A",  # D is never a first letter
        "AO123456A",  # O is never a second letter
        "QQ123456C",  # Q is never used
        "GB123456A",  # a prefix that is not issued
        "TN123456A",  # a temporary reference, not an NI number
        "12AB3456C",
    ],
)
def test_a_malformed_ni_number_is_refused_in_plain_words(typed: str) -> None:
    problem = ni_number_problem(typed)
    assert problem is not None
    assert "NI number" in problem


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    assert date_of_birth_problem(date(2026, 11, 26), today=TODAY) == (
        "The date of birth cannot be in the future."
    )


def test_today_is_a_possible_date_of_birth_for_a_newborn() -> None:
    assert date_of_birth_problem(TODAY, today=TODAY) is None


def test_a_date_of_birth_over_120_years_ago_is_questioned() -> None:
    assert date_of_birth_problem(date(1900, 1, 1), today=TODAY) is not None


def test_age_counts_whole_years_and_waits_for_the_birthday() -> None:
    assert age_on(date(2000, 11, 26), TODAY) == 25
    assert age_on(date(2000, 11, 25), TODAY) == 26


def test_a_leap_day_birthday_counts_from_the_first_of_march_in_other_years() -> None:
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 25)),
    st.integers(min_value=0, max_value=40_000),
)
def test_age_goes_up_by_at_most_one_year_a_day_and_never_down(born_on: date, days: int) -> None:
    on = born_on + timedelta(days=days)
    next_day = on + timedelta(days=1)
    assert age_on(born_on, next_day) - age_on(born_on, on) in (0, 1)


def test_names_must_be_given_and_contain_letters() -> None:
    assert family_name_problem("  ") == "Enter the family name."
    assert given_names_problem("") == "Enter the given names."
    assert family_name_problem("123") == "The family name must contain letters."
    assert family_name_problem("O'Brien-Ní Dhónaill") is None


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("sw1a1aa", "SW1A 1AA"), ("M1 1AE", "M1 1AE"), ("b338th", "B33 8TH"), ("CR2 6XH", "CR2 6XH")],
)
def test_a_postcode_is_checked_and_shown_in_royal_mail_form(typed: str, shown: str) -> None:
    assert postcode_problem(typed) is None
    assert format_postcode(typed) == shown


@pytest.mark.parametrize("typed", ["SW1A", "12345", "ABC 123", "SW1A 1A"])
def test_a_postcode_that_is_not_whole_is_refused(typed: str) -> None:
    assert postcode_problem(typed) is not None
