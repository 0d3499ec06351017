"""Generated, fictional households and cases: for demonstrations, training and benchmarks.

Nobody here is real. Names come from Faker's per-locale lists, seeded, so one seed makes the
same people and cases on the same day (approach dates count back from today, and which cases
are still open depends on it; `now` fixes the day). Phone numbers come from the ranges Ofcom
keeps for drama (07700 900xxx, 020 7946 0xxx, 0113 496 0xxx), e-mail addresses from the
example domains of RFC 2606, and the immigration statuses are placeholders labelled as such
(the council's real list is reference data we must not invent).

Demo data goes only into a store that holds no people and no cases: fictional households mixed
into real casework could be mistaken for real ones, and a second run with the same seed would
make the same people twice.

On a laptop enrolled with a sync service, every case is the enrolled officer's, in their team,
and open: the laptop's scope is its team's open cases, so a closed one would leave it at the
next sync and never reach a colleague's laptop.

Most cases also get a duty history: decisions drawn as a story and kept only as far as the
duty engine accepts it (services/demo_duties.py), with the clocks it leaves, so the Duties tab
and the Deadlines view have something to show.

Speed: 100,000 persons in 20,000 cases are written in one transaction by bulk Core inserts, a
chunk at a time (benchmarks/README.md has the time). The search index's triggers still fire for
every person, so the names are searchable the moment the transaction commits.
"""

import enum
import functools
import random
import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any

from faker import Faker
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hoclient.casework.case_events import event_type_name, legal_basis
from hoclient.casework.identity import age_on, format_postcode, postcode_key
from hoclient.casework.unverified import DEPENDENT_CHILD_AGE_LIMIT_YEARS
from hoclient.models import (
    Base,
    CaseClock,
    CaseClockReplay,
    CaseNote,
    DecisionAuthorisation,
    DutyDecision,
    HouseholdMember,
    HousingCase,
    ImmigrationStatus,
    LocalSetting,
    Officer,
    Person,
    PersonPreviousName,
    Team,
)
from hoclient.services.case_clocks import clock_rows
from hoclient.services.case_reference import _ALPHABET as REFERENCE_ALPHABET
from hoclient.services.case_reference import _RANDOM_CHARS as REFERENCE_RANDOM_CHARS
from hoclient.services.case_reference import PREFIX as REFERENCE_PREFIX
from hoclient.services.clock import LONDON, today_in_london
from hoclient.services.decisions import NEEDS_SECOND_OFFICER
from hoclient.services.demo_duties import DemoHistory, plan_demo_history
from hoclient.services.demo_plans import add_demo_plans
from hoclient.services.demo_street_count import add_demo_street_count
from hoclient.services.duty_history import event_columns, household_from_rows
from hoclient.services.officers import current_officer, set_current_officer
from hoclient.services.sign_in import give_demo_officers_a_password, username_of
from hoclient.store.handle import Store
from hoclient.sync.settings import CURRENT_OFFICER_KEY, DEVICE_ID
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

Report = Callable[[str], None]

# Generated demo data only: every fictional officer signs in with it (README.md says so).
DEMO_PASSWORD = "demo-password"

EXIT_OK = 0
EXIT_STORE_NOT_EMPTY = 1
EXIT_BAD_COUNTS = 2

APPROACH_YEARS = 3
DEMO_STATUS_LABELS = (
    "Demo status A (replace with the council's list)",
    "Demo status B (replace with the council's list)",
    "Demo status C (replace with the council's list)",
)
CURRENT_OFFICER_SHARE = 0.09
CURRENT_OFFICER_AT_LEAST = 30
REPEAT_APPROACH_SHARE = 0.05
# The shortest gap between the end of one case and a repeat approach by the same applicant.
REPEAT_AFTER_DAYS = 28
_CHUNKS = 10
# A demo s193B notice made in the last few days is still waiting for a second officer.
_PENDING_DAYS = 14
_RECORDED_AT = time_of_day(10, 0)
# Every detail column of duty_decision, so each bulk-inserted row names the same columns.
_NO_DETAILS: dict[str, Any] = dict.fromkeys(
    (
        "notified_on",
        "reason",
        "priority_need",
        "intentional",
        "notice_kind",
        "notice_expires_on",
        "reviewer",
        "outcome",
        "placement",
        "placement_kind",
        "corrects_decision_id",
        "correction_reason",
    )
)


def _say_nothing(_line: str) -> None:
    return None


# --- Who lives here: the locales names come from, and what goes with them -------------------


@dataclass(frozen=True)
class _Origin:
    locale: str
    language: str
    nationality: str
    weight: int
    interpreter_share: float  # of adults whose main language is not English


_ORIGINS = (
    _Origin("en_GB", "English", "British", 780, 0.0),
    _Origin("en_IE", "English", "Irish", 20, 0.0),
    _Origin("pl_PL", "Polish", "Polish", 50, 0.4),
    _Origin("ro_RO", "Romanian", "Romanian", 40, 0.5),
    _Origin("pt_PT", "Portuguese", "Portuguese", 30, 0.4),
    _Origin("lt_LT", "Lithuanian", "Lithuanian", 20, 0.4),
    _Origin("es_ES", "Spanish", "Spanish", 20, 0.3),
    _Origin("it_IT", "Italian", "Italian", 20, 0.3),
    _Origin("hu_HU", "Hungarian", "Hungarian", 20, 0.5),
)
_ORIGIN_WEIGHTS = [origin.weight for origin in _ORIGINS]
_NEEDS_NO_STATUS = frozenset({"British", "Irish"})
# Faker draws a weighted surname in ~90 µs. Pools drawn once, in proportion to how many people
# each locale names, keep 100k people to seconds while keeping common names common.
_GIVEN_POOL = 600
_FAMILY_POOL = 2000
_SMALLEST_POOL = 100


class _Names:
    def __init__(self, faker: Faker, rng: random.Random, *, persons: int) -> None:
        self._rng = rng
        self._given: dict[tuple[str, Sex], list[str]] = {}
        self._family: dict[str, list[str]] = {}
        everyone = sum(_ORIGIN_WEIGHTS)
        for origin in _ORIGINS:
            local = faker[origin.locale]
            share = origin.weight / everyone
            given = min(persons, max(_SMALLEST_POOL, round(_GIVEN_POOL * share * 2)))
            family = min(persons, max(_SMALLEST_POOL, round(_FAMILY_POOL * share)))
            self._given[origin.locale, Sex.FEMALE] = [
                local.first_name_female() for _ in range(given)
            ]
            self._given[origin.locale, Sex.MALE] = [local.first_name_male() for _ in range(given)]
            self._family[origin.locale] = [local.last_name() for _ in range(family)]

    def given(self, origin: _Origin, sex: Sex) -> str:
        if sex is Sex.NOT_KNOWN:
            sex = self._rng.choice((Sex.FEMALE, Sex.MALE))
        first = self._rng.choice(self._given[origin.locale, sex])
        if self._rng.random() < 0.15:  # a middle name
            second = self._rng.choice(self._given[origin.locale, sex])
            if second != first:
                return f"{first} {second}"
        return first

    def family(self, origin: _Origin, sex: Sex) -> str:
        return _gendered(self._rng.choice(self._family[origin.locale]), origin, sex)


