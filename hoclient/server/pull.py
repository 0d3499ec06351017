"""The pull feed: rows changed after a device's cursor, within its scope, a page at a time.

A pull runs in one snapshot. Its phases, each page resumable because the laptop commits a page
and its new cursor together:

1. A new laptop (no cursor yet) first gets all reference data and the feed's current top as its
   cursor: everything below it arrives with the cases, not row by row.
2. Cases in scope the laptop does not hold arrive whole, a batch of cases per page: the case,
   every row carrying its case_id, and its people with their own rows. The cursor stays put;
   the page says the feed position its cases are complete to (`whole_cases_at`).
3. Then the feed: rows whose seq is above the cursor, in scope, in seq order - but not the rows
   of cases that arrived whole in this pull at or below the position they were complete to,
   which the laptop already has (a colleague's new case would otherwise come twice to every
   laptop of the team: whole, then row by row from the feed).

Every page also carries the parent rows its rows point at (foreign keys), so the laptop can
always insert what it receives.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Connection, func, select

from hoclient.models import SyncFeed
from hoclient.models.sync_codec import PUSH_ONLY_TABLES, synced_tables, table_of
from hoclient.server.id_lists import among
from hoclient.server.page_rows import PageRows
from hoclient.server.protocol import PullRequest
from hoclient.server.scope import (
    DeviceOfficer,
    cases_in_scope,
    feed_filter,
    kind_of,
)
from hoclient.server.street_count_scope import (
    VOLUNTEER_TABLES,
    count_column,
    counts_of_volunteer,
    volunteer_feed_filter,
)
from hoclient.vocabulary import Role

_feed = table_of(SyncFeed)
_member = synced_tables()["household_member"]
CASES_PER_PAGE = 500  # about 11,000 rows: big enough that per-page costs hardly count
# A new laptop's first pages of cases are smaller, growing to CASES_PER_PAGE: it stores nothing
# until its first page is in, and while it stores one page it fetches the next
# (hoclient.sync.engine.pull), so each page must arrive before the one before it is stored.
FIRST_CASES_PER_PAGE = 100
_ID_BATCH = 500  # ids per IN (...) list


def pull_page(connection: Connection, who: DeviceOfficer, request: PullRequest) -> bytes:
    """One page as JSON (the shape of PullResponse), read inside the caller's Central.read()
    snapshot."""
    top = int(connection.scalar(select(func.coalesce(func.max(_feed.c.seq), 0))) or 0)
    page = PageRows()
    if who.role is Role.VOLUNTEER:
        if request.cases_from is not None and request.cursor is not None:
            # No case enters a volunteer's scope: past the list's end at once.
            return page.body(cursor=request.cursor, more=True, leaving=[])
        return _volunteer_page(connection, who, request, top, page)
    if request.cursor is None:
        for table in synced_tables().values():
            if kind_of(table) == "reference":
                page.add_all(connection, table)
        return page.body(cursor=top, more=True, leaving=[])
    held = set(request.held_case_ids)
    in_scope = connection.scalars(cases_in_scope(who).order_by(sa.literal_column("id"))).all()
    entering = [case_id for case_id in in_scope if case_id not in held]
    if request.cases_from is not None:
        limit = min(CASES_PER_PAGE, request.cases_limit or CASES_PER_PAGE)
        entering = entering[request.cases_from : request.cases_from + limit]
        if not entering:  # past the list's end
            return page.body(cursor=request.cursor, more=True, leaving=[])
    else:
        entering = entering[: min(CASES_PER_PAGE, max(FIRST_CASES_PER_PAGE, 3 * len(held)))]
    if entering:
        _add_whole_cases(connection, page, entering)
        _add_parents(connection, page)
        return page.body(cursor=request.cursor, more=True, leaving=[], whole_cases_at=top)
    dialect = connection.dialect.name
    changed = connection.execute(
        select(_feed.c.table_name, _feed.c.row_id, _feed.c.seq)
        .where(
            _feed.c.seq > request.cursor,
            _feed.c.seq <= top,
            feed_filter(_feed.c.case_id, _feed.c.person_id, who, request.held_case_ids, dialect),
            _not_sent_whole(request, dialect),
        )
        .order_by(_feed.c.seq)
        .limit(request.limit)
    ).all()
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for table_name, row_id, _seq in changed:
        by_table[table_name].append(row_id)
    for table_name, ids in by_table.items():
        if (changed_table := synced_tables().get(table_name)) is not None:
            page.add_by_ids(connection, changed_table, "id", ids)
    _add_parents(connection, page)
    full = len(changed) == request.limit
    cursor = int(changed[-1].seq) if full else top
    leaving = [] if full else _leaving(connection, held - set(in_scope))
    return page.body(cursor=max(cursor, request.cursor), more=full, leaving=leaving)


def _not_sent_whole(request: PullRequest, dialect_name: str) -> sa.ColumnElement[bool]:
    """Feed rows the laptop does not have yet: not a row of a case that arrived whole earlier
    in this pull, unchanged since. (A person's own rows are sent again: who was in a case when
    it arrived is not known here, and a person added to it later must arrive whole.)"""
    if not request.whole_case_ids or request.whole_cases_at is None:
        return sa.true()
    return sa.not_(
        sa.and_(
            _feed.c.seq <= request.whole_cases_at,
            _feed.c.case_id.is_not(None),
            among(_feed.c.case_id, request.whole_case_ids, dialect_name),
        )
    )


def _leaving(connection: Connection, out_of_scope: set[uuid.UUID]) -> list[uuid.UUID]:
    """Of the held cases out of scope, those the centre has: a case it never had (its insert
    refused) is not the centre's to take away."""
    case = synced_tables()["housing_case"]
    wanted = sorted(out_of_scope)
    return [
        case_id
        for chunk in _chunks(wanted)
        for case_id in connection.scalars(select(case.c.id).where(case.c.id.in_(chunk)))
    ]


