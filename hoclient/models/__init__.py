"""SQLAlchemy models, one module per aggregate. Importing this package registers them all,
and the change-capture hooks that write the sync outbox (hoclient.models.change_capture)."""

from hoclient.models import change_capture  # noqa: F401  (registers the outbox hooks)
from hoclient.models.assessment import Assessment, AssessmentSupportNeed
from hoclient.models.audit_event import AuditEvent
from hoclient.models.base import AppendOnlyRow, Base, SyncedRow
from hoclient.models.case_clock import CaseClock, CaseClockReplay
from hoclient.models.case_note import CaseNote
from hoclient.models.central_secret import CentralSecret
from hoclient.models.decision import DecisionAuthorisation, DutyDecision
from hoclient.models.housing_case import HouseholdMember, HousingCase
from hoclient.models.housing_plan import PlanNotification, PlanStep, PlanVersion
from hoclient.models.issued_letter import IssuedLetter
from hoclient.models.local_setting import LocalSetting
from hoclient.models.officer import Officer, Team
from hoclient.models.offline_sign_in import OfflineSignIn
from hoclient.models.person import ImmigrationStatus, Person, PersonPreviousName
from hoclient.models.street_count import (
    StreetCount,
    StreetCountArea,
    StreetCountDuplicate,
    StreetCountEntry,
    StreetCountReferral,
    StreetCountTeam,
    StreetCountVolunteer,
)
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
    "Assessment",
    "AssessmentSupportNeed",
    "AuditEvent",
    "Base",
    "CaseClock",
    "CaseClockReplay",
    "CaseNote",
    "CaseStatus",
    "CaseVisit",
    "CentralSecret",
    "DecisionAuthorisation",
    "DutyDecision",
    "GenderIdentity",
    "HouseholdMember",
    "HousingCase",
    "ImmigrationStatus",
    "IssuedLetter",
    "LocalSetting",
    "Officer",
    "OfficerCredential",
    "OfflineSignIn",
    "Person",
    "PersonPreviousName",
    "PlanNotification",
    "PlanStep",
    "PlanVersion",
    "RecourseToPublicFunds",
    "ReferralSource",
    "Relationship",
    "Role",
    "Sex",
    "StreetCount",
    "StreetCountArea",
    "StreetCountDuplicate",
    "StreetCountEntry",
    "StreetCountReferral",
    "StreetCountTeam",
    "StreetCountVolunteer",
    "SyncChange",
    "SyncConflict",
    "SyncDevice",
    "SyncFeed",
    "SyncOutbox",
    "SyncRowState",
    "SyncedRow",
    "Team",
]