def _gendered(family_name: str, origin: _Origin, sex: Sex) -> str:
    """Polish surnames ending -ski, -cki, -dzki take -ska, -cka, -dzka for women."""
    if origin.locale != "pl_PL":
        return family_name
    if sex is Sex.FEMALE and family_name.endswith("ki"):
        return family_name[:-1] + "a"
    if sex is Sex.MALE and family_name.endswith("ka") and family_name[-3] in "scz":
        return family_name[:-1] + "i"
    return family_name


# --- Households -----------------------------------------------------------------------------


class _Household(enum.Enum):
    SINGLE = enum.auto()
    SINGLE_PARENT = enum.auto()
    COUPLE = enum.auto()
    COUPLE_WITH_CHILDREN = enum.auto()
    ADULTS_SHARING = enum.auto()  # the applicant with parents, brothers and sisters or others


_HOUSEHOLD_WEIGHTS = {
    _Household.SINGLE: 45,
    _Household.SINGLE_PARENT: 22,
    _Household.COUPLE: 8,
    _Household.COUPLE_WITH_CHILDREN: 15,
    _Household.ADULTS_SHARING: 10,
}
# Where extra people go when --persons exceeds what the households need: mostly families.
_GROWTH_WEIGHTS = {
    _Household.SINGLE: 1,
    _Household.SINGLE_PARENT: 6,
    _Household.COUPLE: 2,
    _Household.COUPLE_WITH_CHILDREN: 6,
    _Household.ADULTS_SHARING: 4,
}
_AGE_BANDS: dict[_Household, tuple[tuple[int, int, int], ...]] = {
    # (youngest, oldest, weight) of the applicant at approach
    _Household.SINGLE: ((18, 24, 30), (25, 34, 28), (35, 49, 25), (50, 64, 12), (65, 85, 5)),
    _Household.SINGLE_PARENT: ((18, 24, 15), (25, 34, 40), (35, 44, 32), (45, 55, 13)),
    _Household.COUPLE: ((18, 24, 20), (25, 34, 30), (35, 49, 25), (50, 64, 15), (65, 85, 10)),
    _Household.COUPLE_WITH_CHILDREN: ((19, 24, 10), (25, 34, 40), (35, 44, 35), (45, 55, 15)),
    _Household.ADULTS_SHARING: (
        (18, 24, 35),
        (25, 34, 25),
        (35, 49, 20),
        (50, 64, 12),
        (65, 85, 8),
    ),
}


def _first_members(rng: random.Random, household: _Household) -> list[Relationship]:
    children = rng.choices((1, 2, 3, 4), weights=(40, 35, 18, 7))[0]
    if household is _Household.SINGLE_PARENT:
        return [Relationship.CHILD] * children
    if household is _Household.COUPLE:
        return [Relationship.PARTNER]
    if household is _Household.COUPLE_WITH_CHILDREN:
        return [Relationship.PARTNER] + [Relationship.CHILD] * children
    if household is _Household.ADULTS_SHARING:
        others = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        return rng.choices(
            (
                Relationship.PARENT,
                Relationship.SIBLING,
                Relationship.OTHER_RELATIVE,
                Relationship.OTHER,
                Relationship.CARER,
            ),
            weights=(35, 30, 15, 15, 5),
            k=others,
        )
    return []


def _another_member(
    rng: random.Random, household: _Household, members: list[Relationship]
) -> Relationship:
    wants_children = Relationship.CHILD in members or (
        household is _Household.COUPLE and rng.random() < 0.5
    )
    if wants_children and rng.random() < 0.75:
        return Relationship.CHILD
    choice = rng.choices(
        (
            Relationship.PARENT,
            Relationship.SIBLING,
            Relationship.OTHER_RELATIVE,
            Relationship.GRANDCHILD,
            Relationship.OTHER,
        ),
        weights=(20, 40, 20, 8, 12),
    )[0]
    if choice is Relationship.PARENT and members.count(Relationship.PARENT) >= 2:
        return Relationship.SIBLING
    return choice


# --- The plan: every case's date, status, officer and household shape, before any row ------


@dataclass
class _CasePlan:
    approached_on: date
    household: _Household
    members: list[Relationship]  # besides the applicant
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    repeat_of: int | None = None  # an earlier case whose applicant approaches again
    officer: int = 0

    @property
    def new_people(self) -> int:
        return len(self.members) + (0 if self.repeat_of is not None else 1)


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year that has none
        return on.replace(year=on.year - years, day=28)


def _born_aged(rng: random.Random, on: date, youngest: int, oldest: int) -> date:
    """A date of birth making someone `youngest` to `oldest` years old (inclusive) on `on`."""
    latest = _years_before(on, youngest)
    earliest = _years_before(on, oldest + 1) + timedelta(days=1)
    return date.fromordinal(rng.randint(earliest.toordinal(), latest.toordinal()))


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _status_for(
    rng: random.Random, approached_on: date, today: date
) -> tuple[CaseStatus, date | None]:
    """Recent cases are open; the older a case, the likelier it has closed."""
    age_days = (today - approached_on).days
    open_chance = (
        1.0 if age_days <= 56 else 0.6 if age_days <= 180 else 0.2 if age_days <= 365 else 0.04
    )
    if rng.random() < open_chance:
        return CaseStatus.OPEN, None
    earliest = approached_on + timedelta(days=min(7, age_days))
    latest = min(today, approached_on + timedelta(days=300))
    return CaseStatus.CLOSED, _random_day(rng, earliest, latest)


def _plan_cases(
    rng: random.Random, *, persons: int, cases: int, today: date, all_open: bool = False
) -> list[_CasePlan]:
    """Every case's plan. `all_open` (an enrolled laptop): no case is closed, and so none is a
    repeat approach, which needs a closed earlier case."""
    first_day = _years_before(today, APPROACH_YEARS)
    dates = sorted(_random_day(rng, first_day, today) for _ in range(cases))
    kinds = list(_HOUSEHOLD_WEIGHTS)
    plans = []
    for approached_on in dates:
        household = rng.choices(kinds, weights=list(_HOUSEHOLD_WEIGHTS.values()))[0]
        plan = _CasePlan(approached_on, household, _first_members(rng, household))
        if not all_open:
            plan.status, plan.closed_on = _status_for(rng, approached_on, today)
        plans.append(plan)
    if not all_open:
        _plan_repeat_approaches(rng, plans)
    _fit_to_persons(rng, plans, persons)
    return plans


