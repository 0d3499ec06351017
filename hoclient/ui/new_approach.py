"""New approach: the applicant, how they came to the service, and where they live now."""

import uuid

from PySide6.QtWidgets import QComboBox, QGroupBox, QWidget

from hoclient.services.approaches import NewApproach, approach_problems, record_new_approach
from hoclient.services.changes import Changes
from hoclient.services.views import CaseView
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.person_form import PersonForm, SaveCall, form_layout, line_edit
from hoclient.vocabulary import AccommodationAtApproach, ApproachMethod, ReferralSource


class NewApproachForm(PersonForm):
    """Opens a case. `saved` carries the new case's CaseView."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "New approach", parent)
        applicant = self.person_group("Applicant")  # first, so its problems are found first
        self.approached_on = DateField()
        self.approached_on.setDate(context.today())
        self.approach_method = QComboBox()
        for method in ApproachMethod:
            self.approach_method.addItem(method.value, method)
        self.referral_source = QComboBox()
        # An item for "none", so a source chosen by mistake can be taken back.
        self.referral_source.addItem("Not a referral", None)
        for source in ReferralSource:
            self.referral_source.addItem(source.value, source)
        self.referring_agency = line_edit("e.g. HMP Brixton, Probation Lambeth")
        self.address_line_1 = line_edit()
        self.address_line_2 = line_edit()
        self.town = line_edit(max_length=100)
        self.postcode = line_edit("SW1A 1AA", max_length=10)
        self.accommodation_at_approach = QComboBox()
        for accommodation in AccommodationAtApproach:
            self.accommodation_at_approach.addItem(accommodation.value, accommodation)
        # No choice to start with: the officer must ask, not accept a default.
        self.accommodation_at_approach.setPlaceholderText("Choose where they are living now")
        self.accommodation_at_approach.setCurrentIndex(-1)

        approach = QGroupBox("Approach")
        approach_layout = form_layout()
        self.add_row(approach_layout, "&Date of approach", "approached_on", self.approached_on)
        self.add_row(
            approach_layout, "&How they approached", "approach_method", self.approach_method
        )
        self.referral_label = self.add_row(
            approach_layout, "&Referred by", "referral_source", self.referral_source
        )
        self.add_row(
            approach_layout, "Referring agenc&y", "referring_agency", self.referring_agency
        )
        approach.setLayout(approach_layout)

        address = QGroupBox("Where they live now")
        address_layout = form_layout()
        self.add_row(address_layout, "&Address", "address_line_1", self.address_line_1)
        self.add_row(address_layout, "", "address_line_2", self.address_line_2)
        self.add_row(address_layout, "T&own", "town", self.town)
        self.add_row(address_layout, "Post&code", "postcode", self.postcode)
        self.add_row(
            address_layout,
            "Accommodat&ion at approach",
            "accommodation_at_approach",
            self.accommodation_at_approach,
        )
        address.setLayout(address_layout)

        self.approach_method.currentIndexChanged.connect(self._method_changed)
        self._assemble([[applicant], [approach, address]])
        self.family_name.setFocus()

    def approach(self) -> NewApproach:
        """The approach as typed; a blank or unreadable approach date reads as today, and
        current_problems says so."""
        method = self.approach_method.currentData()
        source = self.referral_source.currentData()
        accommodation = self.accommodation_at_approach.currentData()
        return NewApproach(
            applicant=self.person_details(),
            approached_on=self.approached_on.value() or self.context.today(),
            approach_method=(
                method if isinstance(method, ApproachMethod) else ApproachMethod.IN_PERSON
            ),
            accommodation_at_approach=(
                accommodation if isinstance(accommodation, AccommodationAtApproach) else None
            ),
            referral_source=source if isinstance(source, ReferralSource) else None,
            referring_agency=self.referring_agency.text(),
            address_line_1=self.address_line_1.text(),
            address_line_2=self.address_line_2.text(),
            town=self.town.text(),
            postcode=self.postcode.text(),
        )

    def current_problems(self) -> dict[str, str]:
        problems = approach_problems(self.approach(), today=self.context.today())
        problems.update(self.person_problems_of_form())
        if self.approached_on.is_blank():
            problems["approached_on"] = "Enter the date of the approach."
        elif self.approached_on.value() is None:
            problems["approached_on"] = UNREADABLE_DATE
        return problems

    def _save_call(self, existing_person_id: uuid.UUID | None, confirmed_new: bool) -> SaveCall:
        context, approach, today = self.context, self.approach(), self.context.today()
        return lambda: record_new_approach(
            context.store,
            context.officer,
            approach,
            today=today,
            existing_person_id=existing_person_id,
            confirmed_new_person=confirmed_new,
        )

    def _changes(self, saved: CaseView) -> Changes:
        return Changes(cases=True, household=True, persons=True, case_id=saved.case_id)

    def _method_changed(self) -> None:
        referral = self.approach_method.currentData() is ApproachMethod.REFERRAL
        self.referral_label.setText("&Referred by (required)" if referral else "&Referred by")
