"""Demo data: the counts asked for, coherent households, fictional and reproducible."""

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.casework.identity import age_on, ni_number_problem, postcode_key, postcode_problem
from hoclient.cli import main
from hoclient.models import (
    CaseNote,
    HouseholdMember,
    HousingCase,
    ImmigrationStatus,
    Officer,
    Person,
    PersonPreviousName,
    Team,
)
from hoclient.services.caseload import CaseloadQuery, caseload_count
from hoclient.services.clock import LONDON
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.services.store_status import store_counts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from hoclient.vocabulary import CaseStatus, Relationship, Role
from tests.conftest import TODAY

# Noon in London on the tests' fixed day, so every date in the data is measured from TODAY.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def fill(
    store: Store, persons: int, cases: int, seed: int = 7, **options: object
) -> tuple[int, list[str]]:
    """The exit code, and the lines reported."""
    lines: list[str] = []
    code = fill_with_demo_data(
        store,
        persons=persons,
        cases=cases,
        seed=seed,
        report=lines.append,
        now=NOW,
        **options,  # type: ignore[arg-type]
    )
    return code, lines


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Store]:
    """One demo store for the tests that only read it: 240 persons in 60 cases."""
    path = tmp_path_factory.mktemp("demo") / "store.sqlite"
    shutil.copyfile(migrated_template, path)
    opened = open_store(path)
    assert fill(opened, persons=240, cases=60)[0] == 0
    yield opened
    opened.close()


def names_in(store: Store) -> list[tuple[str, str, date | None]]:
    with store.begin() as session:
        rows = session.execute(
            select(Person.given_names, Person.family_name, Person.date_of_birth)
        ).all()
    return sorted((given, family, born_on) for given, family, born_on in rows)


def count(store: Store, model: type) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_exactly_the_persons_and_cases_asked_for_are_made(demo: Store) -> None:
    counts = store_counts(demo)
    assert (counts.persons, counts.cases) == (240, 60)
    assert count(demo, Team) == 3
    assert count(demo, Officer) == 12 + 2  # and the demo street count's two volunteers
    assert count(demo, CaseNote) >= 60


def test_every_case_has_exactly_one_applicant_and_everyone_is_in_a_household(demo: Store) -> None:
    with demo.begin() as session:
        applicants = session.execute(
            select(HouseholdMember.case_id, func.count())
            .where(HouseholdMember.relationship_to_applicant == Relationship.APPLICANT)
            .group_by(HouseholdMember.case_id)
        ).all()
        homeless_people = session.scalar(
            select(func.count())
            .select_from(Person)
            .where(~Person.id.in_(select(HouseholdMember.person_id)))
        )
    assert len(applicants) == 60
    assert {applicants_in_case for _, applicants_in_case in applicants} == {1}
    assert homeless_people == 0


def test_some_applicants_come_back_with_a_second_case(demo: Store) -> None:
    with demo.begin() as session:
        in_two_cases = session.scalars(
            select(HouseholdMember.person_id)
            .group_by(HouseholdMember.person_id)
            .having(func.count() == 2)
        ).all()
    assert in_two_cases


def test_children_are_at_least_16_years_younger_than_the_applicant(demo: Store) -> None:
    applicant = Person.__table__.alias("applicant")
    applicant_member = HouseholdMember.__table__.alias("applicant_member")
    with demo.begin() as session:
        rows = session.execute(
            select(
                Person.date_of_birth,
                applicant.c.date_of_birth,
                HousingCase.approached_on,
                HouseholdMember.dependent_child,
            )
            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
            .join(HousingCase, HousingCase.id == HouseholdMember.case_id)
            .join(applicant_member, applicant_member.c.case_id == HousingCase.id)
            .join(applicant, applicant.c.id == applicant_member.c.person_id)
            .where(
                HouseholdMember.relationship_to_applicant == Relationship.CHILD,
                applicant_member.c.relationship_to_applicant == "APPLICANT",
            )
        ).all()
    assert rows, "the demo households include children"
    for child_born_on, parent_born_on, approached_on, dependent in rows:
        if child_born_on is None:  # a grown-up son or daughter, born on a date not known
            assert not dependent
            continue
        assert child_born_on <= approached_on
        if parent_born_on is not None:
            assert age_on(parent_born_on, child_born_on) >= 16
        if age_on(child_born_on, approached_on) < 16:
            assert dependent, "a child under 16 is a dependent child"


