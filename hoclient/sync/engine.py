"""The laptop's sync: push the outbox, then pull the centre's changes (DESIGN.md, Sync).

Safe to stop at any point, by a cut connection or a killed process:
- Push: the centre applies a batch in one transaction and answers per change. Entries leave
  the outbox only when their answer is in; an answer lost on the way makes the next push send
  the same change ids again, which the centre answers "duplicate" without applying twice.
- Pull: each page is applied in one local transaction that also moves the cursor, so a page
  is either all in, with its cursor, or not in at all and fetched again.
"""

import base64
import binascii
import json
import queue
import threading
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.orm import Session

from hoclient.models import SyncOutbox
from hoclient.models.sync_codec import PUSH_ONLY_TABLES, synced_tables, table_of
from hoclient.models.types import utc_now
from hoclient.server.protocol import (
    BundleKey,
    Change,
    EnrolRequest,
    EnrolResponse,
    JsonValue,
    PullRequest,
    PushRequest,
    PushResponse,
)
from hoclient.sync.credentials import (
    NoBundleKey,
    load_bundle_key,
    load_token,
    save_bundle_key,
    save_token,
)
from hoclient.sync.local_removal import cases_to_keep, forget_cases
from hoclient.sync.page_apply import PageUnreadable, ReadPage, apply_page, read_page
from hoclient.sync.retention import OnPurged, purge_expired_cases
from hoclient.sync.settings import (
    CURSOR,
    DEVICE_ID,
    LAST_SYNC_AT,
    SERVER_URL,
    read_cursor,
    read_device_id,
    read_setting,
    write_setting,
)

_outbox = table_of(SyncOutbox)
# Outbox entries of casework: everything but the audit events that travel with it.
_CASEWORK = _outbox.c.table_name.not_in(PUSH_ONLY_TABLES)
_case = synced_tables()["housing_case"]
PUSH_BATCH = 500
PULL_PAGE_ROWS = 1000
BUNDLE_KEY_BYTES = 32


class SyncFailed(Exception):
    """Sync stopped; its message is what the officer reads. Nothing is lost: run it again."""


@dataclass
class SyncReport:
    # Casework only: the audit events that travel with it are counted apart, as they are not
    # changes the officer made (a volunteer's one tally entry is one change, not two).
    pushed: int = 0
    duplicates: int = 0
    conflicts: int = 0
    audit_events: int = 0
    refused: list[str] = field(default_factory=list)
    pulled_rows: int = 0
    pages: int = 0
    removed_cases: int = 0  # left this laptop's scope
    purged_cases: int = 0  # past the retention period
    bundle_key_received: bool = False  # a laptop enrolled before enrolment gave the key
    bundle_key_problem: str | None = None  # the key could not be fetched or kept

    def summary(self) -> str:
        text = (
            f"Sent {self.pushed} change(s) ({self.duplicates} already at the centre, "
            f"{self.conflicts} in conflict)"
        )
        if self.audit_events:
            text += f" and {self.audit_events} audit event(s)"
        text += f"; received {self.pulled_rows} row(s) in {self.pages} page(s)."
        if self.removed_cases:
            text += f" {self.removed_cases} case(s) no longer yours removed from this laptop."
        if self.purged_cases:
            text += f" {self.purged_cases} case(s) past the retention period removed."
        if self.refused:
            text += f" {len(self.refused)} change(s) refused by the centre."
        if self.bundle_key_received:
            text += " Received the council's case-bundle key: case bundles are now encrypted."
        if self.bundle_key_problem:
            text += f" {self.bundle_key_problem}"
        return text


# Called between steps; tests use it to stop a sync at each one.
Checkpoint = Callable[[str], None]


def _no_checkpoint(_step: str) -> None:
    return None


# Called inside each local transaction that applied rows from elsewhere (a pulled page, an
# imported bundle), with the cases those rows touched: the app and the CLI pass
# hoclient.services.sync_followups.refresh_derived_rows, which works the cases' clocks out
# again. Sync sits below services in the layers, so it is handed the derivation, not importing
# it; being in the same transaction, a page and its derived rows commit together.
AfterApply = Callable[[Connection, set[uuid.UUID]], None]


