"""The Street count page of the main window.

A senior officer (the count coordinator) sets counts up, watches every team's entries arrive
as they sync, settles the possible duplicates the centre flagged, sees the totals by area and
by the return's categories in a table and a chart, and exports the return as CSV. An officer
sees the entries and refers a person who agreed to contact to outreach; a volunteer never
reaches this page (their window is the count form).
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hoclient.security.roles import Permission, may
from hoclient.services.changes import Changes
from hoclient.services.clock import LONDON
from hoclient.services.errors import PossibleDuplicate
from hoclient.services.officers import officers_on_this_laptop
from hoclient.services.persons import PersonDetails
from hoclient.services.street_count_entries import EntryView, area_entries
from hoclient.services.street_count_outreach import refer_to_outreach
from hoclient.services.street_count_setup import (
    CountSetup,
    CountView,
    add_area,
    add_team,
    assign_volunteer,
    count_setup,
    create_count,
    list_counts,
)
from hoclient.services.street_count_totals import (
    CountTotals,
    DuplicateView,
    count_totals,
    duplicates,
    export_return_csv,
    settle_duplicate,
)
from hoclient.services.views import CaseView, OfficerView
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.street_count.count_dialogs import NewCountDialog, ReferDialog
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.views import table_view
from hoclient.vocabulary import DuplicateVerdict, OutreachConsent


@dataclass(frozen=True)
class TotalRow:
    group: str
    label: str
    number: int


ENTRY_COLUMNS: tuple[Column[EntryView], ...] = (
    Column("Time", lambda e: e.details.seen_at.astimezone(LONDON).strftime("%H:%M"), True),
    Column("Area", lambda e: e.area_name),
    Column("Team", lambda e: e.team_name),
    Column("Where", lambda e: e.location),
    Column("Seen", lambda e: e.details.status.value),
    Column("Sex", lambda e: e.details.sex.value),
    Column("Age", lambda e: e.details.age_band.value),
    Column("Nationality", lambda e: e.details.nationality_band.value),
    Column("Outreach", lambda e: _outreach(e)),
    Column("Concern", lambda e: "Yes" if e.details.concern else "", True),
    Column("Description", lambda e: e.details.description),
)
DUPLICATE_COLUMNS: tuple[Column[DuplicateView], ...] = (
    Column("Why", lambda d: d.reason),
    Column("First seen", lambda d: f"{d.first.team_name}: {d.first.location}"),
    Column("Then", lambda d: f"{d.second.team_name}: {d.second.location}"),
    Column(
        "Descriptions", lambda d: f"{d.first.details.description} / {d.second.details.description}"
    ),
)
TOTAL_COLUMNS: tuple[Column[TotalRow], ...] = (
    Column("", lambda r: r.group),
    Column("", lambda r: r.label),
    Column("People", lambda r: str(r.number), True),
)


def _outreach(entry: EntryView) -> str:
    if entry.referred_case_reference:
        return f"Referred: {entry.referred_case_reference}"
    return "Agreed" if entry.details.outreach_consent is OutreachConsent.YES else ""


def total_rows(totals: CountTotals) -> list[TotalRow]:
    rows = [TotalRow("Counted", "All areas", totals.total)]
    rows += [TotalRow("Area", area.area_name, area.counted) for area in totals.by_area]
    rows += [TotalRow("Sex", sex.value, n) for sex, n in totals.by_sex.items()]
    rows += [TotalRow("Age", band.value, n) for band, n in totals.by_age_band.items()]
    rows += [
        TotalRow("Nationality", band.value, n) for band, n in totals.by_nationality_band.items()
    ]
    rows.append(TotalRow("Seen, not counted", "All areas", totals.seen_not_counted))
    rows.append(TotalRow("Duplicates", "Counted once", totals.counted_once_as_duplicates))
    rows.append(TotalRow("Duplicates", "Still to settle", totals.duplicates_to_settle))
    return rows


class StreetCountPage(QWidget):
    loaded = Signal()  # everything for the chosen count is shown
    referred = Signal(object)  # the CaseView of a new outreach approach

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        officer = context.officer
        self.coordinating = may(officer.role, Permission.COORDINATE_STREET_COUNT)
        self.referring = may(officer.role, Permission.WRITE_CASEWORK)
        title = QLabel("Street count")
        title.setObjectName("pageTitle")
        self.counts = QComboBox()
        self.counts.setAccessibleName("Count")
        self.counts.currentIndexChanged.connect(self.reload)
        self.new_count_button = QPushButton("&New count…")
        self.new_count_button.clicked.connect(self.new_count)
        self.new_count_button.setVisible(self.coordinating)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.notice = QLabel()  # what the last action did
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.counts, 1)
        top.addWidget(self.new_count_button)

        self.tabs = QTabWidget()
        self.entries_model: RowsModel[EntryView] = RowsModel(ENTRY_COLUMNS, self)
        self.entries_view = table_view()
        self.entries_view.setModel(self.entries_model)
        self.refer_button = QPushButton("&Refer to outreach…")
        self.refer_button.clicked.connect(self.refer_chosen)
        self.refer_button.setVisible(self.referring)
        entries_tab = QWidget()
        entries_layout = QVBoxLayout(entries_tab)
        entries_layout.addWidget(self.entries_view)
        entries_layout.addWidget(self.refer_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(entries_tab, "&Entries")

        self.duplicates_model: RowsModel[DuplicateView] = RowsModel(DUPLICATE_COLUMNS, self)
        self.totals_model: RowsModel[TotalRow] = RowsModel(TOTAL_COLUMNS, self)
        self.chart_view = QChartView()
        if self.coordinating:
            self.tabs.addTab(self._duplicates_tab(), "&Duplicates")
            self.tabs.addTab(self._totals_tab(), "&Totals")
            self.tabs.addTab(self._set_up_tab(), "&Set-up")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        context.changed.connect(self._changed)
        self.load_counts()

    # Tabs.

    def _duplicates_tab(self) -> QWidget:
        self.duplicates_view = table_view()
        self.duplicates_view.setModel(self.duplicates_model)
        self.duplicates_view.setWordWrap(True)
        same = QPushButton("Same &person (count once)")
        same.clicked.connect(lambda: self.settle(DuplicateVerdict.SAME_PERSON))
        different = QPushButton("&Different people")
        different.clicked.connect(lambda: self.settle(DuplicateVerdict.DIFFERENT_PEOPLE))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.duplicates_view)
        self.settle_buttons = {
            DuplicateVerdict.SAME_PERSON.name: same,
            DuplicateVerdict.DIFFERENT_PEOPLE.name: different,
        }
        buttons = QHBoxLayout()
        buttons.addWidget(same)
        buttons.addWidget(different)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return tab

    def _totals_tab(self) -> QWidget:
        self.totals_view = table_view()
        self.totals_view.setModel(self.totals_model)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(420)
        export = QPushButton("E&xport the return as CSV…")
        export.clicked.connect(self.export)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(self.totals_view, 2)
        row.addWidget(self.chart_view, 3)
        layout.addLayout(row, 1)
        layout.addWidget(export, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _set_up_tab(self) -> QWidget:
        self.set_up_text = QLabel()
        self.set_up_text.setWordWrap(True)
        self.set_up_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.area_name = QLineEdit()
        self.area_name.setPlaceholderText("Area name")
        self.area_route = QLineEdit()
        self.area_route.setPlaceholderText("Route, for example 'Market Square, then High Street'")
        add_area_button = QPushButton("Add &area")
        add_area_button.clicked.connect(self.add_area)
        self.team_name = QLineEdit()
        self.team_name.setPlaceholderText("Team name")
        self.team_area = QComboBox()
        add_team_button = QPushButton("Add t&eam")
        add_team_button.clicked.connect(self.add_team)
        self.volunteer = QComboBox()
        self.volunteer_team = QComboBox()
        assign_button = QPushButton("Put on &team")
        assign_button.clicked.connect(self.assign)
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(self.set_up_text)
        area_row = QHBoxLayout()
        area_row.addWidget(self.area_name, 1)
        area_row.addWidget(self.area_route, 2)
        area_row.addWidget(add_area_button)
        form.addRow("New area", area_row)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team_name, 1)
        team_row.addWidget(self.team_area, 1)
        team_row.addWidget(add_team_button)
        form.addRow("New team", team_row)
        volunteer_row = QHBoxLayout()
        volunteer_row.addWidget(self.volunteer, 1)
        volunteer_row.addWidget(self.volunteer_team, 1)
        volunteer_row.addWidget(assign_button)
        form.addRow("Volunteer", volunteer_row)
        return tab

    # Loading.

    def current_count(self) -> CountView | None:
        count = self.counts.currentData()
        return count if isinstance(count, CountView) else None

    def load_counts(self, choose: uuid.UUID | None = None) -> None:
        store, officer = self.context.store, self.context.officer
        chosen = choose or (count.count_id if (count := self.current_count()) else None)

        def show(counts: list[CountView]) -> None:
            self.counts.blockSignals(True)
            self.counts.clear()
            for count in counts:
                self.counts.addItem(f"{count.name} — night of {count.night_of:%-d %B %Y}", count)
            ids = [count.count_id for count in counts]
            self.counts.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
            self.counts.blockSignals(False)
            self.reload()

        self.context.read(lambda: list_counts(store, officer), show, owner=self)

    def reload(self) -> None:
        count = self.current_count()
        if count is None:
            self.warnings.setText("No count on this laptop yet.")
            self.loaded.emit()
            return
        self.warnings.setText("\n".join(count.warnings))
        store, officer, coordinating = self.context.store, self.context.officer, self.coordinating

        def load() -> tuple[
            list[EntryView],
            list[DuplicateView],
            CountTotals | None,
            CountSetup | None,
            list[OfficerView],
        ]:
            entries = area_entries(store, officer, count.count_id)
            if not coordinating:
                return entries, [], None, None, []
            return (
                entries,
                duplicates(store, officer, count.count_id),
                count_totals(store, officer, count.count_id),
                count_setup(store, officer, count.count_id),
                officers_on_this_laptop(store),
            )

        self.context.read(load, self._show, owner=self)

    def _show(
        self,
        loaded: tuple[
            list[EntryView],
            list[DuplicateView],
            CountTotals | None,
            CountSetup | None,
            list[OfficerView],
        ],
    ) -> None:
        entries, flags, totals, setup, people = loaded
        self.entries_model.set_rows(entries)
        self.duplicates_model.set_rows(flags)
        if totals is not None:
            self.totals_model.set_rows(total_rows(totals))
            self._draw_chart(totals)
        if setup is not None:
            self._show_setup(setup, people)
        self.loaded.emit()

    def _draw_chart(self, totals: CountTotals) -> None:
        chart = QChart()
        chart.setTitle(f"People counted by area ({totals.total} in all)")
        series = QBarSeries()
        counted = QBarSet("Counted")
        not_counted = QBarSet("Seen, not counted")
        for area in totals.by_area:
            counted.append(area.counted)
            not_counted.append(area.seen_not_counted)
        series.append(counted)
        series.append(not_counted)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([area.area_name for area in totals.by_area])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        highest = max([area.counted for area in totals.by_area] + [1])
        values.setRange(0, highest)
        values.setTickCount(min(highest, 10) + 1)
        values.setLabelFormat("%d")
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _show_setup(self, setup: CountSetup, people: list[OfficerView]) -> None:
        lines = [f"Areas: {', '.join(area.name for area in setup.areas) or 'none yet'}."]
        for team in setup.teams:
            members = ", ".join(v.name for v in team.volunteers) or "nobody yet"
            lines.append(f"{team.name} ({team.area_name}): {members}.")
        self.set_up_text.setText("\n".join(lines))
        self.team_area.clear()
        for area in setup.areas:
            self.team_area.addItem(area.name, area.area_id)
        self.volunteer_team.clear()
        for team in setup.teams:
            self.volunteer_team.addItem(team.name, team.team_id)
        self.volunteer.clear()
        for person in people:
            self.volunteer.addItem(f"{person.display_name} ({person.role.value})", person.id)

    def _changed(self, _changes: Changes) -> None:
        self.reload()

    # Actions.

    def new_count(self) -> None:
        dialog = NewCountDialog(self.context.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        details, store, officer = dialog.details(), self.context.store, self.context.officer
        self.context.change(
            lambda: create_count(store, officer, details),
            lambda _count: Changes(),
            lambda count: self.load_counts(count.count_id),
            owner=self,
        )

    def add_area(self) -> None:
        count = self.current_count()
        if count is None:
            return
        store, officer = self.context.store, self.context.officer
        name, route = self.area_name.text(), self.area_route.text()
        self.context.change(
            lambda: add_area(store, officer, count.count_id, name, route),
            lambda _area: Changes(),
            lambda _area: self._area_added(),
            owner=self,
        )

    def _area_added(self) -> None:
        self.area_name.clear()
        self.area_route.clear()

    def add_team(self) -> None:
        area_id = self.team_area.currentData()
        if not isinstance(area_id, uuid.UUID):
            return
        store, officer, name = self.context.store, self.context.officer, self.team_name.text()
        self.context.change(
            lambda: add_team(store, officer, area_id, name),
            lambda _team: Changes(),
            lambda _team: self.team_name.clear(),
            owner=self,
        )

    def assign(self) -> None:
        team_id, volunteer_id = self.volunteer_team.currentData(), self.volunteer.currentData()
        if not isinstance(team_id, uuid.UUID) or not isinstance(volunteer_id, uuid.UUID):
            return
        store, officer = self.context.store, self.context.officer
        self.context.change(
            lambda: assign_volunteer(store, officer, team_id, volunteer_id),
            lambda _none: Changes(),
            lambda _none: None,
            owner=self,
        )

    def settle(self, verdict: DuplicateVerdict) -> None:
        flag = self.duplicates_model.row_at(self.duplicates_view.currentIndex().row())
        if flag is None:
            return
        store, officer = self.context.store, self.context.officer
        self.context.change(
            lambda: settle_duplicate(store, officer, flag.flag_id, verdict),
            lambda _flag: Changes(),
            lambda _flag: None,
            owner=self,
        )

    def export(self) -> None:
        count = self.current_count()
        if count is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export the return", f"street-count-{count.night_of}.csv", "CSV (*.csv)"
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        count = self.current_count()
        assert count is not None
        store, officer = self.context.store, self.context.officer
        self.context.read(
            lambda: export_return_csv(store, officer, count.count_id, path),
            lambda totals: self.notice.setText(
                f"Return saved to {path}: {totals.total} people counted."
            ),
            owner=self,
        )

    def refer_chosen(self) -> None:
        entry = self.entries_model.row_at(self.entries_view.currentIndex().row())
        if entry is None:
            return
        dialog = ReferDialog(entry.details.description, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refer(entry, dialog.applicant())

    def refer(self, entry: EntryView, applicant: PersonDetails, *, confirmed: bool = False) -> None:
        store, officer, today = self.context.store, self.context.officer, self.context.today()

        def failed(error: Exception) -> None:
            if isinstance(error, PossibleDuplicate) and not confirmed:
                answer = QMessageBox.question(
                    self, "Refer to outreach", f"{error}\n\nOpen a case for someone new?"
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self.refer(entry, applicant, confirmed=True)
                return
            report_error(self, error)

        self.context.change(
            lambda: refer_to_outreach(
                store,
                officer,
                entry.entry_id,
                applicant,
                today=today,
                confirmed_new_person=confirmed,
            ),
            lambda case: Changes(cases=True, persons=True, case_id=case.case_id),
            self._referred,
            owner=self,
            on_error=failed,
        )

    def _referred(self, case: CaseView) -> None:
        self.notice.setText(f"Referred to outreach: case {case.reference}.")
        self.referred.emit(case)
