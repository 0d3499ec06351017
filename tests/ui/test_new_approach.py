"""New approach: checked as the officer types, saved on the writer, duplicates asked about."""

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hoclient.services.caseload import CaseloadQuery, CaseloadScope, caseload_count
from hoclient.services.store_status import store_counts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.duplicates import PossibleDuplicateDialog
from hoclient.ui.main_window import MainWindow
from hoclient.ui.new_approach import NewApproachForm
from hoclient.vocabulary import ApproachMethod, ReferralSource
from tests.ui.helpers import click, record_case, type_approach


def _open_form(qtbot: QtBot, window: MainWindow) -> NewApproachForm:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.new_approach_form
    assert form is not None
    qtbot.waitUntil(form.isActiveWindow)  # the window manager hands it the keyboard
    return form


def test_a_new_approach_is_saved_and_its_case_opens(
    qtbot: QtBot, main_window: MainWindow, store: Store
) -> None:
    form = _open_form(qtbot, main_window)
    type_approach(qtbot, form)
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        click(qtbot, form.save_button)
    case = saved.args[0]
    assert case.applicant_name == "OKAFOR, Grace"
    assert case.case_id in main_window.case_windows
    qtbot.waitUntil(lambda: main_window.new_approach_form is None)
    model = main_window.caseload_view.model()
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "OKAFOR, Grace"
    assert store_counts(store).cases == 1


def test_bad_input_says_what_is_wrong_in_plain_words_and_saves_nothing(
    qtbot: QtBot, main_window: MainWindow, store: Store
) -> None:
    form = _open_form(qtbot, main_window)
    qtbot.keyClicks(form.given_names, "Grace")
    qtbot.keyClicks(form.ni_number, "QQ 12 34 56 Z")
    form.approached_on.setDate(QDate(2026, 12, 25))  # a month after "today"
    with qtbot.assertNotEmitted(form.saved, wait=200):
        click(qtbot, form.save_button)
    shown = form.messages.shown()
    assert shown["family_name"] == "Enter the family name."
    assert "is not a valid NI number" in shown["ni_number"]
    assert shown["approached_on"] == "The approach date cannot be in the future."
    assert shown["accommodation_at_approach"] == "Choose where the applicant is living now."
    assert form.messages.label("family_name").isVisible()
    assert form.problem_summary.isVisible()
    assert form.isVisible(), "the form stays open for the officer to correct"
    assert store_counts(store).cases == 0


def test_a_message_waits_until_the_field_is_touched_then_follows_the_typing(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    form = _open_form(qtbot, main_window)
    assert form.messages.shown() == {}, "a fresh form is not a wall of red"
    qtbot.keyClicks(form.ni_number, "AB 12")
    assert form.messages.shown() == {
        "ni_number": "An NI number has 2 letters, 6 numbers and a final letter A to D, "
        "like AB 12 34 56 C."
    }
    qtbot.keyClicks(form.ni_number, " 34 56 C")
    assert form.messages.shown() == {}
    form.family_name.setFocus()
    form.given_names.setFocus()  # leaving a blank field touches it
    assert form.messages.shown() == {"family_name": "Enter the family name."}


def test_an_unreadable_date_of_birth_is_named_and_not_known_clears_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    form = _open_form(qtbot, main_window)
    qtbot.keyClicks(form.date_of_birth, "31/02/1990")
    assert form.messages.shown()["date_of_birth"].startswith("Enter the date as day/month/year")
    form.date_of_birth.clear()
    qtbot.keyClicks(form.date_of_birth, "2/3/1990")
    assert form.date_of_birth.date() == QDate(1990, 3, 2)
    assert "date_of_birth" not in form.messages.shown()
    form.date_of_birth_not_known.setChecked(True)
    assert form.date_of_birth.text() == "" and not form.date_of_birth.isEnabled()
    assert form.person_details().date_of_birth is None


def test_a_referral_needs_to_say_who_referred(
    qtbot: QtBot, main_window: MainWindow, store: Store
) -> None:
    form = _open_form(qtbot, main_window)
    type_approach(qtbot, form)
    form.approach_method.setCurrentIndex(form.approach_method.findData(ApproachMethod.REFERRAL))
    with qtbot.assertNotEmitted(form.saved, wait=100):
        click(qtbot, form.save_button)
    assert form.messages.shown() == {"referral_source": "Choose who made the referral."}
    form.referral_source.setCurrentIndex(form.referral_source.findData(ReferralSource.PROBATION))
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        click(qtbot, form.save_button)
    assert saved.args[0].duty_to_refer
    window = main_window.case_windows[saved.args[0].case_id]
    assert window.referral_label.text() == "Probation service — duty to refer (s213B)"


def _save_a_second_okafor(
    qtbot: QtBot, window: MainWindow
) -> tuple[NewApproachForm, PossibleDuplicateDialog]:
    """Type Grace Okafor, born 02/03/1990, into a new form and save: she is already on record."""
    form = _open_form(qtbot, window)
    type_approach(qtbot, form)
    click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: form.duplicate_dialog is not None)
    assert form.duplicate_dialog is not None
    return form, form.duplicate_dialog


def test_the_same_name_and_birth_date_asks_and_use_this_person_keeps_one_person(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    first = record_case(store, officer)
    form, dialog = _save_a_second_okafor(qtbot, main_window)
    assert dialog.matches_table.item(0, 0).text() == "OKAFOR, Grace"
    assert dialog.matches_table.item(0, 1).text() == "02 Mar 1990"
    assert dialog.matches_table.item(0, 4).text() == first.reference
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        click(qtbot, dialog.use_button)
    assert saved.args[0].applicant_person_id == first.applicant_person_id
    counts = store_counts(store)
    assert (counts.persons, counts.cases) == (1, 2)


def test_this_is_someone_new_makes_a_second_person(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    first = record_case(store, officer)
    form, dialog = _save_a_second_okafor(qtbot, main_window)
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        click(qtbot, dialog.new_person_button)
    assert saved.args[0].applicant_person_id != first.applicant_person_id
    counts = store_counts(store)
    assert (counts.persons, counts.cases) == (2, 2)


def test_cancel_on_the_duplicate_question_saves_nothing_and_keeps_the_form(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    record_case(store, officer)
    form, dialog = _save_a_second_okafor(qtbot, main_window)
    with qtbot.assertNotEmitted(form.saved, wait=200):
        click(qtbot, dialog.cancel_button)
    assert form.isVisible() and form.save_button.isEnabled()
    assert form.family_name.text() == "Okafor", "nothing typed is lost"
    counts = store_counts(store)
    assert (counts.persons, counts.cases) == (1, 1)
    assert caseload_count(store, officer, CaseloadQuery(scope=CaseloadScope.ALL)) == 1


def test_tab_moves_through_the_form_in_the_order_it_reads(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    form = _open_form(qtbot, main_window)
    expected = [
        form.family_name,
        form.given_names,
        form.previous_family_names,
        form.date_of_birth,
        form.date_of_birth_not_known,
        form.sex,
        form.ni_number,
        form.phone,
        form.email,
        form.main_language,
        form.interpreter_needed,
        form.nationality,
        form.approached_on,
        form.approach_method,
        form.referral_source,
        form.referring_agency,
        form.address_line_1,
        form.address_line_2,
        form.town,
        form.postcode,
        form.accommodation_at_approach,
        form.cancel_button,
        form.save_button,
    ]
    form.family_name.setFocus()
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == expected
