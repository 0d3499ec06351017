"""Case bundles: one case carried between laptops on a stick, for a surgery with no network
(DESIGN.md, Sync; issue 6 item 4).

A bundle (`hoclient.case-bundle/1`, JSON) holds the case's rows as sync carries them: every row
of the case, of its people and the rows they point at, in the sync codec's form; the centre's
version of each as the exporting laptop last received it; and the exporting laptop's changes
to them still waiting in its outbox (change ids, fields, base versions).

Importing merges field by field, as the centre does, using the bundle's pending changes to
know which fields its laptop changed:
- a row the laptop lacks is added, as a pulled row is (no outbox entry of its own);
- a field only the bundle's laptop changed takes the bundle's value;
- a field only this laptop changed keeps this laptop's value;
- a field both changed, to different values, stays as this laptop has it and becomes a
  recorded conflict (mine: this laptop's value; theirs: the bundle's), which syncs like any;
- a field neither changed takes the side that saw the newer version at the centre.
The bundle's changes are not sent on from this laptop: the centre takes a change only from a
device of the officer who made it (hoclient.server.apply), so each laptop delivers its own, and
the next pulls bring both laptops to the centre's values. Importing the same bundle twice
changes nothing, and a bad file changes nothing at all.

On an enrolled laptop the bundle is sealed with the council's bundle key (AES-256-GCM,
hoclient.sync.bundle_seal), which every casework laptop of the council gets at enrolment and
keeps in the OS keyring. A store that is not enrolled (a demo or development store) has no
key and writes the plain bundle, and says so (`ExportResult.sealed`). An enrolled laptop that
has not yet received the key (enrolled before there was one) refuses to export until a sync
brings it, rather than put real casework on a stick in the clear.
"""

import json
import os
import tempfile
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hoclient.models import SyncConflict, SyncOutbox, SyncRowState
from hoclient.models.sync_codec import (
    BOOKKEEPING,
    PUSH_ONLY_TABLES,
    decode_fields,
    encode,
    encode_row,
    synced_tables,
    table_of,
)
from hoclient.models.types import utc_now
from hoclient.server.protocol import Change, Row
from hoclient.server.scope import scope_of
from hoclient.store.handle import Store
from hoclient.sync.apply import cases_touched
from hoclient.sync.bundle_seal import SealError, is_sealed, seal, unseal
from hoclient.sync.credentials import NoBundleKey, load_bundle_key
from hoclient.sync.engine import AfterApply
from hoclient.sync.settings import read_device_id, read_setting

FORMAT = "hoclient.case-bundle/1"
# Written by hoclient.services.officers (above sync in the layers): who works on this laptop.
CURRENT_OFFICER = "current_officer_id"
_ID_BATCH = 500
_outbox = table_of(SyncOutbox)
_row_state = table_of(SyncRowState)


class BundleError(Exception):
    """The bundle cannot be made or read; its message is what the officer reads."""


@dataclass(frozen=True)
class ExportResult:
    rows: int  # records written
    sealed: bool  # False: a store that is not enrolled wrote the bundle in the clear


NOT_SEALED_WARNING = (
    "NOT encrypted: this laptop is not enrolled with a sync service, so it has no case-bundle "
    "key. Anyone with the file can read the personal data in it: keep it safe and delete it "
    "once imported."
)


@dataclass(frozen=True)
class BundleResult:
    reference: str
    added: int  # rows this laptop did not hold
    updated: int  # rows that took values from the bundle
    conflicts: int  # fields both sides changed, now recorded conflicts
    sealed: bool = False  # the file was encrypted with the council's bundle key

    def summary(self) -> str:
        return (
            f"{self.reference}: {self.added} record(s) added, {self.updated} updated, "
            f"{self.conflicts} conflict(s) to resolve."
        )


