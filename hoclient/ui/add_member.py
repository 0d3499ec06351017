"""Add member: someone who lives, or might reasonably be expected to live, with the applicant."""

import uuid

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QWidget

from hoclient.services.changes import Changes
from hoclient.services.households import NewMember, add_household_member, member_input_problems
from hoclient.services.views import MemberView
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.person_form import PersonForm, SaveCall, form_layout
from hoclient.vocabulary import Relationship

CHOOSE_RELATIONSHIP = "Choose how this person is related to the applicant."


class AddMemberDialog(PersonForm):
    """Adds a member to one case's household. `saved` carries the new MemberView."""

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, applicant_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(context, f"Add a member to the household of {applicant_name}", parent)
        self.case_id = case_id
        person = self.person_group("Person")  # first, so its problems are found first
        self.relationship = QComboBox()
        for relationship in Relationship:
            if relationship is not Relationship.APPLICANT:
                self.relationship.addItem(relationship.value, relationship)
        self.relationship.setPlaceholderText("Choose")
        self.relationship.setCurrentIndex(-1)
        self.normally_resides = QCheckBox("Normally lives with the applicant")
        self.normally_resides.setChecked(True)
        self.dependent_child = QCheckBox("Dependent child")
        self.pregnant = QCheckBox("Pregnant")
        self.expected_due_on = DateField()
        self.expected_due_on.setEnabled(False)
        self.pregnant.toggled.connect(self._pregnant_toggled)

        household = QGroupBox("In the household")
        layout = form_layout()
        self.add_row(layout, "&Relationship to applicant", "relationship", self.relationship)
        self.add_row(layout, "", "normally_resides", self.normally_resides)
        self.add_row(layout, "", "dependent_child", self.dependent_child)
        self.add_row(layout, "", "pregnant", self.pregnant)
        self.add_row(layout, "Expected &due date", "expected_due_on", self.expected_due_on)
        household.setLayout(layout)
        self._assemble([[person], [household]])
        self.family_name.setFocus()

    def member(self) -> NewMember:
        """The member as typed; with no relationship chosen yet it reads as Other, and
        current_problems asks for one."""
        relationship = self.relationship.currentData()
        pregnant = self.pregnant.isChecked()
        return NewMember(
            person=self.person_details(),
            relationship=(
                relationship if isinstance(relationship, Relationship) else Relationship.OTHER
            ),
            normally_resides_with_applicant=self.normally_resides.isChecked(),
            dependent_child=self.dependent_child.isChecked(),
            pregnant=pregnant,
            expected_due_on=self.expected_due_on.value() if pregnant else None,
        )

    def current_problems(self) -> dict[str, str]:
        problems = member_input_problems(self.member(), today=self.context.today())
        problems.update(self.person_problems_of_form())
        if self.relationship.currentIndex() < 0:
            problems["relationship"] = CHOOSE_RELATIONSHIP
        if self.pregnant.isChecked() and self.expected_due_on.problem():
            problems["expected_due_on"] = UNREADABLE_DATE
        return problems

    def _save_call(self, existing_person_id: uuid.UUID | None, confirmed_new: bool) -> SaveCall:
        context, case_id, member = self.context, self.case_id, self.member()
        today = context.today()
        return lambda: add_household_member(
            context.store,
            context.officer,
            case_id,
            member,
            today=today,
            existing_person_id=existing_person_id,
            confirmed_new_person=confirmed_new,
        )

    def _changes(self, saved: MemberView) -> Changes:
        # The caseload shows household sizes, and search shows each member's role.
        return Changes(cases=True, household=True, persons=True, case_id=self.case_id)

    def _pregnant_toggled(self, pregnant: bool) -> None:
        if not pregnant:
            self.expected_due_on.clear()
        self.expected_due_on.setEnabled(pregnant)
