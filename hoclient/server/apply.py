"""Applying a device's pushed changes: idempotent, merged field by field, in one transaction.

- A change id seen before is "duplicate" and changes nothing; the same id with different
  content is refused (a laptop bug or tampering, never silently accepted).
- An insert makes version 1. An update is merged against the version the laptop started from:
  a field changed since then by someone else, to a different value, is a conflict - the
  centre's value stands and both are recorded (sync_conflict) for a person to resolve. A
  tombstone meeting an edit, either way round, is a conflict on `deleted_at`.
- Append-only rows (notes, letters, ledger, audit) are inserts only, so they never conflict.
- Each change runs in a savepoint: one refused change does not undo the rest of the batch.
- A change the device's officer's role does not allow is refused (hoclient.server.permissions).
  Audit events are taken from any role and never enter the pull feed: push-only.
"""

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from hoclient.models import SyncChange
from hoclient.models.sync_codec import (
    BOOKKEEPING,
    PUSH_ONLY_TABLES,
    append_only_tables,
    decode_fields,
    encode,
    synced_tables,
    table_of,
)
from hoclient.models.types import utc_now
from hoclient.server.feed_writer import FeedWriter
from hoclient.server.permissions import role_refusal
from hoclient.server.protocol import Change, ChangeResult, Outcome
from hoclient.server.scope import DeviceOfficer, Reach, scope_of
from hoclient.server.street_count_duplicates import flag_possible_duplicates

_changes = table_of(SyncChange)
_conflicts = synced_tables()["sync_conflict"]
_ID_BATCH = 500