def _nothing_derived(_connection: Connection, _case_ids: set[uuid.UUID]) -> None:
    return None


def enrol(engine: Engine, client: httpx.Client, *, username: str, password: str) -> EnrolResponse:
    """Sign the officer in at the centre once; the token goes to the OS keyring.

    A store that already holds unsent casework from before enrolment is refused: that work was
    made as a local officer in a local team the centre does not know, and would be refused.
    Unsent audit events alone do not stop it (see below).
    """
    with engine.connect() as connection:
        never_synced = read_cursor(connection) is None
        if never_synced and connection.scalar(select(_outbox.c.position).where(_CASEWORK)):
            raise SyncFailed(
                "This store already holds work made before enrolment, which the centre would "
                "refuse. Enrol with a new store (--db)."
            )
    response = _post(client, "/v1/devices", EnrolRequest(username=username, password=password))
    enrolment = EnrolResponse.model_validate(response)
    save_token(enrolment.device_id, enrolment.token)
    if enrolment.bundle_key is not None:
        try:
            save_bundle_key(enrolment.device_id, _bundle_key(enrolment.bundle_key))
        except NoBundleKey as error:
            raise SyncFailed(str(error)) from error
    with engine.begin() as connection:
        if never_synced:
            # Audit events from before enrolment (a sign-in, a case opened) name a local
            # officer the centre does not know, so it refuses them ("not the officer this
            # device is enrolled for"): the first sync would report refusals nobody can act
            # on. They stay in this laptop's own trail (audit_event) and are not sent.
            connection.execute(delete(_outbox).where(_outbox.c.table_name.in_(PUSH_ONLY_TABLES)))
        write_setting(connection, SERVER_URL, str(client.base_url))
        write_setting(connection, DEVICE_ID, str(enrolment.device_id))
    return enrolment


def mark_for_visit(client: httpx.Client, token: str, reference: str, *, marked: bool) -> None:
    """Put a case in (or take it out of) this officer's scope at the centre; it arrives whole
    with the next sync. Needs the network: the laptop cannot see cases outside its scope."""
    path = f"/v1/scope/visits/{quote(reference.strip(), safe='')}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        response = (
            client.put(path, headers=headers) if marked else client.delete(path, headers=headers)
        )
    except httpx.HTTPError as error:
        raise SyncFailed(f"Cannot reach the sync service: {error}") from error
    if response.status_code >= 400:
        raise SyncFailed(_detail(response) or f"The sync service answered {response.status_code}.")


def device_token(engine: Engine) -> str:
    with engine.connect() as connection:
        device_id = read_device_id(connection)
    if device_id is None:
        raise SyncFailed("This laptop is not enrolled: run hoclient enrol first.")
    return load_token(device_id)


def synchronise(
    engine: Engine,
    client: httpx.Client,
    token: str,
    *,
    push_batch: int = PUSH_BATCH,
    page_rows: int = PULL_PAGE_ROWS,
    checkpoint: Checkpoint = _no_checkpoint,
    after_apply: AfterApply = _nothing_derived,
    on_purged: OnPurged | None = None,
    today: date | None = None,
) -> SyncReport:
    """Push, pull, remove the cases that left scope, purge those past retention; fetch the
    case-bundle key if this laptop has none."""
    report = SyncReport()
    headers = {"Authorization": f"Bearer {token}"}
    push(engine, client, headers, report, batch=push_batch, checkpoint=checkpoint)
    pull(
        engine,
        client,
        headers,
        report,
        page_rows=page_rows,
        checkpoint=checkpoint,
        after_apply=after_apply,
    )
    with engine.begin() as connection, Session(bind=connection) as session:
        purged = purge_expired_cases(session, today=today or london_today(), on_purged=on_purged)
        report.purged_cases = len(purged)
        write_setting(connection, LAST_SYNC_AT, utc_now().isoformat())
        session.flush()
    _fetch_bundle_key_if_missing(engine, client, headers, report)
    return report


