"""A pulled page is applied inside SQLite (hoclient.sync.page_apply): what it stores must be
exactly what the careful, row-by-row path (hoclient.sync.apply) stores, and a page with a value
hoclient cannot store changes nothing."""

import base64
import hashlib
import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, LargeBinary, select

from hoclient.models import Person
from hoclient.models.sync_codec import PUSH_ONLY_TABLES, encode_row, synced_tables
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.store.handle import Store, open_store
from hoclient.sync.apply import apply_rows, cases_touched
from hoclient.sync.page_apply import AppliedPage, PageUnreadable, ReadPage, apply_page, read_page
from hoclient.vocabulary import LetterDelivery


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Every synced row of a small demo, as the centre sends rows."""
    source = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    try:
        fill_with_demo_data(source, persons=40, cases=12, seed=11)
        with source.engine.connect() as connection:
            rows = {
                table.name: [
                    encode_row(table, row) for row in connection.execute(select(table)).mappings()
                ]
                for table in synced_tables().values()
                if table.name not in PUSH_ONLY_TABLES
            }
        rows["issued_letter"] = _letters(rows)
        return rows
    finally:
        source.close()


def _letters(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Letters with PDF-like bytes (the demo issues none): bytes are the one value the fast
    path hands back to Python to decode."""
    table = synced_tables()["issued_letter"]
    officer = rows["officer"][0]["id"]
    letters = []
    for number, case in enumerate(rows["housing_case"][:3]):
        pdf = b"%PDF-1.4\n" + bytes(range(256)) * (number + 1) + b"\n%%EOF"
        letters.append(
            encode_row(
                table,
                {
                    "id": uuid.uuid4(),
                    "created_at": datetime(2026, 11, 2, 9, 30, number, tzinfo=UTC),
                    "case_id": uuid.UUID(case["id"]),
                    "kind_id": "s184-prevention-duty",
                    "decision_id": None,
                    "template_version": "0" * 64,
                    "pdf": pdf,
                    "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                    "large_print": number == 1,
                    "issued_by": uuid.UUID(officer),
                    "issued_at": datetime(2026, 11, 2, 9, 30, number, tzinfo=UTC),
                    "delivery": next(iter(LetterDelivery)),
                    "reasons": None if number else "Reasons typed by the officer.",
                },
            )
        )
    return letters


