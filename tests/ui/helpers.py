"""Builders for UI tests: fictional people, recorded through services."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.new_approach import NewApproachForm
from hoclient.vocabulary import AccommodationAtApproach
from tests.services.helpers import approach_for, record


def record_case(
    store: Store,
    officer: OfficerView,
    family: str = "Okafor",
    given: str = "Grace",
    *,
    born_on: date | None = date(1990, 3, 2),
    approached_on: date = date(2026, 11, 2),
    postcode: str = "",
) -> CaseView:
    return record(
        store,
        officer,
        approach_for(family, given, born_on, approached_on=approached_on, postcode=postcode),
    )


def type_approach(
    qtbot: QtBot,
    form: NewApproachForm,
    family: str = "Okafor",
    given: str = "Grace",
    born_on: QDate | None = None,
) -> None:
    """Type an applicant as an officer would; dates and lists through their own setters."""
    qtbot.keyClicks(form.family_name, family)
    qtbot.keyClicks(form.given_names, given)
    form.date_of_birth.setDate(born_on or QDate(1990, 3, 2))
    qtbot.keyClicks(form.postcode, "SW1A 1AA")
    form.approached_on.setDate(QDate(2026, 11, 2))
    form.accommodation_at_approach.setCurrentIndex(
        form.accommodation_at_approach.findData(AccommodationAtApproach.WITH_FAMILY)
    )


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