def _volunteer_page(
    connection: Connection, who: DeviceOfficer, request: PullRequest, top: int, page: PageRows
) -> bytes:
    """A volunteer's device: the rows of its street counts and the rows they point at, never
    casework (street_count_scope.py). A count it is newly put on arrives whole."""
    if request.cursor is None:
        officers = synced_tables()["officer"]
        page.add_by_ids(connection, officers, "id", [who.officer_id])
        _add_whole_counts(
            connection, page, list(connection.scalars(counts_of_volunteer(who.officer_id)))
        )
        _add_parents(connection, page)
        return page.body(cursor=top, more=True, leaving=[])
    changed = connection.execute(
        select(_feed.c.table_name, _feed.c.row_id, _feed.c.seq)
        .where(
            _feed.c.seq > request.cursor,
            _feed.c.seq <= top,
            volunteer_feed_filter(_feed.c.table_name, _feed.c.row_id, who.officer_id),
        )
        .order_by(_feed.c.seq)
        .limit(request.limit)
    ).all()
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for table_name, row_id, _seq in changed:
        by_table[table_name].append(row_id)
    for table_name, ids in by_table.items():
        table = synced_tables()[table_name]
        page.add_by_ids(connection, table, "id", ids)
    joined = {
        uuid.UUID(str(row["street_count_id"]))
        for row in page.decoded("street_count_volunteer")
        if row["officer_id"] == str(who.officer_id) and row["deleted_at"] is None
    }
    _add_whole_counts(connection, page, sorted(joined))
    _add_parents(connection, page)
    full = len(changed) == request.limit
    cursor = int(changed[-1].seq) if full else top
    return page.body(cursor=max(cursor, request.cursor), more=full, leaving=[])


def _add_whole_counts(connection: Connection, page: PageRows, count_ids: list[uuid.UUID]) -> None:
    for name in VOLUNTEER_TABLES:
        table = synced_tables()[name]
        page.add_by_ids(connection, table, count_column(table).name, count_ids)


def _add_whole_cases(connection: Connection, page: PageRows, case_ids: list[uuid.UUID]) -> None:
    tables = synced_tables()
    # Ids as text, made once: each table's query takes them as one array's text on
    # PostgreSQL, and writing 2,500 UUIDs out again for every table was a tenth of a page.
    cases = [str(case_id) for case_id in case_ids]
    page.add_by_ids_together(
        connection,
        [(tables["housing_case"], "id", cases)]
        + [
            (table, "case_id", cases)
            for table in tables.values()
            if "case_id" in table.c and table.name not in PUSH_ONLY_TABLES
        ],
    )
    dialect = connection.dialect.name
    person_ids = sorted(
        {
            str(person_id)
            for chunk in _chunks(case_ids)
            for person_id in connection.scalars(
                select(_member.c.person_id).where(among(_member.c.case_id, chunk, dialect))
            )
        }
    )
    page.add_by_ids_together(
        connection,
        [
            (table, "id" if table.name == "person" else "person_id", person_ids)
            for table in tables.values()
            if table.name == "person" or ("person_id" in table.c and "case_id" not in table.c)
        ]
        + [(tables["sync_conflict"], "person_id", person_ids)],
    )


def _add_parents(connection: Connection, page: PageRows) -> None:
    """Add every row a row in the page points at, until nothing is missing."""
    tables = synced_tables()
    asked: set[str] = set()  # a dangling reference is looked for once, not forever
    while True:
        missing: dict[str, set[str]] = defaultdict(set)
        for table_name, references in list(page.references.items()):
            table = tables[table_name]
            for foreign_key in table.foreign_keys:
                parent = foreign_key.column.table.name
                if parent not in tables:
                    continue
                wanted = references.get(foreign_key.parent.name, set()) - asked
                wanted.difference_update(page.rows[parent])
                missing[parent] |= wanted
                asked |= wanted
        missing = {name: ids for name, ids in missing.items() if ids}
        if not missing:
            return
        for table_name, ids in missing.items():
            page.add_by_ids(connection, tables[table_name], "id", ids)


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), _ID_BATCH):
        yield ids[start : start + _ID_BATCH]