@pytest.fixture
def two_stores(tmp_path: Path, migrated_template: Path) -> Iterator[tuple[Store, Store]]:
    stores = []
    for name in ("fast", "careful"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copyfile(migrated_template, path)
        stores.append(open_store(path))
    yield stores[0], stores[1]
    for store in stores:
        store.close()


@pytest.fixture
def went_careful(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables a page sent the careful way (hoclient.sync.apply), as the test runs."""
    tables: list[str] = []

    def spy(connection: Connection, rows: dict[str, list[dict[str, Any]]]) -> int:
        tables.extend(rows)
        return apply_rows(connection, rows)

    monkeypatch.setattr("hoclient.sync.page_apply.apply_rows", spy)
    return tables


def _page(
    rows: dict[str, list[dict[str, Any]]], *, ensure_ascii: bool = True, **header: Any
) -> bytes:
    """Rows as a page carries them: each table's column names once, each row its values, and
    bytes (given in the codec's base64) as numbered blobs after the JSON."""
    wire, blobs = {}, []
    for name, table_rows in rows.items():
        columns = list(table_rows[0]) if table_rows else []
        assert all(list(row) == columns for row in table_rows), "one set of columns a table"
        binary = [
            column.name
            for column in synced_tables()[name].columns
            if isinstance(column.type, LargeBinary)
        ]
        values = []
        for row in table_rows:
            row = dict(row)
            for column in binary:
                if isinstance(row.get(column), str):
                    blobs.append(base64.b64decode(row[column]))
                    row[column] = len(blobs) - 1
            values.append(list(row.values()))
        wire[name] = {"columns": columns, "values": values}
    page = {"rows": wire, "cursor": 7, "more": False, "leaving": [], **header}
    if blobs:
        page["blobs"] = [len(blob) for blob in blobs]
    text = json.dumps(page, ensure_ascii=ensure_ascii).encode()
    if not blobs:
        return text
    return b"".join([b"%d\n" % len(text), text, *blobs])


def _read_and_apply(store: Store, text: str | bytes) -> tuple[ReadPage, AppliedPage]:
    """Read a page and apply it in a transaction of its own, as a pull does."""
    read = read_page(text)
    with store.engine.connect() as connection:
        try:
            with connection.begin():
                return read, apply_page(connection, read)
        finally:
            read.release(connection)


def _stored(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every value as SQLite holds it: the synced tables, the centre's versions, the index."""
    names = [*synced_tables(), "sync_row_state", "person_search_key"]
    return {
        name: [
            tuple(row) for row in connection.exec_driver_sql(f"SELECT * FROM {name} ORDER BY 1, 2")
        ]
        for name in names
    }


def test_a_page_is_stored_exactly_as_the_careful_path_stores_it(
    two_stores: tuple[Store, Store],
    demo_rows: dict[str, list[dict[str, Any]]],
    went_careful: list[str],
) -> None:
    fast_store, careful_store = two_stores
    read, page = _read_and_apply(fast_store, _page(demo_rows))
    with careful_store.engine.begin() as connection:
        careful_rows = json.loads(json.dumps(demo_rows))
        applied = apply_rows(connection, careful_rows)
        touched = cases_touched(connection, careful_rows)

    assert went_careful == []  # every table of the demo went the fast way
    assert page.rows == applied == sum(len(rows) for rows in demo_rows.values())
    assert page.cases_touched == touched and len(touched) == 12
    assert (read.cursor, read.more, read.leaving) == (7, False, [])
    assert {str(case_id) for case_id in read.case_ids} == {
        case["id"] for case in demo_rows["housing_case"]
    }
    with fast_store.engine.connect() as fast, careful_store.engine.connect() as careful:
        assert _stored(fast) == _stored(careful)
        assert len(_stored(fast)["person"]) == 40


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_names_in_any_script_are_stored_as_they_were_sent(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]], ensure_ascii: bool
) -> None:
    # Python's JSON escapes characters beyond the BMP as surrogate pairs; PostgreSQL's does not.
    names = ["Łukasz Żółć", "Nguyễn Thị 😀", "王秀英", "O'Brien-Ní Dhuibhir", 'Ø"quoted"']
    people = [
        _one_person({"person": [row]}, family_name=name)
        for row, name in zip(demo_rows["person"], names, strict=False)
    ]
    rows = {**demo_rows, "person": [*people, *demo_rows["person"][len(people) :]]}
    text = _page(rows, ensure_ascii=ensure_ascii)
    store, _other = two_stores
    _read_and_apply(store, text)
    with store.begin() as session:
        stored = [session.get(Person, uuid.UUID(person["id"])) for person in people]
        assert [person.family_name for person in stored if person] == names


def test_the_same_page_twice_changes_nothing(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    for _ in range(2):
        _read_and_apply(store, _page(demo_rows))
        with store.engine.connect() as connection:
            after = _stored(connection)
    _read_and_apply(store, _page(demo_rows))
    with store.engine.connect() as connection:
        assert _stored(connection) == after


def _one_person(demo_rows: dict[str, list[dict[str, Any]]], **changes: Any) -> dict[str, Any]:
    person = dict(demo_rows["person"][0])
    person.update(changes)
    return person


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"date_of_birth": "2001-02-30"}, "day is out of range"),
        ({"sex": "NOT_A_SEX"}, "sex"),
        ({"version": "3"}, "version: expected a whole number"),
        ({"interpreter_needed": 1}, "interpreter_needed: expected true or false"),
        ({"created_at": "2026-01-05T10:00:00"}, "created_at: an instant needs its UTC offset"),
        ({"family_name": "x" * 5000}, "family_name: longer than"),
        ({"immigration_status_id": "not-a-uuid"}, "badly formed"),
    ],
)
def test_a_value_hoclient_cannot_store_stops_the_page_and_changes_nothing(
    two_stores: tuple[Store, Store],
    demo_rows: dict[str, list[dict[str, Any]]],
    changes: dict[str, Any],
    named: str,
) -> None:
    store, _other = two_stores
    rows = {**demo_rows, "person": [*demo_rows["person"][1:], _one_person(demo_rows, **changes)]}
    with pytest.raises(PageUnreadable, match=named):
        _read_and_apply(store, _page(rows))
    with store.engine.connect() as connection:
        assert all(rows == [] for rows in _stored(connection).values())


