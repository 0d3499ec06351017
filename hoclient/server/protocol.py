"""The sync API's messages (`/v1`), shared by the central service and the laptop's client.

Values inside `fields` and rows are in the sync codec's JSON form (hoclient.models.sync_codec).
"""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

API_VERSION = "v1"
JsonValue = None | bool | int | float | str
Row = dict[str, JsonValue]

MAX_PUSH_CHANGES = 1000
MAX_PULL_ROWS = 5000


class EnrolRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)


class EnrolResponse(BaseModel):
    device_id: uuid.UUID
    token: str
    officer_id: uuid.UUID
    officer_name: str
    team_id: uuid.UUID | None
    role: str
    # The council's case-bundle key, base64 (hoclient.server.bundle_key). None for a device
    # that holds no casework (a volunteer's), and from a centre older than the key; a laptop
    # enrolled without it asks GET /v1/bundle-key at its next sync.
    bundle_key: str | None = None


class BundleKey(BaseModel):
    key: str  # base64 of 32 bytes


class Change(BaseModel):
    change_id: uuid.UUID
    table: str = Field(max_length=60)
    row_id: uuid.UUID
    operation: Literal["insert", "update"]
    fields: dict[str, JsonValue]
    base_version: int | None = None
    changed_by: uuid.UUID | None = None
    changed_at: datetime


Outcome = Literal["applied", "duplicate", "conflict", "refused"]


class ChangeResult(BaseModel):
    change_id: uuid.UUID
    outcome: Outcome
    reason: str | None = None
    version: int | None = None


class PushRequest(BaseModel):
    changes: list[Change] = Field(max_length=MAX_PUSH_CHANGES)


class PushResponse(BaseModel):
    results: list[ChangeResult]


class PullRequest(BaseModel):
    cursor: int | None = Field(default=None, ge=0)  # None: a new laptop's first pull
    # The cases the laptop holds: a case in scope that is not among them arrives whole.
    held_case_ids: list[uuid.UUID] = Field(default_factory=list)
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_ROWS)
    # The cases that arrived whole earlier in this same pull, and the lowest `whole_cases_at`
    # of their pages: their rows at or below it are on the laptop already, and the feed does
    # not send them again.
    whole_case_ids: list[uuid.UUID] = Field(default_factory=list)
    whole_cases_at: int | None = Field(default=None, ge=0)
    # A page of the cases entering scope, asked for by its place in their list (in id order,
    # leaving out held_case_ids): skip `cases_from` of them, send at most `cases_limit`. So a
    # laptop can ask for several pages at once, before the ones before them arrive. A page past
    # the list's end carries no rows. The list may move between pages (a case closed or
    # opened meanwhile): a case sent twice is stored once, and a case passed over is sent by
    # the next request made without cases_from, as every case in scope and not held is.
    cases_from: int | None = Field(default=None, ge=0)
    cases_limit: int | None = Field(default=None, ge=1)


class TableRows(BaseModel):
    """One table's rows in a pull page: each row is its values in the order of `columns`."""

    columns: list[str]
    values: list[list[JsonValue]]


class PullResponse(BaseModel):
    """A pull page. Bytes values (letters' PDFs) are not in the JSON: a row holds the number of
    a blob, `blobs` lists the blobs' lengths, and the answer (application/vnd.hoclient.pull-page)
    is the JSON's length in decimal and a newline, the JSON, then the blobs back to back. A page
    with no bytes is the JSON alone (application/json)."""

    rows: dict[str, TableRows]  # table -> its rows, each with every column
    cursor: int
    more: bool
    # On the last page: held cases that are no longer in the device's scope (closed, moved to
    # another team, visit mark taken off). The laptop removes them once nothing of theirs is
    # waiting to be sent.
    leaving: list[uuid.UUID] = Field(default_factory=list)
    # On a page of cases arriving whole: the feed position they are complete to (every change
    # at or below it is in the page).
    whole_cases_at: int | None = None
    blobs: list[int] = Field(default_factory=list)  # each blob's length, in number order


class VisitMark(BaseModel):
    case_id: uuid.UUID
    reference: str
    marked: bool


class Health(BaseModel):
    status: Literal["ok"]
    database: str
