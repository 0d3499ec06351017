"""A sync cut at any step - before sending, after the centre committed but before its answer,
mid-pull, before the laptop's commit - loses nothing and duplicates nothing: the next sync
ends with the laptops and the centre equal."""

import pytest
from sqlalchemy import func, select

from hoclient.models import HousingCase, SyncOutbox
from hoclient.server.central import Central
from hoclient.services.case_notes import add_case_note
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptop, Laptops
from tests.sync.test_sync import central_dump, dump, edit_case

STEPS = [
    "push: before send",
    "push: answer received",  # the centre committed; the answer never arrived
    "push: before local commit",
    "pull: before request",
    "pull: page received",  # mid-pull: some pages in, this one lost
    "pull: before local commit",
]


class Cut(Exception):
    pass


def cut_at(step: str, hit: int) -> object:
    seen = 0

    def checkpoint(reached: str) -> None:
        nonlocal seen
        if reached == step:
            seen += 1
            if seen == hit:
                raise Cut(step)

    return checkpoint


def busy_day(grace: Laptop, kofi: Laptop) -> None:
    """Both officers work offline: new cases, notes, and edits of the same case."""
    shared = record(grace.store, grace.officer, approach_for("Okafor", "Grace"))
    grace.sync()
    kofi.sync()
    for family in ("Mensah", "Begum", "Novak"):
        case = record(kofi.store, kofi.officer, approach_for(family, "Sam"))
        add_case_note(kofi.store, kofi.officer, case.case_id, f"Met {family} at the surgery.")
    edit_case(kofi, shared.case_id, town="York", referring_agency="Shelter")
    edit_case(grace, shared.case_id, town="Leeds")
    add_case_note(grace.store, grace.officer, shared.case_id, "Landlord rang back.")


@pytest.mark.parametrize("hit", [1, 2])
@pytest.mark.parametrize("step", STEPS)
def test_a_sync_cut_at_any_step_converges_on_the_next(
    laptops: Laptops, central: Central, step: str, hit: int
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    busy_day(grace, kofi)
    grace.sync()
    # Small batches and pages, so a cut can fall between two of them.
    with pytest.raises(Cut):
        kofi.sync(push_batch=3, page_rows=2, checkpoint=cut_at(step, hit))
    kofi.sync()
    grace.sync()
    kofi.sync()

    assert dump(grace) == dump(kofi)
    everything = central_dump(central)
    for table, rows in dump(kofi).items():
        assert rows == [row for row in everything[table] if row in rows], table
    # Nothing lost: four cases, four notes, the edits and the conflict; nothing twice.
    assert len(everything["housing_case"]) == 4
    assert len(everything["case_note"]) == 4
    assert len(everything["sync_conflict"]) == 1
    for laptop in (grace, kofi):
        with laptop.store.begin() as session:
            assert session.scalar(select(func.count()).select_from(SyncOutbox)) == 0
            towns = session.scalars(select(HousingCase.town).where(HousingCase.town.is_not(None)))
            assert list(towns) == ["Leeds"]
