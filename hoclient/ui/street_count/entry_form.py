"""The form for one person seen: large, keyboard- and touch-friendly, and never losing what
is typed (a draft is kept in the store as the volunteer types)."""

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from hoclient.services.clock import LONDON
from hoclient.services.street_count_entries import EntryDetails
from hoclient.ui.street_count.choice import Choice
from hoclient.vocabulary import (
    AgeBand,
    NationalityBand,
    OutreachConsent,
    Sex,
    SiteType,
    SleepingStatus,
)

DRAFT_DELAY_MS = 400  # after the last keystroke: a write per pause, not per key


def on_night(night_of: date, at: QTime) -> datetime:
    """A clock time on a count's night: after noon, that evening; before noon, the small hours
    of the next day (Europe/London)."""
    day = night_of if at.hour() >= 12 else night_of + timedelta(days=1)
    return datetime.combine(day, time(at.hour(), at.minute()), tzinfo=LONDON)


class EntryForm(QWidget):
    """Emits `edited` (after a pause in typing) so the window can keep a draft."""

    edited = Signal()

    def __init__(self, night_of: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._night_of = night_of
        self.seen_time = QTimeEdit()
        self.seen_time.setDisplayFormat("HH:mm")
        self.seen_time.setAccessibleName("Time seen")
        self.street = QLineEdit()
        self.street.setPlaceholderText("Street")
        self.landmark = QLineEdit()
        self.landmark.setPlaceholderText("For example, doorway of the old bank")
        self.grid_reference = QLineEdit()
        self.grid_reference.setPlaceholderText("or a grid reference")
        self.site_type = QComboBox()
        for site in SiteType:
            self.site_type.addItem(site.value, site)
        self.status = Choice("Seen", list(SleepingStatus), SleepingStatus.BEDDED_DOWN, per_row=2)
        self.sex = Choice("Sex", list(Sex), Sex.NOT_KNOWN)
        self.age_band = Choice("Age", list(AgeBand), AgeBand.NOT_KNOWN, per_row=2)
        self.nationality_band = Choice(
            "Nationality (only if offered)",
            list(NationalityBand),
            NationalityBand.NOT_KNOWN,
            per_row=2,
        )
        self.description = QLineEdit()
        self.description.setPlaceholderText("Clothing, bedding, a dog: never a name")
        self.description.setToolTip("Only to tell people apart. Never names, documents or photos.")
        self.consent = Choice(
            "Outreach", list(OutreachConsent), OutreachConsent.NOT_ASKED, per_row=1
        )
        self.concern = QCheckBox("Concern: tell the coordinator")
        self.concern.setToolTip("An apparent under-18, or an urgent risk to their welfare.")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Anything else")
        self.problems = QLabel()
        self.problems.setObjectName("problemSummary")
        self.problems.setWordWrap(True)
        self.problems.hide()

        layout = QFormLayout(self)
        # Labels above their fields: the width goes to the buttons a thumb must hit.
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        layout.addRow(self.problems)
        layout.addRow("&Time seen", self.seen_time)
        layout.addRow("&Street", self.street)
        layout.addRow("&Landmark", self.landmark)
        layout.addRow("&Grid reference", self.grid_reference)
        layout.addRow("S&ite", self.site_type)
        layout.addRow("Seen", self.status)
        layout.addRow("Sex", self.sex)
        layout.addRow("Age", self.age_band)
        layout.addRow("Nationality", self.nationality_band)
        layout.addRow("&Description", self.description)
        layout.addRow("Outreach", self.consent)
        layout.addRow("", self.concern)
        layout.addRow("&Notes", self.notes)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.edited)
        for line in (self.street, self.landmark, self.grid_reference, self.description, self.notes):
            line.textEdited.connect(self._draft_timer.start)
        for choice in (self.status, self.sex, self.age_band, self.nationality_band, self.consent):
            choice.changed.connect(self._draft_timer.start)
        self.site_type.currentIndexChanged.connect(self._draft_timer.start)
        self.concern.toggled.connect(self._draft_timer.start)
        self.seen_time.timeChanged.connect(self._draft_timer.start)
        self.clear(now=datetime.now(LONDON))

    def details(self) -> EntryDetails:
        seen_at = on_night(self._night_of, self.seen_time.time())
        site = self.site_type.currentData()
        return EntryDetails(
            seen_at=seen_at,
            site_type=site if isinstance(site, SiteType) else SiteType.OTHER,
            status=self.status.value(),
            sex=self.sex.value(),
            age_band=self.age_band.value(),
            nationality_band=self.nationality_band.value(),
            outreach_consent=self.consent.value(),
            street=self.street.text(),
            landmark=self.landmark.text(),
            grid_reference=self.grid_reference.text(),
            description=self.description.text(),
            concern=self.concern.isChecked(),
            notes=self.notes.text(),
        )

    def show_details(self, details: EntryDetails) -> None:
        local = details.seen_at.astimezone(LONDON)
        self.seen_time.setTime(QTime(local.hour, local.minute))
        self.street.setText(details.street)
        self.landmark.setText(details.landmark)
        self.grid_reference.setText(details.grid_reference)
        self.site_type.setCurrentIndex(self.site_type.findData(details.site_type))
        self.status.set_value(details.status)
        self.sex.set_value(details.sex)
        self.age_band.set_value(details.age_band)
        self.nationality_band.set_value(details.nationality_band)
        self.consent.set_value(details.outreach_consent)
        self.description.setText(details.description)
        self.concern.setChecked(details.concern)
        self.notes.setText(details.notes)
        self._draft_timer.stop()

    def hold_draft(self) -> None:
        """The entry is being saved: a draft of it now would outlive it."""
        self._draft_timer.stop()

    def draft(self) -> dict[str, str]:
        """What is typed, as text: kept in the store until it is recorded."""
        details = self.details()
        return {
            "time": details.seen_at.astimezone(LONDON).strftime("%H:%M"),
            "street": details.street,
            "landmark": details.landmark,
            "grid_reference": details.grid_reference,
            "site_type": details.site_type.name,
            "status": details.status.name,
            "sex": details.sex.name,
            "age_band": details.age_band.name,
            "nationality_band": details.nationality_band.name,
            "outreach_consent": details.outreach_consent.name,
            "description": details.description,
            "concern": "yes" if details.concern else "",
            "notes": details.notes,
        }

    def restore(self, draft: dict[str, str]) -> None:
        """Fill the form from a kept draft; anything unreadable is left at its default."""
        hours, _, minutes = draft.get("time", "").partition(":")
        if hours.isdigit() and minutes.isdigit():
            self.seen_time.setTime(QTime(int(hours) % 24, int(minutes) % 60))
        for name in ("street", "landmark", "grid_reference", "description", "notes"):
            line: QLineEdit = getattr(self, name)
            line.setText(draft.get(name, ""))
        if draft.get("site_type") in SiteType.__members__:
            self.site_type.setCurrentIndex(self.site_type.findData(SiteType[draft["site_type"]]))
        if draft.get("status") in SleepingStatus.__members__:
            self.status.set_value(SleepingStatus[draft["status"]])
        if draft.get("sex") in Sex.__members__:
            self.sex.set_value(Sex[draft["sex"]])
        if draft.get("age_band") in AgeBand.__members__:
            self.age_band.set_value(AgeBand[draft["age_band"]])
        if draft.get("nationality_band") in NationalityBand.__members__:
            self.nationality_band.set_value(NationalityBand[draft["nationality_band"]])
        if draft.get("outreach_consent") in OutreachConsent.__members__:
            self.consent.set_value(OutreachConsent[draft["outreach_consent"]])
        self.concern.setChecked(draft.get("concern") == "yes")
        self._draft_timer.stop()

    def clear(self, *, now: datetime) -> None:
        """Ready for the next person: the time is now, everything else blank or not known."""
        self.seen_time.setTime(QTime(now.hour, now.minute))
        for line in (self.street, self.landmark, self.grid_reference, self.description, self.notes):
            line.clear()
        self.site_type.setCurrentIndex(self.site_type.findData(SiteType.DOORWAY))
        for choice in (self.status, self.sex, self.age_band, self.nationality_band, self.consent):
            choice.reset()
        self.concern.setChecked(False)
        self.show_problems({})
        self._draft_timer.stop()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems.setText("\n".join(problems.values()))
        self.problems.setVisible(bool(problems))
