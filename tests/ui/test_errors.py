"""Errors: the officer reads a ServiceError's own words; anything else is logged as a bug."""

import logging

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hoclient.services.errors import NotFound
from hoclient.ui.errors import report_error


def test_a_service_error_is_shown_in_its_own_words(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    box = report_error(parent, NotFound("That case is not on this laptop."))
    assert box.text() == "That case is not on this laptop."
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_anything_else_is_logged_with_its_traceback_and_shown_as_something_went_wrong(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        raise KeyError("case_id")
    except KeyError as error:
        with caplog.at_level(logging.ERROR, logger="hoclient.ui.errors"):
            box = report_error(parent, error)
    assert box.text() == "Something went wrong: 'case_id'"
    assert caplog.records and caplog.records[0].exc_info is not None
    box.close()
