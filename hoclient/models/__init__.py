"""SQLAlchemy models, one module per aggregate. Importing this package registers them all,
and the change-capture hooks that write the sync outbox (hoclient.models.change_capture)."""

from hoclient.models import change_capture  # noqa: F401  (registers the outbox hooks)
from hoclient.models.base import AppendOnlyRow, Base, SyncedRow
from hoclient.models.case_clock import CaseClock, CaseClockReplay
from hoclient.models.case_note import CaseNote
from hoclient.models.decision import DecisionAuthorisation, DutyDecision
from hoclient.models.housing_case import HouseholdMember, HousingCase
from hoclient.models.local_setting import LocalSetting
from hoclient.models.officer import Officer, Team
from hoclient.models.offline_sign_in import OfflineSignIn
from hoclient.models.person import ImmigrationStatus, Person, PersonPreviousName
from hoclient.models.sync_state import (
    CaseVisit,
    OfficerCredential,
    SyncChange,
    SyncConflict,
    SyncDevice,
    SyncFeed,
    SyncOutbox,
    SyncRowState,
)
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
    "CaseClock",
    "CaseClockReplay",
    "CaseNote",
    "CaseStatus",
    "CaseVisit",
    "DecisionAuthorisation",
    "DutyDecision",
    "GenderIdentity",
    "HouseholdMember",
    "HousingCase",
    "ImmigrationStatus",
    "LocalSetting",
    "Officer",
    "OfficerCredential",
    "OfflineSignIn",
    "Person",
    "PersonPreviousName",
    "RecourseToPublicFunds",
    "ReferralSource",
    "Relationship",
    "Role",
    "Sex",
    "SyncChange",
    "SyncConflict",
    "SyncDevice",
    "SyncFeed",
    "SyncOutbox",
    "SyncRowState",
    "SyncedRow",
    "Team",
]
