"""Frozen, plain values handed to the UI: it never holds a live ORM object."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    CaseStatus,
    ReferralSource,
    Relationship,
    Role,
    Sex,
)


@dataclass(frozen=True)
class OfficerView:
    id: uuid.UUID
    display_name: str
    role: Role
    team_id: uuid.UUID | None
    team_name: str | None


@dataclass(frozen=True)
class CaseRow:
    """A line of My caseload."""

    case_id: uuid.UUID
    reference: str
    applicant_name: str
    date_of_birth: date | None
    postcode: str | None
    approached_on: date
    status: CaseStatus
    household_size: int
    officer_name: str | None


@dataclass(frozen=True)
class PersonMatch:
    """Someone already on record who may be the person being entered."""

    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    ni_number: str | None
    postcode: str | None
    case_references: tuple[str, ...]


class SearchKind(Enum):
    NAME = "name"
    DATE_OF_BIRTH = "date of birth"
    NI_NUMBER = "NI number"
    POSTCODE = "postcode"
    CASE_REFERENCE = "case reference"


@dataclass(frozen=True)
class SearchHit:
    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    ni_number: str | None
    postcode: str | None
    case_id: uuid.UUID | None
    case_reference: str | None
    relationship: Relationship | None
    case_status: CaseStatus | None
    approached_on: date | None


@dataclass(frozen=True)
class SearchResult:
    kind: SearchKind | None  # None: nothing searchable was typed
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class CaseView:
    """The case window's header and the facts of the approach."""

    case_id: uuid.UUID
    reference: str
    applicant_person_id: uuid.UUID
    applicant_name: str
    approached_on: date
    approach_method: ApproachMethod
    referral_source: ReferralSource | None
    referring_agency: str | None
    duty_to_refer: bool
    address: str
    accommodation_at_approach: AccommodationAtApproach
    officer_name: str | None
    team_name: str | None
    status: CaseStatus


@dataclass(frozen=True)
class MemberView:
    member_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    date_of_birth: date | None
    age: int | None
    sex: Sex
    relationship: Relationship
    normally_resides_with_applicant: bool
    dependent_child: bool
    pregnant: bool
    expected_due_on: date | None


@dataclass(frozen=True)
class NoteView:
    note_id: uuid.UUID
    written_at: datetime
    author_name: str
    text: str
    corrects_note_id: uuid.UUID | None
    corrected_by_note_id: uuid.UUID | None


@dataclass(frozen=True)
class StoreCounts:
    persons: int
    cases: int
    open_cases: int
    notes: int
