"""Property: laptops editing one case in any interleaving, synced in any order with cuts at any
step, end in the same state as the centre; the last edit of every field is in that state or in
a recorded conflict; and no note is lost or doubled."""

import contextlib
import itertools
import json
import shutil
import tempfile
from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hoclient.models import SyncConflict
from hoclient.server.app import create_app
from hoclient.server.central import open_central
from hoclient.services.case_notes import add_case_note
from tests.services.helpers import approach_for, record
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import Laptops
from tests.sync.test_faults import STEPS, Cut, cut_at
from tests.sync.test_sync import central_dump, dump, edit_case

LAPTOPS = 3
FIELDS = ("town", "referring_agency", "address_line_1")

edits = st.tuples(st.just("edit"), st.integers(0, LAPTOPS - 1), st.sampled_from(FIELDS))
notes = st.tuples(st.just("note"), st.integers(0, LAPTOPS - 1), st.just(""))
syncs = st.tuples(st.just("sync"), st.integers(0, LAPTOPS - 1), st.sampled_from([None, *STEPS]))
operations = st.lists(st.one_of(edits, notes, syncs), min_size=1, max_size=14)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=operations)
def test_any_interleaving_of_edits_and_cut_syncs_converges(
    plan: list[tuple[str, int, str | None]], migrated_template: Path, plain_migrated_template: Path
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copyfile(plain_migrated_template, Path(folder) / "central.sqlite")
        central = open_central(f"sqlite:///{Path(folder) / 'central.sqlite'}")
        transport = InProcessTransport(create_app(central))
        with httpx.Client(transport=transport, base_url="http://testserver") as client:
            laptops = Laptops(central, client, Path(folder), migrated_template)
            try:
                run_plan(laptops, plan)
            finally:
                laptops.close()
                central.close()


def run_plan(laptops: Laptops, plan: list[tuple[str, int, str | None]]) -> None:
    team = [laptops.enrolled(laptops.officer(f"officer{n}")) for n in range(LAPTOPS)]
    case = record(team[0].store, team[0].officer, approach_for())
    for laptop in team:
        laptop.sync()
    values = itertools.count(1)
    last_edit: dict[str, str] = {}
    notes_made = 0
    for action, who, detail in plan:
        laptop = team[who]
        if action == "edit":
            assert detail is not None
            value = f"value {next(values)}"
            edit_case(laptop, case.case_id, **{detail: value})
            last_edit[detail] = value
        elif action == "note":
            add_case_note(laptop.store, laptop.officer, case.case_id, f"note {next(values)}")
            notes_made += 1
        elif detail is None:
            laptop.sync()
        else:
            # The cut may fall after the last step this sync reaches: then it just finishes.
            with contextlib.suppress(Cut):
                laptop.sync(push_batch=1, page_rows=1, checkpoint=cut_at(detail, 1))
    for _round in range(2):  # the second round brings everyone the first round's conflicts
        for laptop in team:
            laptop.sync()

    final = dump(team[0])
    for laptop in team[1:]:
        assert dump(laptop) == final
    at_centre = central_dump(laptops.central)
    assert at_centre["housing_case"] == final["housing_case"]
    assert at_centre["sync_conflict"] == final["sync_conflict"]
    assert len(final["case_note"]) == notes_made

    (row,) = final["housing_case"]
    with team[0].store.begin() as session:
        recorded = {
            (conflict.field_name, json.loads(value))
            for conflict in session.scalars(select(SyncConflict))
            for value in (conflict.mine_value, conflict.theirs_value)
        }
    for field, value in last_edit.items():
        assert row[field] == value or (field, value) in recorded, (field, value)