def export_bundle(store: Store, reference: str, path: Path) -> ExportResult:
    """Write the case `reference` to `path` as a bundle, sealed if this laptop is enrolled."""
    with store.engine.connect() as connection:
        enrolled = read_device_id(connection) is not None
        case_table = synced_tables()["housing_case"]
        case = connection.execute(
            select(case_table).where(case_table.c.reference == reference.strip().upper())
        ).first()
        if case is None:
            raise BundleError(f"There is no case {reference} on this laptop.")
        rows = _rows_of_case(connection, case.id)
        ids = {uuid.UUID(str(row["id"])) for table_rows in rows.values() for row in table_rows}
        bundle = {
            "format": FORMAT,
            "exported_at": utc_now().isoformat(),
            "case": {"id": str(case.id), "reference": case.reference},
            "rows": rows,
            "server_versions": _server_versions(connection, ids),
            "changes": _pending_changes(connection, ids),
        }
    plain = json.dumps(bundle, sort_keys=True, indent=1)
    key = _bundle_key(store) if enrolled else None
    if enrolled and key is None:
        raise BundleError(
            "This laptop is enrolled but has not yet received the council's case-bundle key, "
            "so it cannot encrypt the bundle: sync it once, then export again."
        )
    _write_atomically(path, seal(plain, key) if key is not None else plain)
    return ExportResult(sum(len(table_rows) for table_rows in rows.values()), key is not None)


def import_bundle(
    store: Store, path: Path, *, after_apply: AfterApply | None = None
) -> BundleResult:
    """Merge the bundle at `path` into this laptop's store, in one transaction."""
    bundle = _read(store, path)
    try:
        with store.engine.begin() as connection:
            officer = read_setting(connection, CURRENT_OFFICER)
            merge = _Merge(connection, uuid.UUID(officer) if officer else None, bundle)
            merge.run()
            if after_apply is not None:
                after_apply(connection, cases_touched(connection, bundle.rows))
    except IntegrityError as error:
        # Laptops of one council share the centre's ids; two stores made apart (two demo
        # stores) give different records the same case reference or team name.
        raise BundleError(
            f"{path} does not fit this laptop's records: it holds a record that clashes with a "
            f"different one here ({error.orig}). Bundles carry cases between laptops of one "
            "council's sync service, not between stores made apart. Nothing was changed."
        ) from None
    return BundleResult(
        bundle.reference, merge.added, merge.updated, merge.conflicts, bundle.sealed
    )


def _bundle_key(store: Store) -> bytes | None:
    """This laptop's copy of the council's bundle key; None if it has none (not enrolled, or
    enrolled before enrolment gave the key)."""
    with store.engine.connect() as connection:
        device_id = read_device_id(connection)
    if device_id is None:
        return None
    try:
        return load_bundle_key(device_id)
    except NoBundleKey as error:
        raise BundleError(str(error)) from error


@dataclass(frozen=True)
class _Bundle:
    reference: str
    rows: dict[str, list[Row]]
    decoded: dict[str, list[dict[str, Any]]]
    server_versions: dict[str, dict[uuid.UUID, int]]
    changes: list[Change]
    sealed: bool


