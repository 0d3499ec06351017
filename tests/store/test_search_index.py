"""The FTS5 name index follows every change to a person, whoever makes it."""

from datetime import date

from sqlalchemy import delete, update

from hoclient.models import Person, PersonPreviousName
from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.store.handle import Store, open_store
from hoclient.store.search_index import name_match_expression, rebuild_search_index


def _add_person(store: Store, family: str, given: str) -> Person:
    with store.begin() as session:
        person = Person(family_name=family, given_names=given, date_of_birth=date(1980, 1, 1))
        session.add(person)
    return person


def _names_found(store: Store, typed: str) -> list[str]:
    return [hit.name for hit in search(store, current_officer(store), typed).hits]


def test_a_new_person_is_findable_at_once(store: Store) -> None:
    _add_person(store, "Okafor", "Grace")
    assert _names_found(store, "oka") == ["OKAFOR, Grace"]


def test_a_renamed_person_is_found_by_the_new_name_only(store: Store) -> None:
    person = _add_person(store, "Okafor", "Grace")
    with store.begin() as session:
        session.execute(update(Person).where(Person.id == person.id).values(family_name="Adeyemi"))
    assert _names_found(store, "adeye") == ["ADEYEMI, Grace"]
    assert _names_found(store, "okafor") == []


def test_a_previous_name_finds_the_person(store: Store) -> None:
    person = _add_person(store, "Adeyemi", "Grace")
    with store.begin() as session:
        session.add(
            PersonPreviousName(person_id=person.id, family_name="Okafor", given_names="Grace")
        )
    assert _names_found(store, "okafor grace") == ["ADEYEMI, Grace"]


def test_a_withdrawn_previous_name_no_longer_finds_the_person(store: Store) -> None:
    person = _add_person(store, "Adeyemi", "Grace")
    with store.begin() as session:
        previous = PersonPreviousName(person_id=person.id, family_name="Okafor", given_names="G")
        session.add(previous)
    with store.begin() as session:
        session.execute(
            update(PersonPreviousName)
            .where(PersonPreviousName.id == previous.id)
            .values(deleted_at=person.created_at)
        )
    assert _names_found(store, "okafor") == []


def test_a_removed_person_leaves_the_index(store: Store) -> None:
    person = _add_person(store, "Okafor", "Grace")
    with store.begin() as session:
        session.execute(delete(Person).where(Person.id == person.id))
    assert _names_found(store, "okafor") == []


def test_search_ignores_case_and_accents(store: Store) -> None:
    _add_person(store, "Brontë", "Zoë")
    assert _names_found(store, "ZOE bronte") == ["BRONTË, Zoë"]


def test_a_rebuilt_index_finds_the_same_people(store: Store) -> None:
    _add_person(store, "Okafor", "Grace")
    _add_person(store, "Nowak", "Piotr")
    with store.engine.begin() as connection:
        rebuild_search_index(connection)
    assert _names_found(store, "no") == ["NOWAK, Piotr"]
    assert _names_found(store, "gr ok") == ["OKAFOR, Grace"]


def test_the_index_survives_reopening_the_store(store: Store) -> None:
    _add_person(store, "Okafor", "Grace")
    store.close()
    reopened = open_store(store.path)
    assert _names_found(reopened, "okaf") == ["OKAFOR, Grace"]
    reopened.close()


def test_typed_punctuation_is_never_read_as_search_syntax() -> None:
    assert name_match_expression('o"kafor AND (x') == '"o"* AND "kafor"* AND "AND"* AND "x"*'
    assert name_match_expression("  -- ") is None
