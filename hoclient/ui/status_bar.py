"""The status bar: who is working, on which store, and how much it holds."""

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hoclient.services.changes import Changes
from hoclient.services.store_status import store_counts
from hoclient.services.views import StoreCounts
from hoclient.ui.context import AppContext
from hoclient.ui.formatting import counted


def describe_counts(counts: StoreCounts) -> str:
    return " · ".join(
        (
            counted(counts.persons, "person", "people"),
            f"{counted(counts.cases, 'case', 'cases')} ({counts.open_cases:,} open)",
            counted(counts.notes, "note", "notes"),
        )
    )


class StatusBar(QStatusBar):
    """Online, pending changes and conflicts join this bar with sync (a later issue); until
    then it claims nothing about them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
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
        context.changed.connect(self._data_changed)
        self.refresh_counts()

    def refresh_counts(self) -> None:
        self._request += 1
        request, store = self._request, self.context.store

        def show(counts: StoreCounts) -> None:
            if request == self._request:
                self.counts_label.setText(describe_counts(counts))

        self.context.read(lambda: store_counts(store), show, owner=self)

    def _data_changed(self, _changes: Changes) -> None:
        self.refresh_counts()  # every change moves at least one figure