def _fetch_bundle_key_if_missing(
    engine: Engine, client: httpx.Client, headers: dict[str, str], report: SyncReport
) -> None:
    """A laptop enrolled before enrolment gave the bundle key gets it at its next sync.

    The sync's own work is done by now: a key that cannot be had is reported, not a failed
    sync. A volunteer's device (403) and a centre older than the key (404) have none to give.
    """
    with engine.connect() as connection:
        device_id = read_device_id(connection)
    if device_id is None:
        return
    try:
        known = load_bundle_key(device_id)
    except NoBundleKey:
        known = None  # unreadable: replaced below by the centre's
    if known is not None:
        return
    try:
        response = client.get("/v1/bundle-key", headers=headers)
    except httpx.HTTPError as error:
        report.bundle_key_problem = f"Cannot fetch the council's case-bundle key: {error}"
        return
    if response.status_code in (403, 404):
        return
    try:
        if response.status_code >= 400:
            raise SyncFailed(f"the sync service answered {response.status_code}")
        key = _bundle_key(BundleKey.model_validate(response.json()).key)
        save_bundle_key(device_id, key)
    except (SyncFailed, NoBundleKey, ValueError) as error:
        report.bundle_key_problem = f"Cannot fetch the council's case-bundle key: {error}"
        return
    report.bundle_key_received = True


def _bundle_key(encoded: str) -> bytes:
    try:
        key = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        key = b""
    if len(key) != BUNDLE_KEY_BYTES:
        raise SyncFailed("The sync service sent a case-bundle key hoclient cannot use.")
    return key


def london_today() -> date:
    """Statutory and retention days are counted in Europe/London (DESIGN.md, Data)."""
    return datetime.now(ZoneInfo("Europe/London")).date()


def push(
    engine: Engine,
    client: httpx.Client,
    headers: dict[str, str],
    report: SyncReport,
    *,
    batch: int,
    checkpoint: Checkpoint,
) -> None:
    after = 0
    while True:
        with engine.connect() as connection:
            entries = connection.execute(
                select(_outbox)
                .where(_outbox.c.position > after)
                .order_by(_outbox.c.position)
                .limit(batch)
            ).all()
        if not entries:
            return
        after = entries[-1].position
        changes = [
            Change(
                change_id=entry.change_id,
                table=entry.table_name,
                row_id=entry.row_id,
                operation=entry.operation,
                fields=_json_object(entry.fields),
                base_version=entry.base_version,
                changed_by=entry.changed_by,
                changed_at=entry.changed_at,
            )
            for entry in entries
        ]
        checkpoint("push: before send")
        answer = PushResponse.model_validate(
            _post(client, "/v1/push", PushRequest(changes=changes), headers)
        )
        checkpoint("push: answer received")
        audit = {entry.change_id for entry in entries if entry.table_name in PUSH_ONLY_TABLES}
        answered: list[uuid.UUID] = []
        for result in answer.results:
            answered.append(result.change_id)
            if result.change_id in audit and result.outcome != "refused":
                # Append-only, so applied or already there; a duplicate is no news to anyone.
                if result.outcome == "applied":
                    report.audit_events += 1
            elif result.outcome == "applied":
                report.pushed += 1
            elif result.outcome == "duplicate":
                report.duplicates += 1
            elif result.outcome == "conflict":
                report.pushed += 1
                report.conflicts += 1
            else:
                report.refused.append(f"{result.change_id}: {result.reason}")
        with engine.begin() as connection:
            connection.execute(delete(_outbox).where(_outbox.c.change_id.in_(answered)))
            checkpoint("push: before local commit")


def pull(
    engine: Engine,
    client: httpx.Client,
    headers: dict[str, str],
    report: SyncReport,
    *,
    page_rows: int,
    checkpoint: Checkpoint,
    after_apply: AfterApply = _nothing_derived,
) -> None:
    with engine.connect() as connection:
        cursor = read_cursor(connection)
        held = list(connection.scalars(select(_case.c.id)))
    with _PagesAhead(client, headers, checkpoint, cursor, held, page_rows) as pages:
        while True:
            try:
                page = pages.next()
            except PageUnreadable as error:
                raise SyncFailed(str(error)) from error
            with engine.connect() as connection:
                try:
                    checkpoint("pull: page received")
                    with connection.begin():
                        try:
                            applied = apply_page(connection, page)
                        except PageUnreadable as error:
                            raise SyncFailed(str(error)) from error
                        report.pulled_rows += applied.rows
                        after_apply(connection, applied.cases_touched)
                        write_setting(connection, CURSOR, str(page.cursor))
                        checkpoint("pull: before local commit")
                finally:
                    page.release(connection)
            report.pages += 1
            if not page.more:
                if page.leaving:
                    checkpoint("pull: before removing cases out of scope")
                    report.removed_cases += _remove_out_of_scope(engine, page.leaving)
                return