def _plan_repeat_approaches(rng: random.Random, plans: list[_CasePlan]) -> None:
    """Some applicants come back: a later case whose applicant is an earlier, closed case's."""
    wanted = round(len(plans) * REPEAT_APPROACH_SHARE)
    used: set[int] = set()
    for _attempt in range(wanted * 4):
        if len(used) == 2 * wanted:
            return
        later = rng.randrange(len(plans) // 2, len(plans))
        earlier = rng.randrange(0, max(1, later))
        first, second = plans[earlier], plans[later]
        if (
            earlier in used
            or later in used
            or earlier == later
            or first.closed_on is None
            or (second.approached_on - first.closed_on).days < REPEAT_AFTER_DAYS
        ):
            continue
        second.repeat_of = earlier
        used.update((earlier, later))


def _fit_to_persons(rng: random.Random, plans: list[_CasePlan], persons: int) -> None:
    """Grow or shrink households until they hold exactly `persons` people.

    Every case keeps its applicant, so this needs persons >= cases (checked before).
    """
    needed = sum(plan.new_people for plan in plans)
    if needed > persons:
        # Shrink the largest households first, a member at a time, the last added first: a
        # couple with children loses children before the partner.
        by_size = sorted(range(len(plans)), key=lambda index: -len(plans[index].members))
        excess = needed - persons
        while excess:
            for index in by_size:
                if excess and plans[index].members:
                    plans[index].members.pop()
                    excess -= 1
    elif persons > needed:
        kinds = [plan.household for plan in plans]
        weights = [_GROWTH_WEIGHTS[kind] for kind in kinds]
        for index in rng.choices(range(len(plans)), weights=weights, k=persons - needed):
            plan = plans[index]
            plan.members.append(_another_member(rng, plan.household, plan.members))


def _assign_officers(
    rng: random.Random, plans: list[_CasePlan], staff: "list[_StaffMember]", current: int
) -> None:
    """The current officer gets a lively caseload, mostly open; the rest is shared out."""
    share = max(
        round(len(plans) * CURRENT_OFFICER_SHARE), min(len(plans), CURRENT_OFFICER_AT_LEAST)
    )
    open_cases = [index for index, plan in enumerate(plans) if plan.status is CaseStatus.OPEN]
    mine = set(rng.sample(open_cases, min(len(open_cases), round(share * 0.6))))
    rest = [index for index in range(len(plans)) if index not in mine]
    mine.update(rng.sample(rest, min(len(rest), share - len(mine))))
    caseworkers = [
        number
        for number, member in enumerate(staff)
        if member.role in (Role.OFFICER, Role.SENIOR) and number != current
    ]
    single_team = [n for n in caseworkers if staff[n].team == _SINGLE_HOMELESSNESS]
    options = [n for n in caseworkers if staff[n].team != _SINGLE_HOMELESSNESS]
    # Seniors hold a few cases of their own; officers hold most.
    single_weights = [1 if staff[n].role is Role.SENIOR else 4 for n in single_team]
    option_weights = [1 if staff[n].role is Role.SENIOR else 4 for n in options]
    for index, plan in enumerate(plans):
        if index in mine:
            plan.officer = current
        elif plan.household is _Household.SINGLE and rng.random() < 0.5:
            plan.officer = rng.choices(single_team, weights=single_weights)[0]
        else:
            plan.officer = rng.choices(options, weights=option_weights)[0]


# --- Staff ----------------------------------------------------------------------------------

_TEAMS = ("Housing Options North", "Housing Options South", "Single Homelessness")
_SINGLE_HOMELESSNESS = 2
# (team, role): one administrator, a senior officer per team, officers for the casework.
_STAFF_SHAPE = (
    (0, Role.OFFICER),  # the current officer: the first caseworker of the first team
    (0, Role.ADMIN),
    (0, Role.SENIOR),
    (0, Role.OFFICER),
    (0, Role.OFFICER),
    (1, Role.SENIOR),
    (1, Role.OFFICER),
    (1, Role.OFFICER),
    (1, Role.OFFICER),
    (2, Role.SENIOR),
    (2, Role.OFFICER),
    (2, Role.OFFICER),
)
_CURRENT = 0


@dataclass(frozen=True)
class _StaffMember:
    id: uuid.UUID
    display_name: str
    role: Role
    team: int


# --- Small generators -----------------------------------------------------------------------

_NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NI_NEVER_ISSUED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
# Royal Mail never uses C, I, K, M, O or V in the inward code's letters.
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _ni_number(rng: random.Random, used: set[str]) -> str:
    while True:
        prefix = rng.choice(_NI_FIRST) + rng.choice(_NI_SECOND)
        if prefix in _NI_NEVER_ISSUED:
            continue
        number = f"{prefix}{rng.randrange(1_000_000):06d}{rng.choice('ABCD')}"
        if number not in used:
            used.add(number)
            return number


def _reference(rng: random.Random, approached_on: date, used: set[str]) -> str:
    """The format of case_reference.new_case_reference, but from the seeded generator.

    new_case_reference draws from `secrets` so real references cannot be predicted; demo data
    must come out the same for the same seed, so it draws the same characters from `rng`.
    """
    while True:
        chars = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_RANDOM_CHARS))
        reference = f"{REFERENCE_PREFIX}{approached_on.year % 100:02d}-{chars[:4]}-{chars[4:]}"
        if reference not in used:
            used.add(reference)
            return reference


def _phone(rng: random.Random) -> str:
    # Ofcom's numbers for drama: they reach nobody.
    kind = rng.random()
    if kind < 0.8:
        return f"07700 900{rng.randrange(1000):03d}"
    if kind < 0.9:
        return f"020 7946 0{rng.randrange(1000):03d}"
    return f"0113 496 0{rng.randrange(1000):03d}"


_EMAIL_PART = re.compile(r"[^a-z]")


