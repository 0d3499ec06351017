"""Recording a new approach: checked before anything is written, no duplicate people."""

from dataclasses import replace
from datetime import date

import pytest

from hoclient.services.approaches import approach_problems
from hoclient.services.errors import InvalidInput, PossibleDuplicate
from hoclient.services.households import household_of
from hoclient.services.store_status import store_counts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import ApproachMethod, ReferralSource, Relationship
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record


def test_a_new_approach_opens_a_case_with_the_applicant_in_its_household(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for(postcode="sw1a1aa"))
    assert case.applicant_name == "OKAFOR, Grace"
    assert case.officer_name == officer.display_name
    assert case.address == "SW1A 1AA"
    [applicant] = household_of(store, officer, case.case_id, today=TODAY)
    assert applicant.relationship is Relationship.APPLICANT
    assert applicant.age == 36


def test_each_case_gets_its_own_reference(store: Store, officer: OfficerView) -> None:
    first = record(store, officer, approach_for("Okafor"))
    second = record(store, officer, approach_for("Nowak", "Piotr"))
    assert first.reference != second.reference
    assert first.reference.startswith("HO26-")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"family_name": " "}, "family_name", "Enter the family name."),
        ({"given_names": ""}, "given_names", "Enter the given names."),
        ({"ni_number": "AB12"}, "ni_number", "An NI number has 2 letters"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "cannot be in the future"),
        ({"email": "grace at example"}, "email", "is not an email address"),
    ],
)
def test_bad_applicant_details_are_refused_and_nothing_is_written(
    store: Store, officer: OfficerView, change: dict[str, object], field: str, message: str
) -> None:
    approach = approach_for()
    bad = replace(approach, applicant=replace(approach.applicant, **change))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as refused:
        record(store, officer, bad)
    assert message in refused.value.problems[field]
    assert store_counts(store).cases == 0
    assert store_counts(store).persons == 0


def test_an_approach_date_in_the_future_is_refused(store: Store, officer: OfficerView) -> None:
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        record(store, officer, approach_for(approached_on=date(2026, 11, 26)))
    assert store_counts(store).cases == 0


def test_a_referral_must_say_who_referred(store: Store, officer: OfficerView) -> None:
    referral = replace(approach_for(), approach_method=ApproachMethod.REFERRAL)
    assert approach_problems(referral, today=TODAY)["referral_source"] == (
        "Choose who made the referral."
    )
    referred = replace(referral, referral_source=ReferralSource.PROBATION)
    case = record(store, officer, referred)
    assert case.duty_to_refer


def test_where_the_applicant_lives_now_must_be_chosen(store: Store, officer: OfficerView) -> None:
    problems = approach_problems(
        replace(approach_for(), accommodation_at_approach=None), today=TODAY
    )
    assert problems == {"accommodation_at_approach": "Choose where the applicant is living now."}


def test_a_bad_postcode_is_refused(store: Store, officer: OfficerView) -> None:
    with pytest.raises(InvalidInput, match="is not a UK postcode"):
        record(store, officer, approach_for(postcode="SW1A"))


def test_the_same_name_and_birth_date_is_flagged_before_a_duplicate_is_made(
    store: Store, officer: OfficerView
) -> None:
    first = record(store, officer, approach_for("Okafor", "Grace", date(1990, 3, 2)))
    with pytest.raises(PossibleDuplicate) as flagged:
        record(store, officer, approach_for("OKAFOR", "grace", date(1990, 3, 2)))
    [match] = flagged.value.matches
    assert match.person_id == first.applicant_person_id
    assert match.case_references == (first.reference,)
    assert store_counts(store).cases == 1


def test_the_same_ni_number_is_flagged_whatever_the_name(
    store: Store, officer: OfficerView
) -> None:
    record(store, officer, approach_for("Okafor", ni="AB123456C"))
    with pytest.raises(PossibleDuplicate):
        record(store, officer, approach_for("Adeyemi", born_on=None, ni="ab 12 34 56 c"))


def test_choosing_the_existing_person_opens_a_second_case_for_them(
    store: Store, officer: OfficerView
) -> None:
    first = record(store, officer, approach_for())
    second = record(store, officer, approach_for(), existing_person_id=first.applicant_person_id)
    assert second.applicant_person_id == first.applicant_person_id
    assert store_counts(store).persons == 1
    assert store_counts(store).cases == 2


def test_confirming_someone_new_makes_a_second_person(store: Store, officer: OfficerView) -> None:
    first = record(store, officer, approach_for())
    second = record(store, officer, approach_for(), confirmed_new_person=True)
    assert second.applicant_person_id != first.applicant_person_id
    assert store_counts(store).persons == 2


def test_a_different_person_with_the_same_name_is_not_flagged(
    store: Store, officer: OfficerView
) -> None:
    record(store, officer, approach_for("Okafor", "Grace", date(1990, 3, 2)))
    record(store, officer, approach_for("Okafor", "Grace", date(1985, 7, 9)))
    assert store_counts(store).persons == 2
