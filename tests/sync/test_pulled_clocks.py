"""Rows pulled from the centre bring their derived rows with them: a decision recorded on one
laptop shows its statutory clocks on every laptop that receives it."""

from sqlalchemy import select

from hoclient.models import CaseClock
from hoclient.store.handle import Store
from tests.services.duty_helpers import day, decide
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptops


def clocks(store: Store) -> list[tuple[str, object, object]]:
    with store.begin() as session:
        return sorted(
            (clock.kind, clock.due_on, clock.shown_from)
            for clock in session.scalars(select(CaseClock))
        )


def test_a_decision_made_on_one_laptop_brings_its_deadlines_to_the_other(
    laptops: Laptops,
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    decide(first.store, first.officer, case.case_id, "application", day(4))
    decide(first.store, first.officer, case.case_id, "relief_duty_accepted", day(4))
    assert clocks(first.store), "the relief duty runs a clock"
    first.sync()
    second.sync()
    assert clocks(second.store) == clocks(first.store)


def test_a_case_arriving_whole_arrives_with_its_deadlines(laptops: Laptops) -> None:
    laptops.officer("grace")
    first = laptops.enrolled("grace")
    case = record(first.store, first.officer, approach_for())
    decide(first.store, first.officer, case.case_id, "application", day(4))
    decide(first.store, first.officer, case.case_id, "relief_duty_accepted", day(4))
    first.sync()
    laptops.officer("kofi")
    second = laptops.enrolled("kofi")  # its first sync brings the team's cases whole
    assert clocks(second.store) == clocks(first.store) != []
