"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from hoclient.models.base import AppendOnlyRow, Base, SyncedRow
from hoclient.models.case_note import CaseNote
from hoclient.models.housing_case import HouseholdMember, HousingCase
from hoclient.models.local_setting import LocalSetting
from hoclient.models.officer import Officer, Team
from hoclient.models.person import ImmigrationStatus, Person, PersonPreviousName
from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    CaseStatus,
    GenderIdentity,
    RecourseToPublicFunds,
    ReferralSource,
    Relationship,
    Role,
    Sex,
)

__all__ = [
    "AccommodationAtApproach",
    "AppendOnlyRow",
    "ApproachMethod",
    "Base",
    "CaseNote",
    "CaseStatus",
    "GenderIdentity",
    "HouseholdMember",
    "HousingCase",
    "ImmigrationStatus",
    "LocalSetting",
    "Officer",
    "Person",
    "PersonPreviousName",
    "RecourseToPublicFunds",
    "ReferralSource",
    "Relationship",
    "Role",
    "Sex",
    "SyncedRow",
    "Team",
]