# A new laptop asks for the cases entering its scope by their place in the list, this many
# cases a page: small first pages, so the store starts soon.
FIRST_SYNC_CASES_PER_PAGE = (100, 300, 500)
# Pages of cases asked for at once on a first sync: the centre builds the next while it sends
# this one (one at a time, the store waited for the centre for a third of a first sync).
PAGES_ASKED_AT_ONCE = 2


class _PagesAhead:
    """A pull's pages, fetched and read in a thread of their own ahead of the store: the
    centre builds the next page, and the laptop reads and checks it (into a private in-memory
    database, page_apply.read_page), while the store takes this one. Each request needs only
    the page before it (its cursor and the cases it brought), so it goes as soon as that page's
    header is read. On a first sync, the pages of cases entering scope are asked for by their
    place in the list (protocol.PullRequest.cases_from), two at a time, until one comes back
    short; then the pull goes on a page at a time, asking with every case it now holds. At most
    one read page waits; a page fetched but never applied (a failure, a cut) is simply asked
    for again."""

    def __init__(
        self,
        client: httpx.Client,
        headers: dict[str, str],
        checkpoint: Checkpoint,
        cursor: int | None,
        held: list[uuid.UUID],
        page_rows: int,
    ) -> None:
        self._client, self._headers, self._checkpoint = client, headers, checkpoint
        self._cursor, self._held, self._page_rows = cursor, held, page_rows
        # Cases that arrived whole in this pull, and the feed position all of them are
        # complete to: the feed then leaves out their rows it would send again.
        self._whole: list[uuid.UUID] = []
        self._whole_at: int | None = None
        # Pages of cases asked for by place (a first sync): the held cases their places are
        # counted without, the next page's place, and how many such pages were asked for.
        self._placed_held: list[uuid.UUID] = []
        self._next_from: int | None = None
        self._placed_asked = 0
        self._ready: queue.Queue[ReadPage | Exception] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fetch_all, name="hoclient-pull")

    def __enter__(self) -> "_PagesAhead":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        # A page read but never applied (a failure, a cut) frees its staged rows.
        while not self._ready.empty():
            if isinstance(item := self._ready.get_nowait(), ReadPage):
                item.release()

    def next(self) -> ReadPage:
        """The next page, or the fetching thread's failure raised here."""
        item = self._ready.get()
        if isinstance(item, Exception):
            raise item
        return item

    def _fetch_all(self) -> None:
        # Requests go from threads of their own: the next one is sent as soon as a page's
        # header is read, and the centre builds that page while this thread checks the rows
        # of the one before. Answers are read in the order they were asked for.
        with ThreadPoolExecutor(
            PAGES_ASKED_AT_ONCE, thread_name_prefix="hoclient-pull-request"
        ) as requests:
            # Each answer, and the number of cases it was asked for by place (None: a request
            # made with every case held).
            asked: deque[tuple[Future[bytes], int | None]] = deque()

            def ask(request: PullRequest, cases: int | None = None) -> None:
                asked.append((requests.submit(self._ask, request), cases))

            def ask_placed() -> None:
                assert self._next_from is not None and self._cursor is not None
                sizes = FIRST_SYNC_CASES_PER_PAGE
                cases = sizes[min(self._placed_asked, len(sizes) - 1)]
                self._placed_asked += 1
                request = PullRequest(
                    cursor=self._cursor,
                    held_case_ids=self._placed_held,
                    limit=self._page_rows,
                    cases_from=self._next_from,
                    cases_limit=cases,
                )
                self._next_from += cases
                ask(request, cases)

            def ask_next(page: ReadPage, cases: int | None) -> None:
                if not page.more:
                    return
                # A page by place that brings only cases already here: a centre that does not
                # know places (older than them) sent its first page of cases again.
                brings_new = cases is None or not set(page.case_ids) <= set(self._held)
                self._remember(page)
                first_sync = self._cursor is None
                self._cursor = page.cursor
                if first_sync:  # the reference data: now the cases, by place
                    self._placed_held = list(self._held)
                    self._next_from = 0
                    for _ in range(PAGES_ASKED_AT_ONCE):
                        ask_placed()
                    return
                if cases is None:
                    ask(self._asking_from(page.cursor))
                    return
                if self._next_from is not None and len(page.case_ids) >= cases and brings_new:
                    ask_placed()
                else:
                    self._next_from = None  # the list's end: no more pages by place
                placed_coming = any(placed is not None for _answer, placed in asked)
                if self._next_from is None and not placed_coming:
                    ask(self._asking_from(page.cursor))

            ask(self._asking_from(self._cursor))
            try:
                while not self._stop.is_set():
                    answer, cases = asked.popleft()
                    page = read_page(answer.result(), header_read=partial(ask_next, cases=cases))
                    if not self._hand_over(page):
                        page.release()
                    if not page.more:
                        return
            except Exception as error:  # the store's thread raises it (next)
                self._hand_over(error)

    def _ask(self, request: PullRequest) -> bytes:
        self._checkpoint("pull: before request")
        body: bytes = _post(self._client, "/v1/pull", request, self._headers, as_json=False)
        return body

    def _remember(self, page: ReadPage) -> None:
        """The cases this page brought, for the next request."""
        # In order, once each: a list test per case was quadratic.
        self._held = list(dict.fromkeys([*self._held, *page.case_ids]))
        if (at := page.whole_cases_at) is not None:
            self._whole = [*self._whole, *page.case_ids]
            self._whole_at = at if self._whole_at is None else min(self._whole_at, at)

    def _hand_over(self, item: ReadPage | Exception) -> bool:
        """Queue the item for the store's thread; False if the pull stopped first."""
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _asking_from(self, cursor: int | None) -> PullRequest:
        return PullRequest(
            cursor=cursor,
            held_case_ids=self._held,
            limit=self._page_rows,
            whole_case_ids=self._whole,
            whole_cases_at=self._whole_at,
        )


