"""hoclient's own stable values: the words every layer shares.

This module sits outside the layers and imports nothing of hoclient, so casework (which may
not touch SQLAlchemy) and models can both use it.

The database stores each member's NAME, so names never change once released; the value is the
plain-English label an officer reads. Translation to H-CLIC codes lives in one mapping table
(../shared/domain/hclic.md §4), never here.
"""

import enum


class Role(enum.Enum):
    VOLUNTEER = "Volunteer"
    OFFICER = "Officer"
    SENIOR = "Senior officer"
    ADMIN = "Administrator"


class Sex(enum.Enum):
    FEMALE = "Female"
    MALE = "Male"
    NOT_KNOWN = "Not known"


class GenderIdentity(enum.Enum):
    """H-CLIC A13: whether gender identity is the same as the sex registered at birth."""

    SAME_AS_SEX_AT_BIRTH = "Same as sex registered at birth"
    DIFFERENT = "Different from sex registered at birth"
    PREFER_NOT_TO_SAY = "Prefer not to say"
    NOT_KNOWN = "Not known"


class RecourseToPublicFunds(enum.Enum):
    YES = "Yes"
    NO = "No"
    NOT_KNOWN = "Not known"


class Relationship(enum.Enum):
    """A household member's relationship to the applicant."""

    APPLICANT = "Applicant"
    PARTNER = "Partner"
    CHILD = "Child"
    PARENT = "Parent"
    SIBLING = "Brother or sister"
    GRANDCHILD = "Grandchild"
    OTHER_RELATIVE = "Other relative"
    CARER = "Carer"
    OTHER = "Other"


class ApproachMethod(enum.Enum):
    IN_PERSON = "In person"
    PHONE = "Phone"
    EMAIL = "Email"
    REFERRAL = "Referral"


class PlanStepKind(enum.Enum):
    """The three lists of a Personalised Housing Plan (s189A(4), (6)-(7))."""

    APPLICANT_REQUIRED = "Steps the applicant is required to take"
    COUNCIL = "Steps the council will take"
    ADVISED = "Steps advised (not required)"


class PlanStepStatus(enum.Enum):
    OPEN = "Open"
    DONE = "Done"
    NOT_DONE = "Not done"
    WITHDRAWN = "Withdrawn"


class PlanAgreement(enum.Enum):
    """Whether the applicant agreed the plan's steps (s189A(4)-(6))."""

    NOT_YET_RECORDED = "Not yet discussed"
    AGREED = "Agreed"
    NOT_AGREED = "Not agreed"


class ReferralSource(enum.Enum):
    """Who referred the applicant (H-CLIC A7 labels). Which are public bodies under the duty
    to refer is law: hoclient.casework.duty_to_refer."""

    PRISON = "Prison (adult secure estate)"
    YOUTH_SECURE_ESTATE = "Youth secure estate"
    PROBATION = "Probation service"
    HOSPITAL_EMERGENCY_OR_INPATIENT = "Hospital (A&E, urgent treatment or in-patient)"
    MENTAL_HEALTH_INPATIENT = "Mental health in-patient"
    JOBCENTRE_PLUS = "Jobcentre Plus (DWP)"
    ADULT_SOCIAL_SERVICES = "Adult social services"
    CHILDRENS_SOCIAL_CARE = "Children's social care"
    CHILDRENS_EARLY_HELP = "Children's early help or children's centre"
    NRPF_TEAM = "No recourse to public funds team"
    ARMED_FORCES = "Armed forces (Secretary of State for Defence)"
    DUTY_TO_REFER_AGENCY_NOT_GIVEN = "Duty to refer: agency not given"
    AGENCY_NOT_UNDER_DUTY = "Agency not under the duty to refer"
    ANOTHER_COUNCIL = "Another council (local connection referral)"


class AccommodationAtApproach(enum.Enum):
    """Accommodation at the time of application (H-CLIC A4 labels)."""

    PRIVATE_RENTED_SELF_CONTAINED = "Private rented, self-contained"
    PRIVATE_RENTED_HMO = "Private rented, HMO"
    LODGING = "Lodging (not with family or friends)"
    COUNCIL_TENANT = "Council tenant"
    REGISTERED_PROVIDER_TENANT = "Housing association tenant"
    SUPPORTED_HOUSING_OR_HOSTEL = "Supported housing or hostel"
    OWNER_OCCUPIER = "Owner-occupier or shared ownership"
    WITH_FAMILY = "Living with family"
    WITH_FRIENDS = "Living with friends"
    TEMPORARY_ACCOMMODATION = "Temporary accommodation"
    NO_FIXED_ABODE = "No fixed abode"
    ROUGH_SLEEPING = "Sleeping rough"
    REFUGE = "Refuge"
    ASYLUM_SUPPORT = "Asylum support accommodation"
    LEAVING_INSTITUTION = "Leaving an institution"
    OTHER_OR_NOT_KNOWN = "Other or not known"


class CaseStatus(enum.Enum):
    OPEN = "Open"
    CLOSED = "Closed"


# Street counts of people sleeping rough (domain/rough-sleeping.md; issue 8).


class CountKind(enum.Enum):
    ANNUAL_SNAPSHOT = "Annual autumn snapshot"
    MONTHLY = "Monthly count"


class CountMethod(enum.Enum):
    """How the night's figure is reached (a street count either way; the third method, an
    evidence-based estimate with no count, needs no count device)."""

    COUNT_BASED = "Count-based estimate"
    SPOTLIGHT = "Evidence-based estimate with spotlight count"


class SiteType(enum.Enum):
    DOORWAY = "Doorway"
    TENT = "Tent"
    PARK = "Park"
    BUS_SHELTER = "Bus shelter"
    ENCAMPMENT = "Encampment"
    STAIRWELL = "Stairwell"
    CAR_PARK = "Car park"
    CAR = "Car"
    BOAT = "Boat"
    STATION = "Station"
    SHED_OR_BARN = "Shed or barn"
    OTHER = "Other"


class SleepingStatus(enum.Enum):
    """What the volunteer saw. Only the first three are counted (casework.rough_sleeping)."""

    BEDDED_DOWN = "Bedded down"
    ABOUT_TO_BED_DOWN = "About to bed down"
    ASLEEP = "Asleep"
    NOT_BEDDED_DOWN = "Seen, not bedded down (not counted)"


class AgeBand(enum.Enum):
    UNDER_18 = "Under 18"
    AGED_18_TO_25 = "18 to 25"
    AGED_26_AND_OVER = "26 and over"
    NOT_KNOWN = "Not known"


class NationalityBand(enum.Enum):
    UK = "UK"
    EU_NON_UK = "EU (not UK)"
    NON_EU = "Non-EU"
    NOT_KNOWN = "Not known"


class OutreachConsent(enum.Enum):
    YES = "Agreed to be contacted by outreach"
    NO = "Did not agree"
    NOT_ASKED = "Not asked (for example, asleep)"


class DuplicateVerdict(enum.Enum):
    SAME_PERSON = "Same person"
    DIFFERENT_PEOPLE = "Different people"


class LetterDelivery(enum.Enum):
    """How an issued letter reached the applicant (letters.md §4: keep how it was delivered)."""

    HANDED_OVER = "Handed over"
    POSTED = "Posted"
    EMAILED = "Emailed"
