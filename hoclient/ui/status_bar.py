"""The status bar: sync (online or offline, changes waiting, last sync, conflicts), who is
working, on which store, and how much it holds."""

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from hoclient.services.changes import Changes
from hoclient.services.store_status import store_counts
from hoclient.services.sync_runs import Contact
from hoclient.services.sync_status import SyncStatus, sync_status
from hoclient.services.views import StoreCounts
from hoclient.ui.context import AppContext
from hoclient.ui.formatting import counted, london_time
from hoclient.ui.sync_controller import SyncController

NOT_CONNECTED = "Not connected to a central service"


def describe_counts(counts: StoreCounts) -> str:
    return " · ".join(
        (
            counted(counts.persons, "person", "people"),
            f"{counted(counts.cases, 'case', 'cases')} ({counts.open_cases:,} open)",
            counted(counts.notes, "note", "notes"),
        )
    )


def contact_text(sync: SyncController) -> str:
    if not sync.enrolled:
        return NOT_CONNECTED
    if sync.running:
        return "Syncing…"
    if sync.contact is None:
        return "Not in contact yet"
    return {
        Contact.ONLINE: "Online",
        Contact.OFFLINE: "Offline",
        Contact.REFUSED: "Sync refused",
    }[sync.contact]


def pending_text(pending: int) -> str:
    if pending == 0:
        return "All changes sent"
    return f"{counted(pending, 'change', 'changes')} to send"


def last_sync_text(last_sync_at: datetime | None) -> str:
    return "Never synced" if last_sync_at is None else f"Last sync {london_time(last_sync_at)}"


def conflicts_text(conflicts: int) -> str:
    return "No conflicts" if conflicts == 0 else counted(conflicts, "conflict", "conflicts")


class StatusBar(QStatusBar):
    """Always shows the last contact with the centre, changes waiting to be sent, the last
    successful sync and conflicts to resolve; a laptop not enrolled says so instead of
    claiming to be offline."""

    conflicts_requested = Signal()

    def __init__(
        self, context: AppContext, sync: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.sync = sync
        self.contact_label = QLabel()
        self.contact_label.setObjectName("syncContact")
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.conflicts_button = QToolButton()
        self.conflicts_button.setObjectName("conflictsButton")
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.setToolTip("Open the Conflicts view (Ctrl+8)")
        self.conflicts_button.setAccessibleName("Conflicts")
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        for widget in (
            self.contact_label,
            self.pending_label,
            self.last_sync_label,
            self.conflicts_button,
        ):
            self.addPermanentWidget(widget)
        officer = context.officer
        team = f", {officer.team_name}" if officer.team_name else ""
        self.officer_label = QLabel(f"{officer.display_name}{team}")
        self.officer_label.setToolTip(f"Working as {officer.display_name} ({officer.role.value})")
        self.counts_label = QLabel("Counting…")
        self.store_label = QLabel(str(context.store.path))
        self.store_label.setToolTip(f"The store on this laptop: {context.store.path}")
        if not context.store.encrypted:
            # --dev-plain-store: nobody should mistake it for a laptop fit for real households.
            self.plain_store_label = QLabel("UNENCRYPTED STORE (development only)")
            self.plain_store_label.setObjectName("plainStoreWarning")
            self.plain_store_label.setStyleSheet("color: #b00020; font-weight: bold;")
            self.plain_store_label.setToolTip(
                "Opened with --dev-plain-store: this store is not encrypted. Never use it "
                "for real households."
            )
            self.addPermanentWidget(self.plain_store_label)
        self.addPermanentWidget(self.officer_label)
        self.addPermanentWidget(self.counts_label)
        self.addPermanentWidget(self.store_label)
        self._request = 0
        self._sync_request = 0
        self._status: SyncStatus | None = None
        context.changed.connect(self._data_changed)
        sync.state_changed.connect(self.refresh_sync)
        self.refresh_counts()
        self.refresh_sync()

    def refresh_sync(self) -> None:
        """Show the controller's state now, then the store's figures when they are read."""
        self._show_sync()
        self._sync_request += 1
        request, store = self._sync_request, self.context.store

        def show(status: SyncStatus) -> None:
            if request == self._sync_request:
                self._status = status
                self._show_sync()

        self.context.read(lambda: sync_status(store), show, owner=self)

    def _show_sync(self) -> None:
        sync, status = self.sync, self._status
        self.contact_label.setText(contact_text(sync))
        self.contact_label.setProperty("contact", sync.contact.name.lower() if sync.contact else "")
        self.contact_label.setToolTip(
            sync.last_problem or (f"Central service: {sync.server}" if sync.server else "")
        )
        self.contact_label.style().polish(self.contact_label)
        enrolled = sync.enrolled and status is not None
        for widget in (self.pending_label, self.last_sync_label, self.conflicts_button):
            widget.setVisible(enrolled)
        if status is None:
            return
        self.pending_label.setText(pending_text(status.pending_changes))
        self.last_sync_label.setText(last_sync_text(status.last_sync_at))
        self.conflicts_button.setText(conflicts_text(status.open_conflicts))
        self.conflicts_button.setProperty("open", status.open_conflicts > 0)
        self.conflicts_button.style().polish(self.conflicts_button)

    def refresh_counts(self) -> None:
        self._request += 1
        request, store = self._request, self.context.store

        def show(counts: StoreCounts) -> None:
            if request == self._request:
                self.counts_label.setText(describe_counts(counts))

        self.context.read(lambda: store_counts(store), show, owner=self)

    def _data_changed(self, _changes: Changes) -> None:
        self.refresh_counts()  # every change moves at least one figure
        self.refresh_sync()  # and adds to the changes waiting to be sent