def _email(rng: random.Random, given_names: str, family_name: str) -> str:
    def plain(name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return _EMAIL_PART.sub("", ascii_name.lower()) or "someone"

    first = plain(given_names.split()[0])
    domain = rng.choice(("example.org", "example.com", "example.net"))
    return f"{first}.{plain(family_name)}{rng.randrange(1, 100)}@{domain}"


def _at_london(rng: random.Random, on: date, now: datetime) -> datetime:
    """An instant during office hours on `on` (London), never after `now`, stored as UTC."""
    moment = datetime.combine(
        on, time_of_day(rng.randint(9, 16), rng.randrange(60)), tzinfo=LONDON
    ).astimezone(UTC)
    return min(moment, now)


@dataclass(frozen=True)
class _Place:
    address_line_1: str | None
    address_line_2: str | None
    town: str | None
    postcode: str | None
    postcode_key: str | None


class _Places:
    """Addresses in one fictional council area, with some from elsewhere."""

    def __init__(self, faker: Faker, rng: random.Random) -> None:
        self._rng = rng
        local = faker["en_GB"]
        self._faker = local
        # Faker's area letters are real ones ("WD", "G"); its districts and inward codes are
        # random characters ("NP0Y 9QN"), so districts and inward codes are made here.
        self._areas = [_area(local.postcode()) for _ in range(60)]
        home = next(area for area in self._areas if len(area) == 2)
        towns = [local.city() for _ in range(3)]
        # Postcode districts of one area, as a council's are: "WD1" to "WD18".
        self._outcodes = [f"{home}{district}" for district in range(1, 19)]
        self._towns = {outcode: rng.choice(towns) for outcode in self._outcodes}
        self._streets = [local.street_name() for _ in range(600)]

    def anywhere(self) -> _Place:
        rng = self._rng
        if rng.random() < 0.85:
            outcode = rng.choice(self._outcodes)
            town = self._towns[outcode]
        else:  # from elsewhere in the country
            outcode = f"{rng.choice(self._areas)}{rng.randint(1, 28)}"
            town = self._faker.city()
        inward = f"{rng.randrange(10)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
        typed = outcode + inward
        street = f"{rng.randint(1, 240)} {rng.choice(self._streets)}"
        flat = f"Flat {rng.randint(1, 40)}" if rng.random() < 0.35 else None
        line_1, line_2 = (flat, street) if flat else (street, None)
        return _Place(line_1, line_2, town, format_postcode(typed), postcode_key(typed))


_NO_ADDRESS = _Place(None, None, None, None, None)


def _area(postcode: str) -> str:
    """The postcode area: the letters it starts with."""
    return postcode[: 2 if postcode[1].isalpha() else 1]


# --- Approach facts -------------------------------------------------------------------------

_METHODS = (
    ApproachMethod.IN_PERSON,
    ApproachMethod.PHONE,
    ApproachMethod.EMAIL,
    ApproachMethod.REFERRAL,
)
_METHOD_WEIGHTS = (33, 35, 10, 22)
_REFERRERS: dict[ReferralSource, tuple[int, str]] = {
    # source: (weight, how the referring agency is named; {town} is a fictional town)
    ReferralSource.PROBATION: (16, "Probation Service, {town} office"),
    ReferralSource.PRISON: (10, "HMP {town}"),
    ReferralSource.HOSPITAL_EMERGENCY_OR_INPATIENT: (10, "{town} General Hospital"),
    ReferralSource.MENTAL_HEALTH_INPATIENT: (5, "{town} mental health unit"),
    ReferralSource.JOBCENTRE_PLUS: (9, "{town} Jobcentre"),
    ReferralSource.ADULT_SOCIAL_SERVICES: (8, "Adult social care, {town}"),
    ReferralSource.CHILDRENS_SOCIAL_CARE: (8, "Children's services, {town}"),
    ReferralSource.ARMED_FORCES: (1, "Resettlement office, {town} barracks"),
    ReferralSource.YOUTH_SECURE_ESTATE: (1, "{town} young offender institution"),
    ReferralSource.DUTY_TO_REFER_AGENCY_NOT_GIVEN: (4, ""),
    ReferralSource.CHILDRENS_EARLY_HELP: (5, "{town} children's centre"),
    ReferralSource.NRPF_TEAM: (3, "No recourse to public funds team, {town}"),
    ReferralSource.AGENCY_NOT_UNDER_DUTY: (14, "{town} Community Advice"),
    ReferralSource.ANOTHER_COUNCIL: (6, "{town} Council"),
}
_LEAVING_INSTITUTIONS = frozenset(
    {
        ReferralSource.PRISON,
        ReferralSource.YOUTH_SECURE_ESTATE,
        ReferralSource.MENTAL_HEALTH_INPATIENT,
        ReferralSource.ARMED_FORCES,
    }
)
_ACCOMMODATION_WEIGHTS = {
    AccommodationAtApproach.PRIVATE_RENTED_SELF_CONTAINED: 25,
    AccommodationAtApproach.WITH_FAMILY: 20,
    AccommodationAtApproach.WITH_FRIENDS: 10,
    AccommodationAtApproach.REGISTERED_PROVIDER_TENANT: 6,
    AccommodationAtApproach.COUNCIL_TENANT: 5,
    AccommodationAtApproach.PRIVATE_RENTED_HMO: 4,
    AccommodationAtApproach.LODGING: 3,
    AccommodationAtApproach.SUPPORTED_HOUSING_OR_HOSTEL: 4,
    AccommodationAtApproach.NO_FIXED_ABODE: 6,
    AccommodationAtApproach.ROUGH_SLEEPING: 5,
    AccommodationAtApproach.TEMPORARY_ACCOMMODATION: 2,
    AccommodationAtApproach.REFUGE: 2,
    AccommodationAtApproach.ASYLUM_SUPPORT: 2,
    AccommodationAtApproach.LEAVING_INSTITUTION: 2,
    AccommodationAtApproach.OWNER_OCCUPIER: 1,
    AccommodationAtApproach.OTHER_OR_NOT_KNOWN: 3,
}
_WITHOUT_AN_ADDRESS = frozenset(
    {AccommodationAtApproach.NO_FIXED_ABODE, AccommodationAtApproach.ROUGH_SLEEPING}
)
_NOT_FOR_FAMILIES = frozenset({AccommodationAtApproach.ROUGH_SLEEPING})
_NOT_FOR_BRITISH = frozenset({AccommodationAtApproach.ASYLUM_SUPPORT})

_OPENING = {
    ApproachMethod.IN_PERSON: "Seen at the front desk.",
    ApproachMethod.PHONE: "Phone call from the applicant.",
    ApproachMethod.EMAIL: "Email received from the applicant.",
    ApproachMethod.REFERRAL: "Referral received from {agency}.",
}
_FIRST_NOTE = (
    "{opening} {given} explained that they may have to leave their home soon and gave the "
    "household's details. Initial details recorded.",
    "{opening} {given} gave an account of their housing situation; household details taken "
    "and next steps explained.",
    "{opening} Took {given}'s details and those of the household. Agreed to call back within "
    "two working days.",
)
_LATER_NOTES = (
    "Asked {given} for ID, proof of income and any letters from the landlord. Will chase "
    "next week.",
    "Documents received and copied to the file: ID, bank statements and tenancy agreement.",
    "Called {given}; no answer. Left a voicemail asking them to ring back.",
    "Spoke with the landlord, who is willing to talk about a repayment plan for the arrears.",
    "Home visit carried out. Household details confirmed; photos of the damp taken with consent.",
    "Sent {given} a list of local letting agents and details of the rent deposit scheme.",
    "Discussed the case with the senior officer; next steps agreed.",
    "{given} called with an update: still staying with friends, who can put them up until "
    "the end of the month.",
    "Referred {given} to the floating support service, with their consent.",
    "Checked {given}'s housing register application; it is waiting for documents.",
    "Met {given} to go through the budget; income and outgoings recorded.",
)
_INTERPRETER_NOTE = "Booked a {language} interpreter for the next appointment with {given}."
_CLOSING_NOTES = (
    "Case closed: {given} has found a private rented home and moved in.",
    "Case closed: no contact from {given} despite several attempts over eight weeks.",
    "Case closed: {given} has moved out of the area.",
    "Case closed: {given} asked us to close the case as they can stay where they are.",
    "Case closed: {given} has accepted an offer of social housing.",
)


# --- Building the rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Applicant:
    """What a repeat approach needs to know about the applicant of an earlier case."""

    person_id: uuid.UUID
    given_names: str
    family_name: str
    sex: Sex
    born_on: date  # the true date, even where the record leaves it unknown
    origin: _Origin


@dataclass
class _Rows:
    persons: list[dict[str, Any]] = field(default_factory=list)
    previous_names: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    authorisations: list[dict[str, Any]] = field(default_factory=list)
    clocks: list[dict[str, Any]] = field(default_factory=list)
    clock_replays: list[dict[str, Any]] = field(default_factory=list)

    def write(self, session: Session) -> None:
        # Core inserts on the tables, not the ORM's bulk insert: for these versioned mappers
        # the ORM sent most rows as single INSERTs (12,371 statements for 20k persons, against
        # 53 executemany calls here), and the fill took half as long again.
        tables = Base.metadata.tables
        # Parents before children, so the foreign keys hold at every statement.
        for model, rows in (
            (Person, self.persons),
            (PersonPreviousName, self.previous_names),
            (HousingCase, self.cases),
            (HouseholdMember, self.members),
            (CaseNote, self.notes),
            (DutyDecision, self.decisions),
            (DecisionAuthorisation, self.authorisations),
            (CaseClock, self.clocks),
            (CaseClockReplay, self.clock_replays),
        ):
            if rows:
                session.execute(insert(tables[model.__tablename__]), rows)


class _Builder:
    def __init__(
        self,
        rng: random.Random,
        faker: Faker,
        *,
        persons: int,
        today: date,
        now: datetime,
        staff: list[_StaffMember],
        team_ids: list[uuid.UUID],
        statuses: list[uuid.UUID],
        seed: int,
    ) -> None:
        self.rng = rng
        self.names = _Names(faker, rng, persons=persons)
        self.places = _Places(faker, rng)
        self.towns = [faker["en_GB"].city() for _ in range(40)]
        self.today = today
        self.now = now
        self.staff = staff
        self.team_ids = team_ids
        self.statuses = statuses
        self.ni_numbers: set[str] = set()
        self.references: set[str] = set()
        self.applicants: dict[int, _Applicant] = {}
        # Duty histories draw from their own generator, so the people and cases a seed makes
        # are the same as before decisions were added to the demo.
        self.duty_rng = random.Random(f"{seed}-duties")
        self.born_on_record: dict[uuid.UUID, date | None] = {}

    def case(self, index: int, plan: _CasePlan, rows: _Rows) -> None:
        rng = self.rng
        officer = self.staff[plan.officer]
        case_id = uuid.uuid4()
        persons_before, members_before = len(rows.persons), len(rows.members)
        opened_at = _at_london(rng, plan.approached_on, self.now)
        has_children = Relationship.CHILD in plan.members
        earlier = self.applicants.get(plan.repeat_of) if plan.repeat_of is not None else None
        origin = earlier.origin if earlier else rng.choices(_ORIGINS, weights=_ORIGIN_WEIGHTS)[0]

        method = rng.choices(_METHODS, weights=_METHOD_WEIGHTS)[0]
        source, agency = self._referral(method)
        accommodation = self._accommodation(source, has_children, origin)
        place = _NO_ADDRESS if accommodation in _WITHOUT_AN_ADDRESS else self.places.anywhere()

        stamps = {"created_at": opened_at, "updated_at": opened_at, "updated_by": officer.id}
        if earlier is not None:
            applicant = earlier
        else:
            sex = self._applicant_sex(plan.household)
            youngest, oldest = self._applicant_ages(plan)
            born_on = _born_aged(rng, plan.approached_on, youngest, oldest)
            applicant = _Applicant(
                uuid.uuid4(),
                self.names.given(origin, sex),
                self.names.family(origin, sex),
                sex,
                born_on,
                origin,
            )
            self._person(
                rows,
                applicant.person_id,
                applicant,
                place,
                stamps,
                on=plan.approached_on,
                is_applicant=True,
                born_known=rng.random() > 0.01,
            )
        self.applicants[index] = applicant
        rows.members.append(
            self._member(case_id, applicant.person_id, Relationship.APPLICANT, stamps)
        )
        pregnant_already = False
        if applicant.sex is Sex.FEMALE:
            pregnant_already = self._maybe_pregnant(rows.members[-1], applicant.born_on, plan)

        for relationship in plan.members:
            pregnant_already |= self._household_member(
                rows, case_id, plan, applicant, relationship, place, stamps, pregnant_already
            )

        rows.cases.append(
            {
                "id": case_id,
                "reference": _reference(rng, plan.approached_on, self.references),
                "approached_on": plan.approached_on,
                "approach_method": method,
                "referral_source": source,
                "referring_agency": agency,
                "address_line_1": place.address_line_1,
                "address_line_2": place.address_line_2,
                "town": place.town,
                "postcode": place.postcode,
                "postcode_key": place.postcode_key,
                "accommodation_at_approach": accommodation,
                "assigned_officer_id": officer.id,
                "team_id": self.team_ids[officer.team],
                "status": plan.status,
                "closed_on": plan.closed_on,
                "created_at": opened_at,
                "updated_at": opened_at,
                "updated_by": officer.id,
                "version": 1,
                "deleted_at": None,
            }
        )
        last_note_at = self._notes(
            rows, case_id, plan, officer, applicant, method, agency, opened_at
        )
        rows.cases[-1]["updated_at"] = last_note_at
        for person in rows.persons[persons_before:]:
            self.born_on_record[person["id"]] = person["date_of_birth"]
        household = household_from_rows(
            (
                member["relationship_to_applicant"],
                member["pregnant"],
                self.born_on_record.get(member["person_id"]),
            )
            for member in rows.members[members_before:]
        )
        demo = plan_demo_history(
            self.duty_rng,
            approached_on=plan.approached_on,
            closed_on=plan.closed_on,
            today=self.today,
            household=household,
            authorised_before=(
                self.today - timedelta(days=_PENDING_DAYS)
                if self._second_officer(officer) is not None
                else None
            ),
        )
        if demo is not None:
            self._decisions(rows, case_id, officer, demo)

    def _decisions(
        self, rows: _Rows, case_id: uuid.UUID, officer: _StaffMember, demo: DemoHistory
    ) -> None:
        """The case's decision records, as its officer made them; a s193B notice authorised
        by a senior officer, unless it was made in the last few days."""
        ids = [uuid.uuid4() for _ in demo.history.events]
        second_officer = self._second_officer(officer)
        recorded_at = datetime.min.replace(tzinfo=UTC)
        for number, (event, reasons) in enumerate(
            zip(demo.history.events, demo.reasons, strict=True)
        ):
            # Recorded in the order made, on the day made, never after now.
            on_the_day = datetime.combine(event.on, _RECORDED_AT, tzinfo=LONDON)
            recorded_at = max(
                recorded_at + timedelta(microseconds=1), min(on_the_day.astimezone(UTC), self.now)
            )
            of = getattr(event, "of", None)
            needs_authorisation = event_type_name(event) in NEEDS_SECOND_OFFICER
            rows.decisions.append(
                {
                    **_NO_DETAILS,
                    **event_columns(event),
                    "id": ids[number],
                    "case_id": case_id,
                    "legal_basis": legal_basis(event),
                    "reasons": reasons,
                    "decided_by": officer.id,
                    "needs_authorisation": needs_authorisation,
                    "refers_to_decision_id": ids[of] if of is not None else None,
                    "created_at": recorded_at,
                }
            )
            last = number == len(ids) - 1
            if needs_authorisation and not (demo.pending and last):
                rows.authorisations.append(
                    {
                        "id": uuid.uuid4(),
                        "case_id": case_id,
                        "decision_id": ids[number],
                        "authorised_by": second_officer,
                        "authorised_at": recorded_at + timedelta(hours=2),
                        "created_at": recorded_at + timedelta(hours=2),
                    }
                )
        rows.clocks += clock_rows(case_id, demo.windows, ids)
        rows.clock_replays.append(
            {
                "case_id": case_id,
                "replayed_from": demo.replayed_from,
                "replayed_at": self.now,
            }
        )

    def _second_officer(self, officer: _StaffMember) -> uuid.UUID | None:
        """A senior officer who took no part: the team's own, or another team's (reg 3); None
        on an enrolled laptop, whose only officer is the one enrolled."""
        seniors = [m for m in self.staff if m.role is Role.SENIOR and m.id != officer.id]
        same_team = [m for m in seniors if m.team == officer.team]
        return (same_team or seniors)[0].id if seniors else None

    def _referral(self, method: ApproachMethod) -> tuple[ReferralSource | None, str | None]:
        if method is not ApproachMethod.REFERRAL:
            return None, None
        sources = list(_REFERRERS)
        source = self.rng.choices(sources, weights=[_REFERRERS[s][0] for s in sources])[0]
        pattern = _REFERRERS[source][1]
        return source, pattern.format(town=self.rng.choice(self.towns)) or None

    def _accommodation(
        self, source: ReferralSource | None, has_children: bool, origin: _Origin
    ) -> AccommodationAtApproach:
        if source in _LEAVING_INSTITUTIONS or (
            source is ReferralSource.HOSPITAL_EMERGENCY_OR_INPATIENT and self.rng.random() < 0.5
        ):
            return AccommodationAtApproach.LEAVING_INSTITUTION
        options = [
            option
            for option in _ACCOMMODATION_WEIGHTS
            if not (has_children and option in _NOT_FOR_FAMILIES)
            and not (origin.nationality in _NEEDS_NO_STATUS and option in _NOT_FOR_BRITISH)
        ]
        return self.rng.choices(options, weights=[_ACCOMMODATION_WEIGHTS[o] for o in options])[0]

    def _applicant_sex(self, household: _Household) -> Sex:
        female_share = {
            _Household.SINGLE: 0.35,
            _Household.SINGLE_PARENT: 0.88,
            _Household.COUPLE: 0.5,
            _Household.COUPLE_WITH_CHILDREN: 0.6,
            _Household.ADULTS_SHARING: 0.5,
        }[household]
        return Sex.FEMALE if self.rng.random() < female_share else Sex.MALE

    def _applicant_ages(self, plan: _CasePlan) -> tuple[int, int]:
        if Relationship.GRANDCHILD in plan.members:
            return 45, 75
        bands = _AGE_BANDS[plan.household]
        youngest, oldest, _weight = self.rng.choices(bands, weights=[b[2] for b in bands])[0]
        if Relationship.CHILD in plan.members and plan.household in (
            _Household.COUPLE,
            _Household.ADULTS_SHARING,
            _Household.SINGLE,
        ):
            # A household that grew children when --persons asked for more people.
            youngest, oldest = max(youngest, 20), max(oldest, 30)
        return youngest, oldest

    def _household_member(
        self,
        rows: _Rows,
        case_id: uuid.UUID,
        plan: _CasePlan,
        applicant: _Applicant,
        relationship: Relationship,
        place: _Place,
        stamps: dict[str, Any],
        pregnant_already: bool,
    ) -> bool:
        """Adds one member and their person; True if they are pregnant."""
        rng = self.rng
        on = plan.approached_on
        applicant_age = age_on(applicant.born_on, on)
        relationship, (youngest, oldest) = self._age_range(relationship, applicant_age)
        born_on = _born_aged(rng, on, youngest, oldest)
        if relationship is Relationship.PARTNER:
            sex = _opposite(applicant.sex) if rng.random() < 0.95 else applicant.sex
        else:
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
        origin = applicant.origin
        if relationship in (Relationship.OTHER, Relationship.CARER) and rng.random() < 0.7:
            origin = rng.choices(_ORIGINS, weights=_ORIGIN_WEIGHTS)[0]
        shares_name = relationship in (
            Relationship.CHILD,
            Relationship.SIBLING,
            Relationship.PARENT,
            Relationship.GRANDCHILD,
        ) or (relationship is Relationship.PARTNER and rng.random() < 0.5)
        family_name = (
            _gendered(applicant.family_name, origin, sex)
            if shares_name and rng.random() < 0.85
            else self.names.family(origin, sex)
        )
        person = _Applicant(
            uuid.uuid4(), self.names.given(origin, sex), family_name, sex, born_on, origin
        )
        adult = age_on(born_on, on) >= 18
        self._person(
            rows,
            person.person_id,
            person,
            place,
            stamps,
            on=on,
            is_applicant=False,
            born_known=not adult or rng.random() > 0.04,
            married_name=relationship is Relationship.PARTNER and shares_name,
        )
        member = self._member(case_id, person.person_id, relationship, stamps)
        age_then = age_on(born_on, on)
        if relationship in (Relationship.CHILD, Relationship.GRANDCHILD):
            # Under 16, or 16 to 18 and (we suppose) in full-time education (unverified.py).
            member["dependent_child"] = age_then < 16 or (
                age_then <= 18
                and age_on(born_on, self.today) < DEPENDENT_CHILD_AGE_LIMIT_YEARS
                and rng.random() < 0.7
            )
        elif adult and rng.random() < 0.03:
            member["normally_resides_with_applicant"] = False  # e.g. a partner abroad
        rows.members.append(member)
        if sex is Sex.FEMALE and not pregnant_already:
            return self._maybe_pregnant(member, born_on, plan)
        return False

    def _age_range(
        self, relationship: Relationship, applicant_age: int
    ) -> tuple[Relationship, tuple[int, int]]:
        """A believable age for the member; a relationship the ages cannot bear is changed."""
        rng = self.rng
        if relationship is Relationship.CHILD:
            # Born when the parent was 17 or older: a child at least 16 years younger.
            oldest_child = applicant_age - 17
            if oldest_child >= 0:
                oldest = min(oldest_child, 25 if rng.random() < 0.08 else 17)
                return relationship, (0, oldest)
            relationship = Relationship.SIBLING
        if relationship is Relationship.GRANDCHILD:
            if applicant_age - 34 >= 0:
                return relationship, (0, min(applicant_age - 34, 17))
            relationship = Relationship.OTHER_RELATIVE
        if relationship is Relationship.PARENT:
            youngest = applicant_age + 17
            if youngest <= 90:
                return relationship, (youngest, min(youngest + 20, 95))
            relationship = Relationship.SIBLING
        if relationship is Relationship.SIBLING:
            return relationship, (max(0, applicant_age - 10), applicant_age + 10)
        if relationship is Relationship.PARTNER:
            return relationship, (max(18, applicant_age - 8), max(18, applicant_age + 8))
        return relationship, (18, 75)

    def _maybe_pregnant(self, member: dict[str, Any], born_on: date, plan: _CasePlan) -> bool:
        age_then = age_on(born_on, plan.approached_on)
        if not 17 <= age_then <= 44 or self.rng.random() >= 0.07:
            return False
        member["pregnant"] = True
        member["expected_due_on"] = plan.approached_on + timedelta(days=self.rng.randint(14, 260))
        return True

    def _member(
        self,
        case_id: uuid.UUID,
        person_id: uuid.UUID,
        relationship: Relationship,
        stamps: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "id": uuid.uuid4(),
            "case_id": case_id,
            "person_id": person_id,
            "relationship_to_applicant": relationship,
            "normally_resides_with_applicant": True,
            "dependent_child": False,
            "pregnant": False,
            "expected_due_on": None,
            "version": 1,
            "deleted_at": None,
            **stamps,
        }

    def _person(
        self,
        rows: _Rows,
        person_id: uuid.UUID,
        who: _Applicant,
        place: _Place,
        stamps: dict[str, Any],
        *,
        on: date,
        is_applicant: bool,
        born_known: bool,
        married_name: bool = False,
    ) -> None:
        rng = self.rng
        age_then = age_on(who.born_on, on)
        adult = age_then >= 18
        origin = who.origin
        british_born_child = not adult and rng.random() < 0.5
        speaks = origin.language
        if speaks != "English" and not adult and rng.random() < 0.5:
            speaks = "English"
        ni_share = 0.9 if origin.nationality in _NEEDS_NO_STATUS else 0.7
        has_ni = age_then >= 16 and born_known and rng.random() < ni_share
        nationality = "British" if british_born_child else origin.nationality
        status = (
            rng.choice(self.statuses)
            if self.statuses
            and adult
            and nationality not in _NEEDS_NO_STATUS
            and rng.random() < 0.6
            else None
        )
        rows.persons.append(
            {
                "id": person_id,
                "family_name": who.family_name,
                "given_names": who.given_names,
                "date_of_birth": who.born_on if born_known else None,
                "sex": who.sex,
                "gender_identity": rng.choices(
                    (
                        GenderIdentity.NOT_KNOWN,
                        GenderIdentity.SAME_AS_SEX_AT_BIRTH,
                        GenderIdentity.PREFER_NOT_TO_SAY,
                        GenderIdentity.DIFFERENT,
                    ),
                    weights=(55, 41, 3, 1),
                )[0]
                if adult
                else GenderIdentity.NOT_KNOWN,
                "ni_number": _ni_number(rng, self.ni_numbers) if has_ni else None,
                "phone": _phone(rng)
                if adult and rng.random() < (0.9 if is_applicant else 0.4)
                else None,
                "email": _email(rng, who.given_names, who.family_name)
                if adult and rng.random() < (0.6 if is_applicant else 0.25)
                else None,
                "address_line_1": place.address_line_1,
                "address_line_2": place.address_line_2,
                "town": place.town,
                "postcode": place.postcode,
                "postcode_key": place.postcode_key,
                "main_language": speaks,
                "interpreter_needed": adult
                and speaks != "English"
                and rng.random() < origin.interpreter_share,
                "nationality": nationality,
                "immigration_status_id": status,
                "immigration_status_notes": None,
                "recourse_to_public_funds": RecourseToPublicFunds.NOT_KNOWN,
                "version": 1,
                "deleted_at": None,
                **stamps,
            }
        )
        if adult and ((married_name and rng.random() < 0.3) or rng.random() < 0.01):
            rows.previous_names.append(
                {
                    "id": uuid.uuid4(),
                    "person_id": person_id,
                    "family_name": self.names.family(origin, who.sex),
                    "given_names": who.given_names,
                    "version": 1,
                    "deleted_at": None,
                    **stamps,
                }
            )

    def _notes(
        self,
        rows: _Rows,
        case_id: uuid.UUID,
        plan: _CasePlan,
        officer: _StaffMember,
        applicant: _Applicant,
        method: ApproachMethod,
        agency: str | None,
        opened_at: datetime,
    ) -> datetime:
        """A few notes by the case's officer, from the approach on; returns the last one's time."""
        rng = self.rng
        given = applicant.given_names.split()[0]
        opening = _OPENING[method].format(agency=agency or "a public body")
        texts = [rng.choice(_FIRST_NOTE).format(opening=opening, given=given)]
        later = rng.sample(_LATER_NOTES, rng.randint(0, 3))
        if applicant.origin.language != "English" and rng.random() < 0.5:
            later.insert(
                0, _INTERPRETER_NOTE.format(language=applicant.origin.language, given=given)
            )
        texts += [text.format(given=given) for text in later]
        last_day = plan.closed_on or self.today
        days = sorted(_random_day(rng, plan.approached_on, last_day) for _ in texts[1:])
        moments = [opened_at] + [max(opened_at, _at_london(rng, day, self.now)) for day in days]
        if plan.closed_on is not None:
            texts.append(rng.choice(_CLOSING_NOTES).format(given=given))
            moments.append(max(moments[-1], _at_london(rng, plan.closed_on, self.now)))
        for text, written_at in zip(texts, moments, strict=True):
            rows.notes.append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "author_id": officer.id,
                    "text": text,
                    "corrects_note_id": None,
                    "created_at": written_at,
                }
            )
        return moments[-1]


