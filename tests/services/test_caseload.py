"""My caseload: the officer's cases, sorted and filtered by the database, paged without gaps."""

from dataclasses import replace
from datetime import date

from sqlalchemy import update

from hoclient.models import HousingCase, Officer
from hoclient.services.caseload import (
    CaseloadQuery,
    CaseloadScope,
    CaseloadSort,
    caseload_count,
    caseload_page,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import CaseStatus, Role
from tests.services.helpers import approach_for, record

PEOPLE = [("Okafor", "Grace"), ("Nowak", "Piotr"), ("Adeyemi", "Tunde"), ("Byrne", "Siobhan")]


def _fill(store: Store, officer: OfficerView) -> None:
    for day, (family, given) in enumerate(PEOPLE, start=1):
        record(
            store,
            officer,
            approach_for(family, given, approached_on=date(2026, 10, day), postcode=f"M{day} 1AE"),
        )


def test_my_caseload_shows_newest_approaches_first(store: Store, officer: OfficerView) -> None:
    _fill(store, officer)
    rows = caseload_page(store, officer, CaseloadQuery(), 0, 50)
    assert [row.applicant_name for row in rows] == [
        "BYRNE, Siobhan",
        "ADEYEMI, Tunde",
        "NOWAK, Piotr",
        "OKAFOR, Grace",
    ]
    assert rows[0].household_size == 1
    assert caseload_count(store, officer, CaseloadQuery()) == 4


def test_sorting_by_applicant_is_alphabetical_either_way(
    store: Store, officer: OfficerView
) -> None:
    _fill(store, officer)
    query = CaseloadQuery(sort=CaseloadSort.APPLICANT, descending=False)
    names = [row.applicant_name for row in caseload_page(store, officer, query, 0, 50)]
    assert names == sorted(names)
    reverse = replace(query, descending=True)
    assert [row.applicant_name for row in caseload_page(store, officer, reverse, 0, 50)] == names[
        ::-1
    ]


def test_filtering_by_part_of_a_name_reference_or_postcode(
    store: Store, officer: OfficerView
) -> None:
    _fill(store, officer)
    by_name = caseload_page(store, officer, CaseloadQuery(text="now"), 0, 50)
    assert [row.applicant_name for row in by_name] == ["NOWAK, Piotr"]
    by_given = caseload_page(store, officer, CaseloadQuery(text="siob"), 0, 50)
    assert [row.applicant_name for row in by_given] == ["BYRNE, Siobhan"]
    by_postcode = caseload_page(store, officer, CaseloadQuery(text="m3"), 0, 50)
    assert [row.applicant_name for row in by_postcode] == ["ADEYEMI, Tunde"]
    reference = by_postcode[0].reference
    by_reference = caseload_page(store, officer, CaseloadQuery(text=reference.lower()), 0, 50)
    assert [row.reference for row in by_reference] == [reference]
    assert caseload_page(store, officer, CaseloadQuery(text="100%_"), 0, 50) == []


def test_closed_cases_leave_the_open_caseload(store: Store, officer: OfficerView) -> None:
    _fill(store, officer)
    with store.begin() as session:
        session.execute(
            update(HousingCase)
            .values(status=CaseStatus.CLOSED)
            .where(HousingCase.approached_on == date(2026, 10, 1))
        )
    assert caseload_count(store, officer, CaseloadQuery()) == 3
    closed = CaseloadQuery(status=CaseStatus.CLOSED)
    assert [r.applicant_name for r in caseload_page(store, officer, closed, 0, 9)] == [
        "OKAFOR, Grace"
    ]
    assert caseload_count(store, officer, CaseloadQuery(status=None)) == 4


def test_a_colleagues_cases_show_under_my_team_not_mine(store: Store, officer: OfficerView) -> None:
    _fill(store, officer)
    with store.begin() as session:
        colleague = Officer(
            display_name="Sam Colleague", role=Role.OFFICER, team_id=officer.team_id
        )
        session.add(colleague)
        session.flush()
        session.execute(
            update(HousingCase)
            .values(assigned_officer_id=colleague.id)
            .where(HousingCase.approached_on <= date(2026, 10, 2))
        )
    assert caseload_count(store, officer, CaseloadQuery(scope=CaseloadScope.MINE)) == 2
    assert caseload_count(store, officer, CaseloadQuery(scope=CaseloadScope.TEAM)) == 4
    assert caseload_count(store, officer, CaseloadQuery(scope=CaseloadScope.ALL)) == 4


def test_pages_join_up_with_no_row_twice_or_missing(store: Store, officer: OfficerView) -> None:
    for number in range(25):
        # Many cases on one day: the reference breaks the tie, so pages stay stable.
        record(
            store,
            officer,
            approach_for(f"Family{chr(65 + number)}", "Alex", approached_on=date(2026, 10, 1)),
        )
    seen = []
    for offset in range(0, 25, 7):
        seen += [row.case_id for row in caseload_page(store, officer, CaseloadQuery(), offset, 7)]
    assert len(seen) == len(set(seen)) == 25
