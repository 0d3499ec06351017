"""Builders for the app's sync tests: an enrolled laptop's window on an in-process centre."""

import uuid
from datetime import date

import httpx
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hoclient.models import HousingCase, SyncConflict
from hoclient.server.central import Central
from hoclient.services.case_edits import edit_case
from hoclient.services.changes import Changes
from hoclient.services.views import CaseView
from hoclient.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.sync.conftest import Laptop, Laptops
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case


def app_on(open_app: OpenApp, laptop: Laptop, transport: httpx.BaseTransport) -> MainWindow:
    window = open_app(laptop.store)
    window.sync.transport = transport
    return window


def sync_and_wait(qtbot: QtBot, window: MainWindow) -> object:
    """Press F5 as the officer would, and wait for the sync to end; what it ended with."""
    with qtbot.waitSignal(window.sync.finished, timeout=20_000) as blocker:
        window.sync_now_action.trigger()
    return blocker.args[0] if blocker.args else None


def record_in_app(qtbot: QtBot, window: MainWindow, family: str = "Okafor") -> CaseView:
    """Record a case on the app's writer, announced like any save in the app."""
    context = window.context
    saved: list[CaseView] = []
    context.change(
        lambda: record_case(context.store, context.officer, family),
        lambda case: Changes(cases=True, case_id=case.case_id),
        saved.append,
        owner=window,
    )
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    return saved[0]


def set_field(laptop: Laptop, reference: str, field: str, value: str) -> None:
    edit_case(laptop.store, laptop.officer, reference, {field: value}, today=TODAY)


def two_laptops_in_conflict(
    laptops: Laptops, field: str, mine: str, theirs: str
) -> tuple[Laptop, Laptop, CaseView]:
    """Grace's laptop (the app's) and Kofi's both change `field` of one case; Kofi syncs
    first, so the centre holds his value and Grace's sync will meet a conflict."""
    laptops.officer("grace", team="North")
    laptops.officer("kofi", team="North")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record_case(grace.store, grace.officer, approached_on=date(2026, 11, 2))
    grace.sync()
    kofi.sync()
    set_field(grace, case.reference, field, mine)
    set_field(kofi, case.reference, field, theirs)
    kofi.sync()
    return grace, kofi, case


def central_case(central: Central, case_id: uuid.UUID) -> dict[str, object]:
    table = HousingCase.__table__
    with central.read() as connection:
        row = connection.execute(select(table).where(table.c.id == case_id)).mappings().one()
    return dict(row)


def central_conflicts(central: Central) -> list[dict[str, object]]:
    table = SyncConflict.__table__
    with central.read() as connection:
        return [dict(row) for row in connection.execute(select(table)).mappings()]
