"""Case bundles: a case carried between laptops with no network goes through a merge like
sync's - importing twice changes nothing; an edit both made becomes a recorded conflict."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.cli import main
from hoclient.models import AuditEvent, SyncOutbox
from hoclient.server.central import Central
from hoclient.services.case_notes import add_case_note
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.services.sync_status import list_conflicts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.bundle import BundleError, export_bundle, import_bundle
from tests.services.duty_helpers import day, decide
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptop, Laptops
from tests.sync.test_pulled_clocks import clocks
from tests.sync.test_sync import central_dump, dump, edit_case

CASE_TABLES = ("housing_case", "household_member", "person", "case_note", "duty_decision")


def outbox(store: Store) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(SyncOutbox)) or 0


def carry(source: Laptop, target: Laptop, reference: str, tmp_path: Path) -> object:
    path = tmp_path / f"{reference}.json"
    export_bundle(source.store, reference, path)
    return import_bundle(target.store, path, after_apply=refresh_derived_rows)


def test_a_case_made_offline_reaches_another_laptop_whole_and_once(
    laptops: Laptops, central: Central, tmp_path: Path
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())  # at a surgery: no network
    add_case_note(first.store, first.officer, case.case_id, "Seen at the library surgery.")
    decide(first.store, first.officer, case.case_id, "application", day(4))
    decide(first.store, first.officer, case.case_id, "relief_duty_accepted", day(4))

    carry(first, second, case.reference, tmp_path)
    for table in CASE_TABLES:
        assert dump(second)[table] == dump(first)[table], table
    assert clocks(second.store) == clocks(first.store) != []
    before = (dump(second), outbox(second.store))
    carry(first, second, case.reference, tmp_path)
    assert (dump(second), outbox(second.store)) == before  # twice changes nothing

    # Each laptop sends only its own officer's changes; the pulls bring both to the centre's.
    assert not second.sync().refused
    assert not first.sync().refused
    second.sync()
    assert dump(first) == dump(second) == central_dump(central)
    assert len(central_dump(central)["case_note"]) == 1


def test_an_edit_both_laptops_made_becomes_a_conflict_and_the_rest_merges(
    laptops: Laptops, central: Central, tmp_path: Path
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds", referring_agency="Shelter")
    edit_case(second, case.case_id, town="York")

    result = carry(first, second, case.reference, tmp_path)
    (conflict,) = list_conflicts(second.store, second.officer)
    assert (conflict.field, conflict.case_reference) == ("town", case.reference)
    assert conflict.as_json()["mine"]["value"] == "York"
    assert conflict.as_json()["theirs"]["value"] == "Leeds"
    (row,) = dump(second)["housing_case"]
    # The conflicting field stays as this laptop has it; the other edit is taken.
    assert (row["town"], row["referring_agency"]) == ("York", "Shelter")
    assert result.conflicts == 1  # type: ignore[attr-defined]
    carry(first, second, case.reference, tmp_path)
    assert len(list_conflicts(second.store, second.officer)) == 1

    for laptop in (second, first, second):
        assert not laptop.sync().refused
    assert dump(first)["housing_case"] == dump(second)["housing_case"]
    assert dump(second)["housing_case"][0]["town"] == "York"  # the first to the centre


def test_a_field_only_the_bundles_laptop_changed_is_taken(laptops: Laptops, tmp_path: Path) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds")
    edit_case(second, case.case_id, referring_agency="Shelter")
    carry(first, second, case.reference, tmp_path)
    (row,) = dump(second)["housing_case"]
    assert (row["town"], row["referring_agency"]) == ("Leeds", "Shelter")
    assert list_conflicts(second.store, second.officer) == []
    for laptop in (second, first, second):
        assert not laptop.sync().refused
    assert dump(first)["housing_case"] == dump(second)["housing_case"]
    (row,) = dump(first)["housing_case"]
    assert (row["town"], row["referring_agency"]) == ("Leeds", "Shelter")


def run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return main(list(argv))


def test_bundle_commands_carry_a_case_between_two_stores(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    store: Store,
    officer: OfficerView,
    tmp_path: Path,
) -> None:
    case = record(store, officer, approach_for())
    out = tmp_path / "case.json"
    other = tmp_path / "other.sqlite"
    assert run(monkeypatch, "demo", "--db", str(other), "--persons", "4", "--cases", "2") == 0
    store.close()
    exported = run(
        monkeypatch,
        "bundle",
        "export",
        "--db",
        str(store.path),
        "--case",
        case.reference,
        "--out",
        str(out),
    )
    assert exported == 0
    assert json.loads(out.read_text())["format"] == "hoclient.case-bundle/1"
    assert run(monkeypatch, "bundle", "import", str(out), "--db", str(other)) == 0
    assert run(monkeypatch, "bundle", "import", str(out), "--db", str(other)) == 0
    output = capsys.readouterr().out
    assert f"{case.reference}: 0 record(s) added, 0 updated" in output  # the second time


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        json.dumps({"format": "something-else/1"}),
        json.dumps(
            {
                "format": "hoclient.case-bundle/1",
                "case": {"reference": "HO-1"},
                "rows": {"person": [{"id": "not-a-uuid"}]},
                "server_versions": {},
                "changes": [],
            }
        ),
    ],
)
def test_a_bad_bundle_is_refused_with_exit_2_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    store: Store,
    officer: OfficerView,
    tmp_path: Path,
    content: str,
) -> None:
    record(store, officer, approach_for())
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with store.engine.connect() as connection:
        from hoclient.sync.dump import dump_synced_rows

        before = dump_synced_rows(connection)
    with pytest.raises(BundleError, match="case bundle"):
        import_bundle(store, bad)
    store.close()
    assert run(monkeypatch, "bundle", "import", str(bad), "--db", str(store.path)) == 2
    assert "hoclient: " in capsys.readouterr().err
    with store.engine.connect() as connection:
        assert dump_synced_rows(connection) == before


def test_exporting_a_case_not_on_the_laptop_says_so(store: Store, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="There is no case HO-404 on this laptop"):
        export_bundle(store, "HO-404", tmp_path / "x.json")


def test_a_bundle_carries_no_audit_trail(laptops: Laptops, tmp_path: Path) -> None:
    # A laptop holds only the trail it wrote: the other laptop's events about the case (its
    # creation, each change) reach the centre from that laptop, never through a bundle.
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    add_case_note(first.store, first.officer, case.case_id, "Seen at the library surgery.")
    with first.store.begin() as session:
        assert session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.case_id == case.case_id)
        )

    carry(first, second, case.reference, tmp_path)

    with second.store.begin() as session:
        carried = session.scalars(
            select(AuditEvent).where(AuditEvent.officer_id == first.officer.id)
        ).all()
    assert carried == []
    assert dump(second)["case_note"] == dump(first)["case_note"] != []