def test_expected_due_dates_go_only_with_pregnancies(demo: Store) -> None:
    with demo.begin() as session:
        members = session.scalars(select(HouseholdMember)).all()
    assert all(m.pregnant == (m.expected_due_on is not None) for m in members)


def test_ni_numbers_are_valid_and_unique(demo: Store) -> None:
    with demo.begin() as session:
        numbers = [number for number in session.scalars(select(Person.ni_number)) if number]
    assert len(numbers) > 60, "most adults have an NI number"
    assert len(set(numbers)) == len(numbers)
    assert [number for number in numbers if ni_number_problem(number)] == []


def test_postcodes_are_uk_postcodes_in_display_form_with_their_search_keys(demo: Store) -> None:
    with demo.begin() as session:
        pairs = session.execute(select(Person.postcode, Person.postcode_key)).all()
    assert any(postcode for postcode, _ in pairs)
    for postcode, key in pairs:
        if postcode is None:
            assert key is None
            continue
        assert postcode_problem(postcode) is None
        assert key == postcode_key(postcode)
        assert postcode[-4] == " "


def test_contact_details_are_reserved_for_fiction(demo: Store) -> None:
    with demo.begin() as session:
        phones = {phone for phone in session.scalars(select(Person.phone)) if phone}
        emails = {email for email in session.scalars(select(Person.email)) if email}
    assert phones
    assert emails
    # Ofcom's drama ranges and RFC 2606's example domains.
    assert all(p[:9] in ("07700 900", "020 7946 ", "0113 496 ") for p in phones)
    assert all(e.rsplit("@", 1)[1] in ("example.org", "example.com", "example.net") for e in emails)


def test_immigration_statuses_are_placeholders_labelled_as_demo(demo: Store) -> None:
    with demo.begin() as session:
        labels = session.scalars(select(ImmigrationStatus.label)).all()
    assert labels
    assert all(label.startswith("Demo status") and "replace" in label for label in labels)


def test_cases_are_dated_within_three_years_and_only_closed_cases_have_closing_dates(
    demo: Store,
) -> None:
    with demo.begin() as session:
        cases = session.scalars(select(HousingCase)).all()
    assert {case.status for case in cases} == {CaseStatus.OPEN, CaseStatus.CLOSED}
    for case in cases:
        assert TODAY - timedelta(days=3 * 366) <= case.approached_on <= TODAY
        if case.status is CaseStatus.CLOSED:
            assert case.closed_on is not None
            assert case.approached_on <= case.closed_on <= TODAY
        else:
            assert case.closed_on is None
        assert case.reference.startswith(f"HO{case.approached_on.year % 100:02d}-")
    assert len({case.reference for case in cases}) == len(cases)


def test_notes_are_by_the_cases_officer_from_the_approach_on(demo: Store) -> None:
    with demo.begin() as session:
        rows = session.execute(
            select(CaseNote, HousingCase).join(HousingCase, HousingCase.id == CaseNote.case_id)
        ).all()
    for note, case in rows:
        assert note.author_id == case.assigned_officer_id
        assert note.created_at.tzinfo is not None
        assert note.created_at.astimezone(LONDON).date() >= case.approached_on
        assert note.created_at <= NOW


def test_some_people_have_previous_names(demo: Store) -> None:
    assert count(demo, PersonPreviousName) >= 1


def test_the_laptop_works_as_a_demo_officer_with_a_lively_caseload(demo: Store) -> None:
    officer = current_officer(demo)
    assert officer.role is Role.OFFICER
    assert officer.team_name == "Housing Options North"
    mine = caseload_count(demo, officer, CaseloadQuery(status=None))
    assert mine >= 30
    assert caseload_count(demo, officer, CaseloadQuery()) > 0, "some of them open"