@pytest.mark.parametrize("pdf", [99, -1, 1.5, "not base64 at all!"])
def test_bytes_that_are_not_one_of_the_pages_blobs_stop_the_page(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]], pdf: object
) -> None:
    store, _other = two_stores
    page = _page(demo_rows)
    length, _newline, rest = page.partition(b"\n")
    text = json.loads(rest[: int(length)])
    text["rows"]["issued_letter"]["values"][0][_pdf_at(text)] = pdf
    body = json.dumps(text).encode()
    framed = b"%d\n" % len(body) + body + rest[int(length) :]
    with pytest.raises(PageUnreadable):
        _read_and_apply(store, framed)
    with store.engine.connect() as connection:
        assert all(rows == [] for rows in _stored(connection).values())


def _pdf_at(page: dict[str, Any]) -> int:
    columns: list[str] = page["rows"]["issued_letter"]["columns"]
    return columns.index("pdf")


@pytest.mark.parametrize("cut", [1, 1000])
def test_a_page_whose_bytes_do_not_add_up_is_refused(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]], cut: int
) -> None:
    store, _other = two_stores
    with pytest.raises(PageUnreadable):
        _read_and_apply(store, _page(demo_rows)[:-cut])


def test_rows_without_one_of_their_columns_stop_the_page(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    people = [dict(person) for person in demo_rows["person"]]
    for person in people:
        del person["family_name"]
    with pytest.raises(PageUnreadable, match="a person row without family_name"):
        _read_and_apply(store, _page({**demo_rows, "person": people}))
    with store.engine.connect() as connection:
        assert all(rows == [] for rows in _stored(connection).values())


def test_a_column_hoclient_does_not_have_stops_the_page(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    people = [{**person, "shoe_size": 9} for person in demo_rows["person"]]
    with pytest.raises(PageUnreadable, match="no column 'shoe_size'"):
        _read_and_apply(store, _page({**demo_rows, "person": people}))


def test_a_row_with_a_value_too_few_stops_the_page(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    page = json.loads(_page({k: v for k, v in demo_rows.items() if k != "issued_letter"}))
    page["rows"]["person"]["values"][3].pop()
    with pytest.raises(PageUnreadable, match="each must be 25 values"):
        _read_and_apply(store, json.dumps(page))
    with store.engine.connect() as connection:
        assert all(rows == [] for rows in _stored(connection).values())


def test_columns_in_another_order_are_stored_in_their_own_columns(
    two_stores: tuple[Store, Store],
    demo_rows: dict[str, list[dict[str, Any]]],
    went_careful: list[str],
) -> None:
    fast_store, careful_store = two_stores
    reordered = {
        name: [dict(reversed(list(row.items()))) for row in rows]
        for name, rows in demo_rows.items()
    }
    _read_and_apply(fast_store, _page(reordered))
    with careful_store.engine.begin() as connection:
        apply_rows(connection, json.loads(json.dumps(demo_rows)))
    assert went_careful == []
    with fast_store.engine.connect() as fast, careful_store.engine.connect() as careful:
        assert _stored(fast) == _stored(careful)


def test_an_instant_in_another_offset_is_stored_as_the_same_utc_instant(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    person = _one_person(demo_rows, created_at="2026-06-01T11:30:00.5+01:00")
    _read_and_apply(store, _page({**demo_rows, "person": [person, *demo_rows["person"][1:]]}))
    with store.begin() as session:
        stored = session.get(Person, uuid.UUID(person["id"]))
        assert stored is not None
        assert stored.created_at.isoformat() == "2026-06-01T10:30:00.500000+00:00"


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        json.dumps({"rows": {"person": {"a": 1}}, "cursor": 1, "more": False}),
        json.dumps({"rows": {"person": [{"id": "x"}]}, "cursor": 1, "more": False}),
        json.dumps(
            {
                "rows": {"person": {"columns": ["id", "id"], "values": []}},
                "cursor": 1,
                "more": False,
            }
        ),
        json.dumps(
            {"rows": {"person": {"columns": "id", "values": [["x"]]}}, "cursor": 1, "more": False}
        ),
        json.dumps(
            {"rows": {"person": {"columns": [1], "values": [[1]]}}, "cursor": 1, "more": False}
        ),
        json.dumps({"rows": {}, "cursor": "1", "more": False}),
        json.dumps({"rows": {}, "cursor": 1, "more": "no"}),
        json.dumps({"rows": {}, "cursor": 1, "more": False, "leaving": ["not-a-uuid"]}),
        json.dumps({"rows": {"person": [1, 2]}, "cursor": 1, "more": False}),
        json.dumps(
            {"rows": {"person": {"columns": ["id"], "values": [1, 2]}}, "cursor": 1, "more": False}
        ),
    ],
)
def test_a_page_hoclient_cannot_read_is_refused(two_stores: tuple[Store, Store], text: str) -> None:
    store, _other = two_stores
    with pytest.raises(PageUnreadable):
        _read_and_apply(store, text)


def test_fields_the_officer_changed_since_the_last_push_keep_the_officers_values(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    _read_and_apply(store, _page(demo_rows))
    person_id = uuid.UUID(demo_rows["person"][0]["id"])
    with store.begin() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.phone = "07700 900123"  # waits in the outbox
    centre_row = _one_person(
        demo_rows,
        phone="020 7946 0000",
        town="Centreville",
        version=demo_rows["person"][0]["version"] + 1,
    )
    _read_and_apply(store, _page({"person": [centre_row]}))
    with store.begin() as session:
        person = session.get(Person, person_id)
        assert person is not None
        assert (person.phone, person.town) == ("07700 900123", "Centreville")
    with store.engine.connect() as connection:
        server_version = connection.exec_driver_sql(
            "SELECT server_version FROM sync_row_state WHERE row_id = ?", (person_id.hex,)
        ).scalar_one()
    assert server_version == centre_row["version"]


def _databases(connection: Connection) -> list[str]:
    return [name for _number, name, _file in connection.exec_driver_sql("PRAGMA database_list")]


def test_a_pages_checked_rows_wait_in_memory_and_are_freed_once_it_is_applied(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    # Read in the pull's own thread, checked rows wait in a private database in memory: never
    # on disk unencrypted, and gone once the store has them.
    store, _other = two_stores
    read = read_page(_page(demo_rows))
    assert read.staging is not None and "mode=memory" in read.staging.uri
    with store.engine.connect() as connection:
        with connection.begin():
            apply_page(connection, read)
            assert len(_databases(connection)) == 2
        read.release(connection)
        assert _databases(connection) == ["main"]
    with pytest.raises(sqlcipher.ProgrammingError, match="closed"):
        read.staging.connection.execute("SELECT 1")


def test_a_refused_page_leaves_nothing_attached_to_the_store(
    two_stores: tuple[Store, Store], demo_rows: dict[str, list[dict[str, Any]]]
) -> None:
    store, _other = two_stores
    rows = {**demo_rows, "person": [*demo_rows["person"][1:], _one_person(demo_rows, sex="X")]}
    with pytest.raises(PageUnreadable):
        _read_and_apply(store, _page(rows))
    with store.engine.connect() as connection:
        assert _databases(connection) == ["main"]
        assert all(rows == [] for rows in _stored(connection).values())