def _remove_out_of_scope(engine: Engine, case_ids: list[uuid.UUID]) -> int:
    """Take cases that left this laptop's scope off it, keeping any with a change not yet at
    the centre or a conflict not yet resolved (a later sync removes them)."""
    with engine.begin() as connection, Session(bind=connection) as session:
        kept = cases_to_keep(connection)
        removed = forget_cases(session, [c for c in case_ids if c not in kept])
        session.flush()
        return removed


def _post(
    client: httpx.Client,
    path: str,
    body: EnrolRequest | PushRequest | PullRequest,
    headers: dict[str, str] | None = None,
    *,
    as_json: bool = True,
) -> Any:
    try:
        response = client.post(
            path,
            content=body.model_dump_json(),
            headers={"Content-Type": "application/json", **(headers or {})},
        )
    except httpx.HTTPError as error:
        raise SyncFailed(f"Cannot reach the sync service: {error}") from error
    if response.status_code == 401:
        raise SyncFailed(_detail(response) or "The sync service did not accept this device.")
    if response.status_code >= 400:
        raise SyncFailed(f"The sync service answered {response.status_code}: {_detail(response)}")
    if not as_json:
        # A pull page goes to the store as it came (page_apply.py reads it inside SQLite).
        return response.content
    try:
        return response.json()
    except ValueError as error:
        raise SyncFailed("The sync service sent an answer that is not JSON.") from error


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.text[:200]
    return detail if isinstance(detail, str) else str(detail)


def _json_object(text: str) -> dict[str, JsonValue]:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


def last_sync_at(engine: Engine) -> datetime | None:
    with engine.connect() as connection:
        value = read_setting(connection, LAST_SYNC_AT)
    return datetime.fromisoformat(value) if value else None
