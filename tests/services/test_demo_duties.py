"""Demo duty histories: every demo case's decisions replay lawfully, and its stored clocks are
the ones the services work out from those decisions."""

import random
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.casework.case_events import CaseHistory, Household, HouseholdMember
from hoclient.casework.case_history import replay
from hoclient.models import CaseClock, CaseClockReplay, DecisionAuthorisation, DutyDecision
from hoclient.services.case_clocks import clock_windows, refresh_every_case_clock
from hoclient.services.deadlines import deadlines
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.demo_duties import plan_demo_history
from hoclient.services.duty_history import many_case_decisions
from hoclient.services.officers import current_officer
from hoclient.store.handle import Store, open_store
from tests.conftest import TODAY

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo-duties") / "store.sqlite"
    shutil.copyfile(migrated_template, path)
    opened = open_store(path)
    assert fill_with_demo_data(opened, persons=1500, cases=300, seed=11, now=NOW) == 0
    yield opened
    opened.close()


def stored_clocks(store: Store) -> list[tuple[object, ...]]:
    with store.begin() as session:
        return sorted(
            (
                c.case_id.hex,
                c.kind,
                c.due_on,
                c.basis,
                c.decision_id.hex,
                c.shown_from,
                c.shown_until,
            )
            for c in session.scalars(select(CaseClock))
        )


def test_every_demo_history_replays_and_shows_duties_of_every_kind(demo: Store) -> None:
    duties: Counter[str] = Counter()
    with demo.begin() as session:
        for decisions in many_case_decisions(session):
            records = decisions.in_history()
            state = replay(decisions.history(records), TODAY)
            duties[state.duty.value] += 1
            assert all(r.decided_on <= TODAY for r in decisions.records)
        whats = set(session.scalars(select(DutyDecision.what).distinct()))
        authorised = session.scalar(select(func.count()).select_from(DecisionAuthorisation))
    assert {"prevention", "relief", "main", "ended", "no_duty"} <= set(duties)
    assert {"review_requested", "placement_started", "non_cooperation_notice"} <= whats
    assert authorised


def test_demo_clocks_are_those_the_services_work_out_from_the_decisions(demo: Store) -> None:
    before = stored_clocks(demo)
    with demo.begin() as session:
        cases = session.scalar(select(func.count()).select_from(CaseClockReplay))
        assert refresh_every_case_clock(session) == cases
    assert stored_clocks(demo) == before
    kinds = {row.kind for row in deadlines(demo, current_officer(demo), as_of=TODAY)}
    assert len(kinds) >= 3


def test_adverse_demo_decisions_give_their_reasons(demo: Store) -> None:
    with demo.begin() as session:
        unreasoned = session.scalar(
            select(func.count())
            .select_from(DutyDecision)
            .where(
                DutyDecision.what.in_(["not_eligible", "no_duty", "relief_duty_ended"]),
                DutyDecision.reasons.is_(None),
            )
        )
    assert unreasoned == 0


def test_a_closed_case_s_story_ends_its_duties_by_the_closing_day() -> None:
    household = Household(HouseholdMember("applicant", date(1990, 1, 1)))
    for seed in range(200):
        demo = plan_demo_history(
            random.Random(seed),
            approached_on=date(2025, 1, 6),
            closed_on=date(2025, 4, 1),
            today=TODAY,
            household=household,
            authorised_before=TODAY,
        )
        if demo is None:
            continue
        assert demo.history.events[-1].on <= date(2025, 4, 1)
        state = replay(demo.history, date(2025, 4, 1))
        assert state.duty.value in {"ended", "no_duty", "s190", "s193c", "none"}, seed


def test_a_notice_no_second_officer_has_authorised_ends_the_story_outside_the_history() -> None:
    household = Household(HouseholdMember("applicant", date(1990, 1, 1)))
    waiting = 0
    for seed in range(400):
        demo = plan_demo_history(
            random.Random(seed),
            approached_on=date(2025, 1, 6),
            closed_on=None,
            today=TODAY,
            household=household,
            authorised_before=None,  # an enrolled laptop: nobody to authorise it
        )
        if demo is None or not demo.pending:
            continue
        waiting += 1
        *counted, notice = demo.history.events
        assert type(notice).__name__ == "NonCooperationNotice"
        assert demo.replayed_from == counted[-1].on
        without = CaseHistory(household, tuple(counted))
        assert demo.windows == tuple(clock_windows(without))
    assert waiting