def _opposite(sex: Sex) -> Sex:
    return Sex.MALE if sex is Sex.FEMALE else Sex.FEMALE


# --- The command ----------------------------------------------------------------------------


def fill_with_demo_data(
    store: Store,
    *,
    persons: int,
    cases: int,
    seed: int,
    only_if_empty: bool = False,
    report: Report = _say_nothing,
    now: datetime | None = None,
) -> int:
    """Fill an empty store with `persons` fictional people in `cases` cases; an exit code.

    Refuses (exit code 2, nothing written) unless 1 <= cases <= persons: every case needs its
    own applicant. Refuses a store that already holds people or cases (exit code 1), unless
    `only_if_empty`, which leaves it as it is and succeeds. Everything is written in one
    transaction: interrupted, it leaves the store as it was.
    """
    if cases < 1 or persons < 1:
        report("Ask for at least 1 case and 1 person.")
        return EXIT_BAD_COUNTS
    if persons < cases:
        report(
            f"Every case needs its own applicant, so {cases:,} cases need at least {cases:,} "
            f"persons (asked for {persons:,}). Nothing was written."
        )
        return EXIT_BAD_COUNTS
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    today = today_in_london(now)
    try:
        with store.begin() as session:
            held_cases, held_persons = _held(session)
            if held_cases or held_persons:
                held = f"{held_cases:,} cases" if held_cases else f"{held_persons:,} persons"
                if only_if_empty:
                    report(f"The store already holds {held}; left as it is.")
                    return EXIT_OK
                report(
                    f"The store already holds {held}. Demo data goes only into an empty store, "
                    "so fictional people are never mixed with real casework: choose another "
                    "file with --db. Nothing was written."
                )
                return EXIT_STORE_NOT_EMPTY
            report(f"Making {persons:,} persons in {cases:,} cases (seed {seed})...")
            enrolled = _fill(
                session,
                persons=persons,
                cases=cases,
                seed=seed,
                today=today,
                now=now,
                report=report,
            )
            if not enrolled:
                give_demo_officers_a_password(session, DEMO_PASSWORD)
    except KeyboardInterrupt:
        report("Interrupted: nothing was written; the store is as it was.")
        raise
    seconds = time.perf_counter() - started
    working_as = current_officer(store)
    shared_out = "" if enrolled else f" for {len(_TEAMS)} teams and {len(_STAFF_SHAPE)} officers"
    report(
        f"Made {persons:,} persons in {cases:,} cases{shared_out} in {seconds:.1f} s. "
        f"Store: {store.path}"
    )
    report(
        f"This laptop now works as {working_as.display_name} ({working_as.team_name}), "
        "whose cases fill My caseload."
    )
    username = username_of(store, working_as.id)
    if not enrolled and username is not None:
        report(
            f"Sign in as {username} with the demo password {DEMO_PASSWORD!r} (every demo "
            "officer has it: their usernames are their names, lower case, dot between)."
        )
    return EXIT_OK


