"""The clocks of many cases at once (sync's path, from plain rows) are exactly the clocks each
case gets on its own (a service's path, from the stored ORM records)."""

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.models import (
    CaseClockReplay,
    DecisionAuthorisation,
    DutyDecision,
    HousingCase,
)
from hoclient.services.case_clocks import (
    refresh_case_clocks,
    refresh_clocks_of_cases,
    refresh_every_case_clock,
)
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.store.handle import Store, open_store
from tests.services.test_demo_duties import stored_clocks

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

Rows = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("clocks-batch") / "store.sqlite"
    shutil.copyfile(migrated_template, path)
    opened = open_store(path)
    assert fill_with_demo_data(opened, persons=1200, cases=300, seed=29, now=NOW) == 0
    yield opened
    opened.close()


def stored(store: Store) -> Rows:
    """Every clock row and replay row, but the row id and when it was worked out."""
    with store.begin() as session:
        replays = sorted(
            (r.case_id.hex, r.replayed_from) for r in session.scalars(select(CaseClockReplay))
        )
    return stored_clocks(store), replays


def one_by_one(store: Store) -> Rows:
    with store.begin() as session:
        for case_id in session.scalars(select(HousingCase.id)):
            refresh_case_clocks(session, case_id)
    return stored(store)


def test_the_demo_covers_what_makes_a_history_more_than_its_records(demo: Store) -> None:
    with demo.begin() as session:
        needing = session.scalar(
            select(func.count()).where(DutyDecision.needs_authorisation.is_(True))
        )
        authorised = session.scalar(select(func.count()).select_from(DecisionAuthorisation))
        reviews = session.scalar(
            select(func.count()).where(DutyDecision.refers_to_decision_id.is_not(None))
        )
    assert needing and authorised and reviews


def test_many_cases_at_once_get_the_clocks_each_gets_on_its_own(demo: Store) -> None:
    reference = one_by_one(demo)
    assert len(reference[0]) > 100 and len(reference[1]) > 100
    with demo.begin() as session:
        # Stale rows for every case first: the batch must replace them, not add to them.
        every_case = list(session.scalars(select(HousingCase.id)))
        refresh_clocks_of_cases(session, every_case)
    assert stored(demo) == reference
    with demo.begin() as session:
        refresh_every_case_clock(session)
    assert stored(demo) == reference


def test_a_batch_leaves_the_clocks_of_cases_it_was_not_given(demo: Store) -> None:
    reference = one_by_one(demo)
    with demo.begin() as session:
        every_case = sorted(session.scalars(select(HousingCase.id)))
        refresh_clocks_of_cases(session, every_case[: len(every_case) // 2])
    assert stored(demo) == reference