def test_a_demo_person_is_found_by_part_of_their_surname(demo: Store) -> None:
    with demo.begin() as session:
        person = session.scalars(select(Person).order_by(Person.family_name)).first()
    assert person is not None
    result = search(demo, current_officer(demo), person.family_name[:3], limit=1000)
    assert person.id in {hit.person_id for hit in result.hits}


def test_the_same_seed_makes_the_same_people(store: Store, tmp_path: Path) -> None:
    other = open_store(tmp_path / "other.sqlite")
    different = open_store(tmp_path / "different.sqlite")
    try:
        fill(store, persons=50, cases=20, seed=11)
        fill(other, persons=50, cases=20, seed=11)
        fill(different, persons=50, cases=20, seed=12)
        assert names_in(store) == names_in(other)
        assert names_in(store) != names_in(different)
    finally:
        other.close()
        different.close()


def test_fewer_persons_than_cases_is_refused_and_nothing_is_written(store: Store) -> None:
    code, lines = fill(store, persons=9, cases=10)
    assert code == 2
    assert "10 cases need at least 10 persons" in lines[0]
    assert (store_counts(store).cases, count(store, Officer), count(store, Team)) == (0, 0, 0)


def test_as_many_persons_as_cases_makes_every_household_one_person(store: Store) -> None:
    assert fill(store, persons=40, cases=40)[0] == 0
    counts = store_counts(store)
    assert (counts.persons, counts.cases) == (40, 40)


def test_many_more_persons_than_cases_go_into_larger_households(store: Store) -> None:
    assert fill(store, persons=300, cases=30)[0] == 0
    assert store_counts(store).persons == 300
    assert count(store, HouseholdMember) >= 300


def test_if_empty_leaves_a_filled_store_as_it_is(demo: Store) -> None:
    before = store_counts(demo)
    assert fill(demo, persons=500, cases=100, only_if_empty=True) == (
        0,
        ["The store already holds 60 cases; left as it is."],
    )
    assert store_counts(demo) == before


def test_a_store_holding_cases_is_refused_without_if_empty(demo: Store) -> None:
    before = store_counts(demo)
    code, lines = fill(demo, persons=500, cases=100)
    assert code == 1
    assert "Demo data goes only into an empty store" in lines[0]
    assert store_counts(demo) == before


def test_a_store_the_app_has_opened_takes_demo_data_and_works_as_a_demo_officer(
    store: Store, officer: OfficerView
) -> None:
    assert fill(store, persons=30, cases=30)[0] == 0
    now_working_as = current_officer(store)
    assert now_working_as.id != officer.id
    assert caseload_count(store, now_working_as, CaseloadQuery(status=None)) == 30


def test_an_interrupted_fill_leaves_the_store_as_it_was(store: Store) -> None:
    def interrupt_half_way(line: str) -> None:
        if "(50%)" in line:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fill_with_demo_data(
            store, persons=100, cases=20, seed=1, report=interrupt_half_way, now=NOW
        )
    counts = store_counts(store)
    assert (counts.persons, counts.cases, counts.notes) == (0, 0, 0)
    assert count(store, Officer) == 0


def test_hoclient_demo_fills_the_store_named(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["demo", "--db", str(store_path), "--persons", "45", "--cases", "15"])
    assert code == 0
    out = capsys.readouterr().out
    assert "Made 45 persons in 15 cases for 3 teams and 12 officers" in out
    assert str(store_path) in out


def test_hoclient_demo_refuses_fewer_persons_than_cases(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", str(store_path), "--persons", "3", "--cases", "4"]) == 2
    assert "need at least 4 persons" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "message"), [("0", "0 must be 1 or more"), ("abc", "'abc' is not a whole number")]
)
def test_hoclient_demo_explains_a_bad_number_without_a_traceback(
    store_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--db", str(store_path), "--persons", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