def _held(session: Session) -> tuple[int, int]:
    held_cases = session.scalar(select(func.count()).select_from(HousingCase)) or 0
    held_persons = session.scalar(select(func.count()).select_from(Person)) or 0
    return held_cases, held_persons


def _fill(
    session: Session,
    *,
    persons: int,
    cases: int,
    seed: int,
    today: date,
    now: datetime,
    report: Report,
) -> bool:
    """Make the data; True when it went to an enrolled officer (see _enrolled_officer)."""
    rng = random.Random(seed)
    faker = _faker()
    faker.seed_instance(seed)
    enrolled = _enrolled_officer(session)
    # A laptop's scope is its team's open cases (hoclient.server.scope): a closed demo case would
    # leave this laptop at its next sync and never reach a colleague's, so on an enrolled
    # laptop every case is open. The unenrolled demo draws exactly as it always has.
    plans = _plan_cases(
        rng, persons=persons, cases=cases, today=today, all_open=enrolled is not None
    )
    if enrolled is not None:
        # On a laptop enrolled with a sync service, the centre owns teams, officers and
        # reference data: every case goes to the enrolled officer, in their team, so it is in
        # their scope and syncs (issue 6). A team of one has no colleagues to share cases with.
        staff, team_ids, statuses = enrolled
        for plan in plans:
            plan.officer = _CURRENT
    else:
        staff, team_ids, statuses = _reference_data(session, faker, now)
        _assign_officers(rng, plans, staff, _CURRENT)
    set_current_officer(session, staff[_CURRENT].id)

    builder = _Builder(
        rng,
        faker,
        persons=persons,
        today=today,
        now=now,
        staff=staff,
        team_ids=team_ids,
        statuses=statuses,
        seed=seed,
    )
    for done, chunk in _chunks(len(plans)):
        rows = _Rows()
        for index in chunk:
            builder.case(index, plans[index], rows)
        rows.write(session)
        report(f"  {done:,} of {cases:,} cases ({done * 100 // cases}%)")
    if enrolled is None:  # on an enrolled laptop, counts come from the centre
        senior = next(member for member in staff if member.role is Role.SENIOR)
        add_demo_street_count(
            session, coordinator_id=senior.id, team_id=team_ids[0], today=today, seed=seed
        )
    add_demo_plans(session, random.Random(f"{seed}-plans"), today=today, now=now)
    return enrolled is not None


