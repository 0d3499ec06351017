"""The Household tab: who is in the household, and adding someone to it."""

import uuid

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hoclient.services.households import household_of
from hoclient.services.views import MemberView
from hoclient.ui.add_member import AddMemberDialog
from hoclient.ui.context import AppContext
from hoclient.ui.formatting import counted, uk_date, uk_date_or, yes_no
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view
from hoclient.ui.windows import bring_to_front, give_keyboard_back

ADD_MEMBER_SHORTCUT = "Ctrl+Shift+M"


def _pregnancy(member: MemberView) -> str:
    if not member.pregnant:
        return "No"
    if member.expected_due_on is None:
        return "Yes"
    return f"Yes, due {uk_date(member.expected_due_on)}"


MEMBER_COLUMNS: tuple[Column[MemberView], ...] = (
    Column("Name", lambda member: member.name),
    Column("Date of birth", lambda member: uk_date_or(member.date_of_birth, "Not known")),
    Column("Age", lambda member: "" if member.age is None else str(member.age), centred=True),
    Column("Sex", lambda member: member.sex.value),
    Column("Relationship", lambda member: member.relationship.value),
    Column(
        "Normally resides",
        lambda member: yes_no(member.normally_resides_with_applicant),
        centred=True,
    ),
    Column("Dependent child", lambda member: yes_no(member.dependent_child), centred=True),
    Column("Pregnant", _pregnancy),
)


class HouseholdModel(RowsModel[MemberView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(MEMBER_COLUMNS, parent)


class HouseholdTab(QWidget):
    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        applicant_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.applicant_name = applicant_name
        self.add_member_dialog: AddMemberDialog | None = None
        self.model = HouseholdModel(self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Household members")
        set_column_widths(
            self.view,
            {
                0: "FITZGERALD, Christopher",
                1: "Date of birth",
                2: "Age",
                3: "Not known",
                4: "Brother or sister",
                5: "Normally resides",
                6: "Dependent child",
            },
        )
        self.summary = QLabel()
        self.add_member_button = QPushButton("&Add member…")
        self.add_member_button.setToolTip(f"Add someone to the household ({ADD_MEMBER_SHORTCUT})")
        self.add_member_button.clicked.connect(self.open_add_member)

        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.add_member_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.reload()

    def reload(self) -> None:
        # A household is a handful of rows on one indexed case: quick enough for the UI thread.
        members = household_of(
            self.context.store, self.context.officer, self.case_id, today=self.context.today()
        )
        self.model.set_rows(members)
        self.summary.setText(counted(len(members), "person", "people") + " in the household")

    def open_add_member(self) -> None:
        if self.add_member_dialog is not None:
            bring_to_front(self.add_member_dialog)
            return
        dialog = AddMemberDialog(self.context, self.case_id, self.applicant_name, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.add_member_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.add_member_dialog = None
        give_keyboard_back(self.window())