def content_hash(change: Change) -> str:
    canonical = json.dumps(
        change.model_dump(mode="json", exclude={"change_id"}), sort_keys=True, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Refused(Exception):
    pass


@dataclass(frozen=True)
class _Seen:
    content_sha256: str
    outcome: str
    reason: str | None
    resulting_version: int | None


@dataclass
class _History:
    """What the centre's change log says about a batch's changes, read in two queries."""

    seen: dict[uuid.UUID, _Seen]
    # (table, row) -> [(resulting version, fields applied)] of other devices' changes
    others: dict[tuple[str, uuid.UUID], list[tuple[int, list[str]]]]
    # (table, row) -> the row's values, read once for the batch's updates and kept current as
    # the batch changes it
    current: dict[tuple[str, uuid.UUID], dict[str, Any]]
    # (table, row) -> the columns the batch changed, written at its end (write_deferred); None:
    # each update is written as it is made (a batch run a savepoint a change)
    unwritten: dict[tuple[str, uuid.UUID], set[str]] | None = None
    # Audit events (push-only: nothing points at them, nothing changes them) written at the
    # batch's end, with the ids of those already at the centre or in this batch
    unwritten_events: dict[str, list[dict[str, Any]]] | None = None
    event_ids: set[uuid.UUID] = field(default_factory=set)

    @classmethod
    def load(
        cls, connection: Connection, who: DeviceOfficer, changes: Sequence[Change]
    ) -> "_History":
        seen: dict[uuid.UUID, _Seen] = {}
        ids = [change.change_id for change in changes]
        for start in range(0, len(ids), _ID_BATCH):
            for row in connection.execute(
                select(
                    _changes.c.change_id,
                    _changes.c.content_sha256,
                    _changes.c.outcome,
                    _changes.c.reason,
                    _changes.c.resulting_version,
                ).where(_changes.c.change_id.in_(ids[start : start + _ID_BATCH]))
            ):
                seen[row.change_id] = _Seen(
                    row.content_sha256, row.outcome, row.reason, row.resulting_version
                )
        others: dict[tuple[str, uuid.UUID], list[tuple[int, list[str]]]] = defaultdict(list)
        updated = sorted({c.row_id for c in changes if c.operation == "update"})
        for start in range(0, len(updated), _ID_BATCH):
            for change_row in connection.execute(
                select(
                    _changes.c.table_name,
                    _changes.c.row_id,
                    _changes.c.resulting_version,
                    _changes.c.applied_fields,
                ).where(
                    _changes.c.row_id.in_(updated[start : start + _ID_BATCH]),
                    _changes.c.resulting_version.is_not(None),
                    sa.or_(_changes.c.device_id.is_(None), _changes.c.device_id != who.device_id),
                )
            ):
                others[(change_row.table_name, change_row.row_id)].append(
                    (change_row.resulting_version, json.loads(change_row.applied_fields))
                )
        current: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
        by_table: dict[str, set[uuid.UUID]] = defaultdict(set)
        for change in changes:
            if change.operation == "update":
                by_table[change.table].add(change.row_id)
        for table_name, row_ids in by_table.items():
            table = synced_tables().get(table_name)
            if table is None:
                continue
            wanted = sorted(row_ids)
            for start in range(0, len(wanted), _ID_BATCH):
                for found in connection.execute(
                    select(table).where(table.c.id.in_(wanted[start : start + _ID_BATCH]))
                ).mappings():
                    current[(table_name, found["id"])] = dict(found)
        return cls(seen, others, current)

    def current_row(
        self, connection: Connection, table: sa.Table, row_id: uuid.UUID
    ) -> dict[str, Any] | None:
        """The row as it stands now in this transaction."""
        known = self.current.get((table.name, row_id))
        if known is not None:
            return known
        found = connection.execute(select(table).where(table.c.id == row_id)).mappings().first()
        return dict(found) if found is not None else None

    def defer_writes(self, connection: Connection, changes: Sequence[Change]) -> None:
        """Write the batch's updates and audit events at its end (write_deferred), not one round
        trip each: a 10,000-change push spent most of its time waiting on them."""
        self.unwritten, self.unwritten_events = {}, defaultdict(list)
        for name in PUSH_ONLY_TABLES:
            table = synced_tables()[name]
            wanted = sorted({c.row_id for c in changes if c.table == name})
            for start in range(0, len(wanted), _ID_BATCH):
                self.event_ids.update(
                    connection.scalars(
                        select(table.c.id).where(table.c.id.in_(wanted[start : start + _ID_BATCH]))
                    )
                )

    def write_deferred(self, connection: Connection) -> None:
        """Write the audit events, and each updated row once as the batch left it: one
        statement a table and set of columns for the whole batch."""
        grouped: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for (table_name, row_id), columns in (self.unwritten or {}).items():
            row = self.current[(table_name, row_id)]
            names = tuple(sorted(columns))
            grouped[(table_name, names)].append(
                {"_row_id": row_id, **{f"v_{name}": row[name] for name in names}}
            )
        if self.unwritten:
            self.unwritten.clear()
        for table_name, events in (self.unwritten_events or {}).items():
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for event in events:
                by_columns[tuple(sorted(event))].append(event)
            for same in by_columns.values():
                connection.execute(insert(synced_tables()[table_name]), same)
        if self.unwritten_events:
            self.unwritten_events.clear()
        for (table_name, names), rows in grouped.items():
            table = synced_tables()[table_name]
            # Bound names may not be column names in an UPDATE's SET clause: prefixed.
            statement = (
                update(table)
                .where(table.c.id == sa.bindparam("_row_id", type_=table.c.id.type))
                .values(
                    {name: sa.bindparam(f"v_{name}", type_=table.c[name].type) for name in names}
                )
            )
            connection.execute(statement, rows)

    def changed_by_others_since(self, table_name: str, row_id: uuid.UUID, base: int) -> set[str]:
        """Fields someone other than this device changed after the version the laptop had.
        The device's own later changes are not news to it, so they never conflict with it.
        (Writers are serialised, so no other device changes anything during this batch.)"""
        return {
            name
            for version, applied in self.others.get((table_name, row_id), ())
            if version > base
            for name in applied
        }


def apply_changes(
    connection: Connection, who: DeviceOfficer, changes: Sequence[Change]
) -> list[ChangeResult]:
    """Apply a batch in order, inside the caller's Central.write() transaction.

    First all at once; if a change breaks a database constraint, the batch is done again with
    each change in its own savepoint, so only that change is refused. (A savepoint per change
    always cost two more round trips each: a 10k push took twice as long.)
    """
    try:
        with connection.begin_nested():
            return _apply_batch(connection, who, changes, isolated=False)
    except IntegrityError:
        return _apply_batch(connection, who, changes, isolated=True)


def _apply_batch(
    connection: Connection, who: DeviceOfficer, changes: Sequence[Change], *, isolated: bool
) -> list[ChangeResult]:
    feed = FeedWriter.start(connection)
    history = _History.load(connection, who, changes)
    if not isolated:
        # Written together at the end; a constraint broken then sends the batch round again,
        # a savepoint a change, where each update is written as it is made.
        history.defer_writes(connection, changes)
    reach = Reach(connection, who)
    reach.prime([c.row_id for c in changes if c.table == "person" and c.operation == "update"])
    results, log = [], []
    for change in changes:
        digest = content_hash(change)
        seen = history.seen.get(change.change_id)
        if seen is not None:
            results.append(_repeat(change, digest, seen))
            continue
        savepoint = connection.begin_nested() if isolated else None
        try:
            result, applied = _apply_one(connection, reach, change, feed, history)
        except (_Refused, ValueError, IntegrityError) as error:
            if savepoint is None and isinstance(error, IntegrityError):
                raise  # to apply_changes: do the batch again, a savepoint per change
            if savepoint is not None:
                savepoint.rollback()
                history.current.pop((change.table, change.row_id), None)  # may be undone
            result = ChangeResult(
                change_id=change.change_id, outcome="refused", reason=_reason(error)
            )
            applied = []
            _resend(connection, change, feed)
        else:
            if savepoint is not None:
                savepoint.commit()
        log.append(
            {
                "change_id": change.change_id,
                "content_sha256": digest,
                "table_name": change.table,
                "row_id": change.row_id,
                "device_id": who.device_id,
                "officer_id": who.officer_id,
                "changed_at": change.changed_at,
                "received_at": utc_now(),
                "outcome": result.outcome,
                "applied_fields": json.dumps(sorted(applied)),
                "resulting_version": result.version,
                "reason": result.reason,
            }
        )
        # The same change twice in one batch is a duplicate too.
        history.seen[change.change_id] = _Seen(
            digest, result.outcome, result.reason, result.version
        )
        results.append(result)
    history.write_deferred(connection)
    for start in range(0, len(log), _ID_BATCH):
        connection.execute(insert(_changes), log[start : start + _ID_BATCH])
    # Street count entries from two teams may be one person: flagged here, as they arrive.
    flag_possible_duplicates(
        connection,
        feed,
        [
            change.row_id
            for change, result in zip(changes, results, strict=True)
            if change.table == "street_count_entry" and result.outcome == "applied"
        ],
    )
    feed.flush()
    return results


def _repeat(change: Change, digest: str, seen: Any) -> ChangeResult:
    if seen.content_sha256 != digest:
        return ChangeResult(
            change_id=change.change_id,
            outcome="refused",
            reason="This change id was already used for a different change.",
        )
    if seen.outcome == "refused":
        return ChangeResult(change_id=change.change_id, outcome="refused", reason=seen.reason)
    return ChangeResult(
        change_id=change.change_id, outcome="duplicate", version=seen.resulting_version
    )


def _reason(error: Exception) -> str:
    if isinstance(error, IntegrityError):
        # The constraint's own words (a missing parent row, a second applicant...).
        return f"The centre's database refused it: {str(error.orig).splitlines()[0]}"
    return str(error)


def _apply_one(
    connection: Connection, reach: Reach, change: Change, feed: FeedWriter, history: _History
) -> tuple[ChangeResult, list[str]]:
    table = synced_tables().get(change.table)
    if table is None:
        raise _Refused(f"{change.table} is not a synced table.")
    if problem := role_refusal(reach.who.role, table):
        raise _Refused(problem)
    values = decode_fields(table, change.fields)
    change = _authored_by(reach.who.officer_id, table, change, values)
    if change.operation == "insert":
        if table.name in PUSH_ONLY_TABLES and history.unwritten_events is not None:
            return _insert_event(table, change, values, history)
        return _insert(connection, reach, table, change, values, feed)
    return _update(connection, reach, table, change, values, feed, history)


# Columns naming who made an append-only record: they must name the device's own officer too.
AUTHOR_COLUMNS = ("author_id", "decided_by", "authorised_by")


def _authored_by(
    officer_id: uuid.UUID, table: sa.Table, change: Change, values: dict[str, Any]
) -> Change:
    """The change as made by the device's enrolled officer: a device speaks only for its own
    officer, so the author comes from its enrolment, never from what the laptop claims. A
    change claiming someone else is refused; one naming nobody is stamped."""
    claimed = [change.changed_by, values.get("updated_by")]
    if change.operation == "insert":
        claimed += [values.get(name) for name in AUTHOR_COLUMNS if name in table.c]
    if any(who is not None and who != officer_id for who in claimed):
        raise _Refused(
            "This change names another officer as its author; a device sends only the changes "
            "of the officer it is enrolled for."
        )
    if "updated_by" in table.c and (change.operation == "insert" or "updated_by" in values):
        values["updated_by"] = officer_id
    return change.model_copy(update={"changed_by": officer_id})


def _insert(
    connection: Connection,
    reach: Reach,
    table: sa.Table,
    change: Change,
    values: dict[str, Any],
    feed: FeedWriter,
) -> tuple[ChangeResult, list[str]]:
    if values.get("id") != change.row_id:
        raise _Refused("An insert must carry its own row id.")
    exists = connection.scalar(select(table.c.id).where(table.c.id == change.row_id))
    if exists is not None:
        raise _Refused(f"A {table.name} row with this id already exists.")
    scope = scope_of(table, values)
    push_only = table.name in PUSH_ONLY_TABLES
    if not push_only and (problem := reach.refusal(table, values)):
        raise _Refused(problem)
    version = None
    if "version" in table.c:
        version = values["version"] = 1
    connection.execute(insert(table).values(**values))
    if not push_only:
        feed.moved(table.name, change.row_id, scope)
    applied = sorted(set(values) - BOOKKEEPING)
    return ChangeResult(change_id=change.change_id, outcome="applied", version=version), applied


def _insert_event(
    table: sa.Table, change: Change, values: dict[str, Any], history: _History
) -> tuple[ChangeResult, list[str]]:
    """An audit event, kept for the batch's end (as _insert, which writes it at once)."""
    if values.get("id") != change.row_id:
        raise _Refused("An insert must carry its own row id.")
    if change.row_id in history.event_ids:
        raise _Refused(f"A {table.name} row with this id already exists.")
    history.event_ids.add(change.row_id)
    assert history.unwritten_events is not None
    history.unwritten_events[table.name].append(values)
    applied = sorted(set(values) - BOOKKEEPING)
    return ChangeResult(change_id=change.change_id, outcome="applied", version=None), applied


def _update(
    connection: Connection,
    reach: Reach,
    table: sa.Table,
    change: Change,
    values: dict[str, Any],
    feed: FeedWriter,
    history: _History,
) -> tuple[ChangeResult, list[str]]:
    if table.name in append_only_tables():
        raise _Refused(f"{table.name} is append-only: a correction is a new row.")
    if change.base_version is None:
        raise _Refused("An update must say which version it was based on.")
    row = history.current_row(connection, table, change.row_id)
    if row is None:
        raise _Refused(f"There is no {table.name} row with this id at the centre.")
    scope = scope_of(table, row)
    if problem := reach.refusal(table, row):
        raise _Refused(problem)
    if "case_id" in values and values["case_id"] != row.get("case_id"):
        raise _Refused("A row cannot move to another case.")
    others = history.changed_by_others_since(table.name, change.row_id, change.base_version)
    edits = {name: value for name, value in values.items() if name not in BOOKKEEPING}
    conflicts: list[tuple[str, Any, Any]] = []  # (field, mine, theirs)
    apply: dict[str, Any] = {}
    deleting = edits.get("deleted_at") is not None and row["deleted_at"] is None
    if row["deleted_at"] is not None and "deleted_at" in others and "deleted_at" not in edits:
        # Deleted at the centre since the laptop's base; edited on the laptop.
        conflicts.append(("deleted_at", _encoded(edits), row["deleted_at"]))
    elif deleting and (others - {"deleted_at"}):
        # Deleted on the laptop; edited at the centre since its base.
        theirs = {name: row[name] for name in sorted(others - {"deleted_at"})}
        conflicts.append(("deleted_at", edits["deleted_at"], _encoded(theirs)))
    else:
        for name, mine in edits.items():
            theirs = row[name]
            if mine == theirs:
                continue
            if name in others:
                conflicts.append((name, mine, theirs))
            else:
                apply[name] = mine
    version = row.get("version")
    if apply:
        version = row["version"] + 1
        stamps = {"updated_at": change.changed_at, "updated_by": change.changed_by}
        if history.unwritten is None:
            connection.execute(
                update(table)
                .where(table.c.id == change.row_id)
                .values(**apply, **stamps, version=version)
            )
        else:
            history.unwritten.setdefault((table.name, change.row_id), set()).update(
                [*apply, *stamps, "version"]
            )
        history.current[(table.name, change.row_id)] = {
            **row,
            **apply,
            **stamps,
            "version": version,
        }
    # Even when nothing was taken (a conflict, or the values were already there) the row goes
    # back out, so the sender's copy returns to the centre's values.
    feed.moved(table.name, change.row_id, scope)
    for name, mine, theirs in conflicts:
        _record_conflict(connection, change, table.name, name, mine, theirs, scope, feed, row)
    outcome: Outcome = "conflict" if conflicts else "applied"
    return ChangeResult(change_id=change.change_id, outcome=outcome, version=version), sorted(apply)


def _resend(connection: Connection, change: Change, feed: FeedWriter) -> None:
    """A refused change to a row the centre holds: send the row again, so the device's copy
    returns to the centre's values."""
    table = synced_tables().get(change.table)
    if table is None or table.name in PUSH_ONLY_TABLES:
        return
    current = connection.execute(select(table).where(table.c.id == change.row_id)).first()
    if current is not None:
        feed.moved(table.name, change.row_id, scope_of(table, current._asdict()))


def _record_conflict(
    connection: Connection,
    change: Change,
    table_name: str,
    field_name: str,
    mine: Any,
    theirs: Any,
    scope: Any,
    feed: FeedWriter,
    row: dict[str, Any],
) -> None:
    theirs_by, theirs_at = _last_change_of(connection, table_name, change.row_id, field_name)
    conflict_id = uuid.uuid4()
    now = utc_now()
    connection.execute(
        insert(_conflicts).values(
            id=conflict_id,
            created_at=now,
            updated_at=now,
            updated_by=change.changed_by,
            version=1,
            case_id=scope.case_id,
            person_id=scope.person_id,
            table_name=table_name,
            row_id=change.row_id,
            field_name=field_name,
            mine_value=json.dumps(_encoded(mine)),
            mine_by=change.changed_by,
            mine_at=change.changed_at,
            theirs_value=json.dumps(_encoded(theirs)),
            theirs_by=theirs_by if theirs_by is not None else row.get("updated_by"),
            theirs_at=theirs_at if theirs_at is not None else row.get("updated_at"),
        )
    )
    feed.moved("sync_conflict", conflict_id, scope)


def _last_change_of(
    connection: Connection, table_name: str, row_id: uuid.UUID, field_name: str
) -> tuple[uuid.UUID | None, Any]:
    """Who last changed this field at the centre, and when."""
    rows = connection.execute(
        select(_changes.c.officer_id, _changes.c.changed_at, _changes.c.applied_fields)
        .where(_changes.c.table_name == table_name, _changes.c.row_id == row_id)
        .order_by(_changes.c.resulting_version.desc())
    )
    for officer_id, changed_at, applied in rows:
        if field_name in json.loads(applied):
            return officer_id, changed_at
    return None, None


def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        return {name: encode(item) for name, item in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return [encode(item) for item in value]
    return encode(value)
