"""Search finds a person by name, date of birth, NI number, postcode or case reference."""

from dataclasses import replace
from datetime import date

import pytest

from hoclient.services.case_reference import new_case_reference, reference_prefix
from hoclient.services.errors import InvalidInput
from hoclient.services.households import NewMember, add_household_member
from hoclient.services.officers import current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.search import classify, parse_date, search
from hoclient.services.views import CaseView, OfficerView, SearchKind
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record


@pytest.fixture
def grace(store: Store, officer: OfficerView) -> CaseView:
    record(
        store,
        officer,
        approach_for("Nowak", "Piotr", date(1979, 8, 30), ni="CE654321A", postcode="M1 1AE"),
    )
    return record(
        store,
        officer,
        approach_for("Okafor", "Grace", date(1990, 3, 2), ni="AB123456C", postcode="SW1A 1AA"),
    )


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("oka", SearchKind.NAME),
        ("Grace Okafor", SearchKind.NAME),
        ("02/03/1990", SearchKind.DATE_OF_BIRTH),
        ("2.3.1990", SearchKind.DATE_OF_BIRTH),
        ("1990-03-02", SearchKind.DATE_OF_BIRTH),
        ("02031990", SearchKind.DATE_OF_BIRTH),
        ("AB 12 34 56 C", SearchKind.NI_NUMBER),
        ("ab1234", SearchKind.NI_NUMBER),
        ("SW1A 1AA", SearchKind.POSTCODE),
        ("sw1a", SearchKind.POSTCODE),
        ("M1", SearchKind.POSTCODE),
        ("HO26-7K3M-9QXA", SearchKind.CASE_REFERENCE),
        ("ho26 7k", SearchKind.CASE_REFERENCE),
        ("  ", None),
        ("--", None),
    ],
)
def test_what_is_typed_decides_the_kind_of_search(typed: str, kind: SearchKind | None) -> None:
    assert classify(typed) is kind


def test_an_impossible_date_is_not_a_date() -> None:
    assert parse_date("31/02/1990") is None
    assert parse_date("2/3/1990") == date(1990, 3, 2)


def _names(store: Store, typed: str) -> list[str]:
    return [hit.name for hit in search(store, current_officer(store), typed).hits]


def test_a_partial_surname_in_any_case_finds_the_person(store: Store, grace: CaseView) -> None:
    assert _names(store, "OKA") == ["OKAFOR, Grace"]
    assert _names(store, "gr oka") == ["OKAFOR, Grace"]


def test_a_full_name_in_either_order_finds_the_person(store: Store, grace: CaseView) -> None:
    assert _names(store, "Okafor Grace") == ["OKAFOR, Grace"]
    assert _names(store, "grace okafor") == ["OKAFOR, Grace"]


def test_a_date_of_birth_finds_the_person(store: Store, grace: CaseView) -> None:
    assert _names(store, "02/03/1990") == ["OKAFOR, Grace"]
    assert _names(store, "03/02/1990") == []


def test_an_ni_number_whole_or_begun_finds_the_person(store: Store, grace: CaseView) -> None:
    assert _names(store, "ab 12 34 56 c") == ["OKAFOR, Grace"]
    assert _names(store, "AB1234") == ["OKAFOR, Grace"]


def test_a_postcode_whole_or_begun_finds_the_person(store: Store, grace: CaseView) -> None:
    assert _names(store, "sw1a 1aa") == ["OKAFOR, Grace"]
    assert _names(store, "SW1A") == ["OKAFOR, Grace"]
    assert _names(store, "M1") == ["NOWAK, Piotr"]


def test_a_case_reference_whole_or_begun_finds_the_case(store: Store, grace: CaseView) -> None:
    whole = search(store, current_officer(store), grace.reference.lower())
    assert [hit.case_reference for hit in whole.hits] == [grace.reference]
    begun = search(store, current_officer(store), grace.reference[:7].replace("-", " "))
    assert grace.reference in [hit.case_reference for hit in begun.hits]


def test_a_household_member_is_found_with_their_role(
    store: Store, officer: OfficerView, grace: CaseView
) -> None:
    add_household_member(
        store,
        officer,
        grace.case_id,
        NewMember(PersonDetails("Okafor", "Tobi", date(2015, 1, 1)), Relationship.CHILD),
        today=TODAY,
    )
    [hit] = search(store, officer, "tobi").hits
    assert (hit.case_reference, hit.relationship) == (grace.reference, Relationship.CHILD)


def test_a_person_in_two_cases_shows_the_newest_first(
    store: Store, officer: OfficerView, grace: CaseView
) -> None:
    later = record(
        store,
        officer,
        approach_for("Okafor", "Grace", date(1990, 3, 2), approached_on=date(2026, 11, 20)),
        existing_person_id=grace.applicant_person_id,
    )
    hits = search(store, officer, "okafor").hits
    assert [hit.case_reference for hit in hits] == [later.reference, grace.reference]


def test_nothing_found_is_an_empty_answer_not_an_error(store: Store, grace: CaseView) -> None:
    assert search(store, current_officer(store), "zzyzx").hits == ()
    assert search(store, current_officer(store), "").kind is None


def test_references_are_made_in_the_published_shape() -> None:
    reference = new_case_reference(date(2026, 3, 2))
    assert reference[:5] == "HO26-" and reference[9] == "-" and len(reference) == 14
    assert not set(reference[5:]) & set("ILOU")


def test_a_typed_reference_is_read_in_the_stored_shape() -> None:
    assert reference_prefix("ho267k3m9qxa") == "HO26-7K3M-9QXA"
    assert reference_prefix("HO26 7K") == "HO26-7K"
    assert reference_prefix("HO26-") == "HO26-"


def test_a_previous_family_name_recorded_at_approach_finds_the_person(
    store: Store, officer: OfficerView
) -> None:
    approach = approach_for("Adeyemi", "Grace")
    applicant = replace(approach.applicant, previous_family_names=("Okafor", " "))
    record(store, officer, replace(approach, applicant=applicant))
    assert [hit.name for hit in search(store, officer, "okafor gr").hits] == ["ADEYEMI, Grace"]


def test_a_previous_family_name_without_letters_is_refused(
    store: Store, officer: OfficerView
) -> None:
    approach = approach_for("Adeyemi", "Grace")
    applicant = replace(approach.applicant, previous_family_names=("1234",))
    with pytest.raises(InvalidInput, match="is not a family name"):
        record(store, officer, replace(approach, applicant=applicant))


def test_a_name_matching_hundreds_of_people_still_answers_with_a_page_of_them(
    store: Store,
) -> None:
    from hoclient.models import Person

    with store.begin() as session:
        session.add_all(
            Person(family_name=f"Marsh{number}", given_names="Sam") for number in range(600)
        )
    hits = search(store, current_officer(store), "mar").hits
    assert len(hits) == 100
    assert all(hit.name.startswith("MARSH") for hit in hits)