def _read(store: Store, path: Path) -> _Bundle:
    """The bundle, opened with this laptop's key if sealed, every value checked before
    anything is written."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"There is no file {path}.") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BundleError(f"{path} is not a case bundle: {error}") from None
    sealed = is_sealed(raw)
    if sealed:
        try:
            raw = json.loads(unseal(raw, _bundle_key(store)))
        except SealError as error:
            raise BundleError(f"{path}: {error}") from None
        except ValueError:  # sealed by a holder of the key, yet not JSON: not ours
            raise BundleError(f"{path} is not a case bundle hoclient can read.") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleError(f"{path} is not a case bundle ({FORMAT}).")
    try:
        reference = raw["case"]["reference"]
        rows, versions, changes = raw["rows"], raw["server_versions"], raw["changes"]
        if not (
            isinstance(reference, str)
            and isinstance(rows, dict)
            and isinstance(versions, dict)
            and isinstance(changes, list)
        ):
            raise TypeError("its parts are not of the right kinds")
        tables = synced_tables()
        decoded: dict[str, list[dict[str, Any]]] = {}
        for name, table_rows in rows.items():
            if name not in tables:
                raise ValueError(f"{name} is not a table hoclient syncs")
            decoded[name] = [decode_fields(tables[name], row) for row in table_rows]
            if any("id" not in row for row in decoded[name]):
                raise ValueError(f"a {name} row has no id")
        server_versions = {
            name: {uuid.UUID(row_id): int(version) for row_id, version in known.items()}
            for name, known in versions.items()
        }
        pending = [Change.model_validate(change) for change in changes]
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
        raise BundleError(f"{path} is not a case bundle hoclient can read: {error}") from None
    return _Bundle(reference, rows, decoded, server_versions, pending, sealed)


class _Merge:
    def __init__(self, connection: Connection, officer: uuid.UUID | None, bundle: _Bundle) -> None:
        self.connection, self.officer, self.bundle = connection, officer, bundle
        self.added = self.updated = self.conflicts = 0
        self.changes_of: dict[uuid.UUID, list[Change]] = defaultdict(list)
        for change in bundle.changes:
            self.changes_of[change.row_id].append(change)

    def run(self) -> None:
        # Rows may point at each other within the bundle in any order: checked at COMMIT.
        self.connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for name, table in synced_tables().items():
            if name in PUSH_ONLY_TABLES:  # another laptop's trail, in a bundle from before
                continue
            for theirs in self.bundle.decoded.get(name, []):
                self._merge_row(table, theirs)

    def _merge_row(self, table: sa.Table, theirs: dict[str, Any]) -> None:
        row_id = theirs["id"]
        their_version = self.bundle.server_versions.get(table.name, {}).get(row_id)
        mine = self.connection.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if mine is None:
            self.connection.execute(insert(table).values(**theirs))
            self._remember_version(table.name, row_id, their_version)
            self.added += 1
            return
        my_version = self.connection.scalar(
            select(_row_state.c.server_version).where(
                _row_state.c.table_name == table.name, _row_state.c.row_id == row_id
            )
        )
        their_fields = _fields_of(self.changes_of.get(row_id, []))
        my_fields = self._my_pending_fields(table.name, row_id)
        newer = their_version is not None and (my_version is None or their_version > my_version)
        take: dict[str, Any] = {}
        for name, value in theirs.items():
            if name in BOOKKEEPING or name not in table.c or mine[name] == value:
                continue
            if name in their_fields and name in my_fields:
                self._record_conflict(table, dict(mine), name, value, theirs)
            elif name in their_fields or (name not in my_fields and newer):
                take[name] = value
        if take:
            stamps = {
                name: theirs.get(name, mine[name])
                for name in ("updated_at", "updated_by")
                if name in table.c
            }
            if newer and "version" in table.c:
                stamps["version"] = theirs.get("version", mine["version"])
            self.connection.execute(
                update(table).where(table.c.id == row_id).values(**take, **stamps)
            )
            self.updated += 1
        if newer:
            self._remember_version(table.name, row_id, their_version)

    def _my_pending_fields(self, table_name: str, row_id: uuid.UUID) -> set[str]:
        fields: set[str] = set()
        for (text,) in self.connection.execute(
            select(_outbox.c.fields).where(
                _outbox.c.table_name == table_name, _outbox.c.row_id == row_id
            )
        ):
            fields |= set(json.loads(text))
        return fields - BOOKKEEPING

    def _remember_version(self, table_name: str, row_id: uuid.UUID, version: int | None) -> None:
        if version is None:
            return
        known = self.connection.scalar(
            select(_row_state.c.server_version).where(
                _row_state.c.table_name == table_name, _row_state.c.row_id == row_id
            )
        )
        if known is None:
            self.connection.execute(
                insert(_row_state).values(
                    table_name=table_name, row_id=row_id, server_version=version
                )
            )
        elif version > known:
            self.connection.execute(
                update(_row_state)
                .where(_row_state.c.table_name == table_name, _row_state.c.row_id == row_id)
                .values(server_version=version)
            )

    def _record_conflict(
        self,
        table: sa.Table,
        mine: dict[str, Any],
        name: str,
        their_value: Any,
        theirs: dict[str, Any],
    ) -> None:
        """A conflict row, written through a Session so it reaches the outbox and syncs."""
        mine_json, theirs_json = json.dumps(encode(mine[name])), json.dumps(encode(their_value))
        already = self.connection.scalar(
            select(sa.func.count())
            .select_from(table_of(SyncConflict))
            .where(
                table_of(SyncConflict).c.row_id == mine["id"],
                table_of(SyncConflict).c.field_name == name,
                table_of(SyncConflict).c.mine_value == mine_json,
                table_of(SyncConflict).c.theirs_value == theirs_json,
                table_of(SyncConflict).c.resolved_at.is_(None),
            )
        )
        if already:
            return
        scope = scope_of(table, mine)
        with Session(bind=self.connection) as session:
            session.add(
                SyncConflict(
                    case_id=scope.case_id,
                    person_id=scope.person_id,
                    table_name=table.name,
                    row_id=mine["id"],
                    field_name=name,
                    mine_value=mine_json,
                    mine_by=mine.get("updated_by"),
                    mine_at=mine.get("updated_at") or utc_now(),
                    theirs_value=theirs_json,
                    theirs_by=theirs.get("updated_by"),
                    theirs_at=theirs.get("updated_at"),
                    updated_by=self.officer,
                )
            )
            session.flush()
        self.conflicts += 1


def _fields_of(changes: list[Change]) -> set[str]:
    return {name for change in changes for name in change.fields} - BOOKKEEPING


def _rows_of_case(connection: Connection, case_id: uuid.UUID) -> dict[str, list[Row]]:
    """The case, its rows, its people and their rows, and every row those point at."""
    tables = synced_tables()
    found: dict[str, dict[uuid.UUID, Row]] = defaultdict(dict)

    def add(table: sa.Table, where: sa.ColumnElement[bool]) -> None:
        for row in connection.execute(select(table).where(where)).mappings():
            found[table.name][row["id"]] = encode_row(table, row)

    add(tables["housing_case"], tables["housing_case"].c.id == case_id)
    # Not its conflicts: those are this laptop's to resolve, and reach others from the centre.
    # Nor its audit trail: a laptop holds only the trail it wrote (sync_codec.PUSH_ONLY_TABLES).
    for table in tables.values():
        if (
            "case_id" in table.c
            and table.name != "sync_conflict"
            and table.name not in PUSH_ONLY_TABLES
        ):
            add(table, table.c.case_id == case_id)
    member = tables["household_member"]
    persons = sorted(
        set(connection.scalars(select(member.c.person_id).where(member.c.case_id == case_id)))
    )
    for table in tables.values():
        if table.name == "person":
            add(table, table.c.id.in_(persons))
        elif "person_id" in table.c and "case_id" not in table.c:
            add(table, table.c.person_id.in_(persons))
    _add_parents(connection, found)
    return {
        name: sorted(rows.values(), key=lambda row: str(row["id"])) for name, rows in found.items()
    }


def _add_parents(connection: Connection, found: dict[str, dict[uuid.UUID, Row]]) -> None:
    tables = synced_tables()
    asked: set[uuid.UUID] = set()  # a dangling reference is looked for once, not forever
    while True:
        missing: dict[str, set[uuid.UUID]] = defaultdict(set)
        for name, rows in list(found.items()):
            for key in tables[name].foreign_keys:
                parent = key.column.table.name
                if parent not in tables:
                    continue
                for row in rows.values():
                    value = row.get(key.parent.name)
                    if isinstance(value, str):
                        parent_id = uuid.UUID(value)
                        if parent_id not in found[parent] and parent_id not in asked:
                            missing[parent].add(parent_id)
                            asked.add(parent_id)
        if not missing:
            return
        for name, ids in missing.items():
            table = tables[name]
            for parent_row in connection.execute(
                select(table).where(table.c.id.in_(sorted(ids)))
            ).mappings():
                found[name][parent_row["id"]] = encode_row(table, parent_row)


def _server_versions(connection: Connection, ids: set[uuid.UUID]) -> dict[str, dict[str, int]]:
    versions: dict[str, dict[str, int]] = defaultdict(dict)
    wanted = sorted(ids)
    for start in range(0, len(wanted), _ID_BATCH):
        for table_name, row_id, version in connection.execute(
            select(_row_state.c.table_name, _row_state.c.row_id, _row_state.c.server_version).where(
                _row_state.c.row_id.in_(wanted[start : start + _ID_BATCH])
            )
        ):
            versions[table_name][str(row_id)] = version
    return dict(versions)


def _pending_changes(connection: Connection, ids: set[uuid.UUID]) -> list[dict[str, Any]]:
    changes = []
    for entry in connection.execute(select(_outbox).order_by(_outbox.c.position)):
        if entry.row_id in ids:
            changes.append(
                Change(
                    change_id=entry.change_id,
                    table=entry.table_name,
                    row_id=entry.row_id,
                    operation=entry.operation,
                    fields=json.loads(entry.fields),
                    base_version=entry.base_version,
                    changed_by=entry.changed_by,
                    changed_at=entry.changed_at,
                ).model_dump(mode="json")
            )
    return changes


def _write_atomically(path: Path, text: str) -> None:
    """A half-written bundle never takes the file's name."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "w", encoding="utf-8") as written:
            written.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise BundleError(f"Cannot write {path}: {error.strerror or error}") from None
