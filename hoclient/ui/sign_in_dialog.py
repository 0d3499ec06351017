"""The first thing the app shows: who is working. Needs no signal (services/sign_in.py)."""

from PySide6.QtCore import Qt
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

from hoclient.services.sign_in import SignInRefused, sign_in
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.enrol_dialog import ClientFor, EnrolDialog, http_client
from hoclient.ui.errors import report_error
from hoclient.ui.workers import BackgroundJobs, Job

NOBODY_ENROLLED = (
    "Nobody can sign in on this laptop yet. Enrol it with the sync service (once, with a "
    "signal): choose Enrol this laptop."
)


class SignInDialog(QDialog):
    """Username and password; `officer` is set when the dialog is accepted. A laptop nobody
    has enrolled on says so and offers to enrol it."""

    def __init__(
        self,
        store: Store,
        *,
        username: str | None = None,
        anyone_enrolled: bool = True,
        client_for: ClientFor = http_client,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.client_for = client_for
        self.officer: OfficerView | None = None
        # Checking a password costs argon2id's deliberate ~0.1-0.7 s: off the UI thread.
        self.jobs = BackgroundJobs(1, self)
        self.setWindowTitle("Sign in — hoclient")
        self.setObjectName("signInDialog")

        title = QLabel("Sign in to hoclient")
        title.setObjectName("pageTitle")
        hint = QLabel(
            "Use the username and password you enrolled this laptop with. "
            "Signing in works with no signal."
        )
        hint.setWordWrap(True)
        self.username = QLineEdit(username or "")
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.message = QLabel()
        self.message.setObjectName("fieldProblem")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why sign-in was refused")
        self.message.hide()

        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton("&Sign in")
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.setDefault(True)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)  # Return always means Sign in
        self.enrol_button = buttons.addButton(
            "&Enrol this laptop…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.enrol_button.setAutoDefault(False)
        self.enrol_button.clicked.connect(self.enrol)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)
        if not anyone_enrolled:
            self._say(NOBODY_ENROLLED)
            self.enrol_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def enrol(self) -> None:
        dialog = EnrolDialog(self.store, client_for=self.client_for, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # The centre has just checked this password; sign in with it as usual.
        self.username.setText(dialog.username.text().strip())
        self.password.setText(dialog.password.text())
        self.message.hide()
        self.submit()

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._say("Give your username and password.")
            (self.password if username else self.username).setFocus()
            return
        self._busy(True)
        store = self.store
        job = Job.of(lambda: sign_in(store, username, password))
        job.signals.succeeded.connect(self._signed_in)
        job.signals.failed.connect(self._refused)
        self.jobs.start(job)

    def _signed_in(self, officer: object) -> None:
        assert isinstance(officer, OfficerView)
        self.officer = officer
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._busy(False)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, SignInRefused):
            self._say(str(error))
        else:
            report_error(self, error)

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.sign_in_button, self.enrol_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText("Checking…" if busy else "&Sign in")
        if not busy:
            self.sign_in_button.setDefault(True)  # disabling it handed the default on

    def done(self, result: int) -> None:  # QDialog.done: no worker outlives the dialog
        self.jobs.wait_for_done()
        super().done(result)