@functools.cache
def _faker() -> Faker:
    """Made once per process (loading nine locales takes most of a second); seeded per use."""
    return Faker([origin.locale for origin in _ORIGINS])


def _chunks(count: int) -> Iterator[tuple[int, range]]:
    """(cases done after it, the chunk's case numbers), in about ten steps."""
    size = max(1, -(-count // _CHUNKS))
    for start in range(0, count, size):
        stop = min(count, start + size)
        yield stop, range(start, stop)


def _enrolled_officer(
    session: Session,
) -> tuple[list[_StaffMember], list[uuid.UUID], list[uuid.UUID]] | None:
    """The enrolled officer as the only staff, with the immigration statuses already held; None
    on a laptop not enrolled with a sync service."""
    if session.get(LocalSetting, DEVICE_ID) is None:
        return None
    setting = session.get(LocalSetting, CURRENT_OFFICER_KEY)
    officer = session.get(Officer, uuid.UUID(setting.value)) if setting else None
    if officer is None or officer.team_id is None:
        return None
    member = _StaffMember(officer.id, officer.display_name, officer.role, 0)
    statuses = list(session.scalars(select(ImmigrationStatus.id)))
    return [member], [officer.team_id], statuses


def _reference_data(
    session: Session, faker: Faker, now: datetime
) -> tuple[list[_StaffMember], list[uuid.UUID], list[uuid.UUID]]:
    """Teams, officers and the placeholder immigration statuses."""
    names = faker["en_GB"]
    staff_ids = [uuid.uuid4() for _ in _STAFF_SHAPE]
    admin = staff_ids[next(n for n, (_, role) in enumerate(_STAFF_SHAPE) if role is Role.ADMIN)]
    stamps = {
        "created_at": now,
        "updated_at": now,
        "updated_by": admin,
        "version": 1,
        "deleted_at": None,
    }
    team_ids = [uuid.uuid4() for _ in _TEAMS]
    session.execute(
        insert(Team),
        [
            {"id": team_id, "name": name, **stamps}
            for team_id, name in zip(team_ids, _TEAMS, strict=True)
        ],
    )
    staff: list[_StaffMember] = []
    seen: set[str] = set()
    for staff_id, (team, role) in zip(staff_ids, _STAFF_SHAPE, strict=True):
        display_name = f"{names.first_name()} {names.last_name()}"
        while display_name in seen:
            display_name = f"{names.first_name()} {names.last_name()}"
        seen.add(display_name)
        staff.append(_StaffMember(staff_id, display_name, role, team))
    session.execute(
        insert(Officer),
        [
            {
                "id": member.id,
                "display_name": member.display_name,
                "email": _officer_email(member.display_name),
                "phone": f"020 7946 0{number:03d}",
                "role": member.role,
                "team_id": team_ids[member.team],
                **stamps,
            }
            for number, member in enumerate(staff)
        ],
    )
    status_ids = [uuid.uuid4() for _ in DEMO_STATUS_LABELS]
    session.execute(
        insert(ImmigrationStatus),
        [
            {"id": status_id, "label": label, **stamps}
            for status_id, label in zip(status_ids, DEMO_STATUS_LABELS, strict=True)
        ],
    )
    return staff, team_ids, status_ids


def _officer_email(display_name: str) -> str:
    plain = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode()
    return (
        ".".join(_EMAIL_PART.sub("", part.lower()) for part in plain.split()) + "@council.example"
    )
