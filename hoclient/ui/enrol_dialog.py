"""Enrol this laptop with the sync service, from the sign-in dialog: online, once."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.enrolment import Enrolled, EnrolmentFailed, enrol_this_laptop
from hoclient.store.handle import Store
from hoclient.ui.errors import report_error
from hoclient.ui.workers import BackgroundJobs, Job

ClientFor = Callable[[str], AbstractContextManager[httpx.Client]]


def http_client(server: str) -> httpx.Client:
    return httpx.Client(base_url=server, timeout=60)


class EnrolDialog(QDialog):
    """Sync service address, username, password; `username` and `password` are kept for the
    sign-in that follows when the dialog is accepted."""

    def __init__(
        self, store: Store, *, client_for: ClientFor = http_client, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.client_for = store, client_for
        self.enrolled: Enrolled | None = None
        self.jobs = BackgroundJobs(1, self)  # the first sync may take a while: off the UI
        self.setWindowTitle("Enrol this laptop — hoclient")
        hint = QLabel(
            "Once, with a signal: the sync service checks your password, sends your team's "
            "cases, and from then on you can sign in here offline."
        )
        hint.setWordWrap(True)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://sync.example-council.gov.uk")
        self.server.setAccessibleName("Sync service address")
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.message = QLabel()
        self.message.setObjectName("fieldProblem")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow("Sync &service", self.server)
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox()
        self.enrol_button = QPushButton("&Enrol")
        self.enrol_button.setObjectName("primaryButton")
        self.enrol_button.setDefault(True)
        buttons.addButton(self.enrol_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        server = self.server.text().strip()
        username, password = self.username.text().strip(), self.password.text()
        if not (server and username and password):
            self._say("Give the sync service's address, your username and your password.")
            return
        if not server.startswith(("https://", "http://")):
            self._say("The sync service's address starts with https://.")
            return
        self._busy(True)
        store, client_for = self.store, self.client_for

        def enrol() -> Enrolled:
            with client_for(server) as client:
                return enrol_this_laptop(store, client, username=username, password=password)

        job = Job.of(enrol)
        job.signals.succeeded.connect(self._enrolled)
        job.signals.failed.connect(self._failed)
        self.jobs.start(job)

    def _enrolled(self, enrolled: object) -> None:
        assert isinstance(enrolled, Enrolled)
        self.enrolled = enrolled
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, EnrolmentFailed):
            self._say(str(error))
        else:
            report_error(self, error)

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.enrol_button):
            widget.setEnabled(not busy)
        self.enrol_button.setText("Enrolling…" if busy else "&Enrol")
        if not busy:
            self.enrol_button.setDefault(True)

    def done(self, result: int) -> None:  # QDialog.done: no worker outlives the dialog
        self.jobs.wait_for_done()
        super().done(result)
