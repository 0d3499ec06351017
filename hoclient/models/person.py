"""A person known to the service: applicant or household member, in any number of cases."""

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoclient.models.base import SyncedRow
from hoclient.vocabulary import GenderIdentity, RecourseToPublicFunds, Sex


class ImmigrationStatus(SyncedRow):
    """Reference data the council edits: the immigration classes that decide eligibility
    (s185) are not fixed in hoclient (../shared/domain/duties.md: do not invent them)."""

    __tablename__ = "immigration_status"

    label: Mapped[str] = mapped_column(String(200), unique=True)


class Person(SyncedRow):
    __tablename__ = "person"

    family_name: Mapped[str] = mapped_column(String(100))
    given_names: Mapped[str] = mapped_column(String(150))
    date_of_birth: Mapped[date | None] = mapped_column(index=True)
    sex: Mapped[Sex] = mapped_column(default=Sex.NOT_KNOWN)
    gender_identity: Mapped[GenderIdentity] = mapped_column(default=GenderIdentity.NOT_KNOWN)
    # Stored without spaces, upper case (hoclient.casework.identity.normalise_ni_number).
    ni_number: Mapped[str | None] = mapped_column(String(9), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    address_line_1: Mapped[str | None] = mapped_column(String(200))
    address_line_2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    # The postcode without spaces: a prefix search is then an index range (benchmarks/).
    postcode_key: Mapped[str | None] = mapped_column(String(8), index=True)
    main_language: Mapped[str | None] = mapped_column(String(60))
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    nationality: Mapped[str | None] = mapped_column(String(80))
    immigration_status_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("immigration_status.id")
    )
    immigration_status_notes: Mapped[str | None] = mapped_column(Text)
    recourse_to_public_funds: Mapped[RecourseToPublicFunds] = mapped_column(
        default=RecourseToPublicFunds.NOT_KNOWN
    )
    previous_names: Mapped[list["PersonPreviousName"]] = relationship()


class PersonPreviousName(SyncedRow):
    """A name the person was known by before: searched like the current one."""

    __tablename__ = "person_previous_name"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    family_name: Mapped[str] = mapped_column(String(100))
    given_names: Mapped[str] = mapped_column(String(150))
