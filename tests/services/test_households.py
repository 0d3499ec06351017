"""Adding household members: one applicant, nobody twice, nothing written on refusal."""

from datetime import date

import pytest

from hoclient.services.errors import InvalidInput, PossibleDuplicate
from hoclient.services.households import NewMember, add_household_member, household_of
from hoclient.services.persons import PersonDetails
from hoclient.services.store_status import store_counts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship, Sex
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record


def _child(given: str = "Tobi", born_on: date = date(2015, 1, 1), **options: object) -> NewMember:
    return NewMember(
        PersonDetails("Okafor", given, born_on, Sex.MALE),
        Relationship.CHILD,
        **options,  # type: ignore[arg-type]
    )


def test_a_member_joins_the_household_after_the_applicant(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    add_household_member(store, officer, case.case_id, _child(dependent_child=True), today=TODAY)
    applicant, child = household_of(store, officer, case.case_id, today=TODAY)
    assert applicant.relationship is Relationship.APPLICANT
    assert (child.name, child.age, child.dependent_child) == ("OKAFOR, Tobi", 11, True)


def test_a_second_applicant_is_refused_and_nothing_is_written(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    second_applicant = NewMember(PersonDetails("Nowak", "Piotr"), Relationship.APPLICANT)
    with pytest.raises(InvalidInput, match="already has its applicant"):
        add_household_member(store, officer, case.case_id, second_applicant, today=TODAY)
    assert len(household_of(store, officer, case.case_id, today=TODAY)) == 1
    assert store_counts(store).persons == 1


def test_the_database_itself_refuses_a_second_applicant(store: Store, officer: OfficerView) -> None:
    # The rule holds even for a writer that skips the service, e.g. a faulty import.
    from sqlalchemy.exc import IntegrityError

    from hoclient.models import HouseholdMember, Person

    case = record(store, officer, approach_for())
    with pytest.raises(IntegrityError), store.begin() as session:
        person = Person(family_name="Nowak", given_names="Piotr")
        session.add(person)
        session.flush()
        session.add(
            HouseholdMember(
                case_id=case.case_id,
                person_id=person.id,
                relationship_to_applicant=Relationship.APPLICANT,
            )
        )
    assert store_counts(store).persons == 1


def test_a_pregnancy_records_its_due_date(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    partner = NewMember(
        PersonDetails("Nowak", "Anna", date(1992, 5, 5), Sex.FEMALE),
        Relationship.PARTNER,
        pregnant=True,
        expected_due_on=date(2027, 3, 1),
    )
    add_household_member(store, officer, case.case_id, partner, today=TODAY)
    member = household_of(store, officer, case.case_id, today=TODAY)[1]
    assert (member.pregnant, member.expected_due_on) == (True, date(2027, 3, 1))


def test_a_due_date_without_a_pregnancy_is_refused(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    with pytest.raises(InvalidInput, match="only recorded for someone who is pregnant"):
        add_household_member(
            store, officer, case.case_id, _child(expected_due_on=date(2027, 3, 1)), today=TODAY
        )


def test_an_adult_marked_as_a_dependent_child_is_questioned(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    with pytest.raises(InvalidInput, match="dependent child is under 19"):
        add_household_member(
            store,
            officer,
            case.case_id,
            _child(born_on=date(2000, 1, 1), dependent_child=True),
            today=TODAY,
        )


def test_someone_already_on_record_is_offered_before_a_duplicate_is_made(
    store: Store, officer: OfficerView
) -> None:
    first = record(store, officer, approach_for())
    add_household_member(store, officer, first.case_id, _child(), today=TODAY)
    second = record(store, officer, approach_for("Nowak", "Anna"))
    with pytest.raises(PossibleDuplicate) as flagged:
        add_household_member(store, officer, second.case_id, _child(), today=TODAY)
    [tobi] = flagged.value.matches
    add_household_member(
        store, officer, second.case_id, _child(), today=TODAY, existing_person_id=tobi.person_id
    )
    assert store_counts(store).persons == 3


def test_the_same_person_cannot_join_one_household_twice(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    tobi = add_household_member(store, officer, case.case_id, _child(), today=TODAY)
    with pytest.raises(InvalidInput, match="already in the household"):
        add_household_member(
            store, officer, case.case_id, _child(), today=TODAY, existing_person_id=tobi.person_id
        )
