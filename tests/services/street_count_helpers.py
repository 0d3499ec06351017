"""Builders for street count tests: a count with two areas and a team in each; generated
volunteers only."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from hoclient.models import Officer
from hoclient.services.clock import LONDON
from hoclient.services.officers import officer_view
from hoclient.services.street_count_entries import EntryDetails
from hoclient.services.street_count_setup import (
    AreaView,
    CountDetails,
    CountView,
    TeamView,
    add_area,
    add_team,
    assign_volunteer,
    create_count,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AgeBand,
    CountKind,
    CountMethod,
    NationalityBand,
    OutreachConsent,
    Role,
    Sex,
    SiteType,
    SleepingStatus,
)

NIGHT_OF = date(2026, 11, 19)


def at(hour: int, minute: int = 0) -> datetime:
    """That time on the count's night (after midnight: the next calendar day), in London."""
    day = 19 if hour >= 12 else 20
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


def officer_with_role(store: Store, role: Role, name: str) -> OfficerView:
    with store.begin() as session:
        person = Officer(display_name=name, role=role)
        session.add(person)
        session.flush()
        person.updated_by = person.id
        return officer_view(session, person)


def snapshot(**changes: object) -> CountDetails:
    details = CountDetails(
        name="Autumn snapshot 2026",
        kind=CountKind.ANNUAL_SNAPSHOT,
        method=CountMethod.COUNT_BASED,
        night_of=NIGHT_OF,
        starts_at=at(0, 30),
        ends_at=at(3, 30),
        independent_partner="Riverside Night Shelter Trust",
    )
    return replace(details, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CountOnLaptop:
    count: CountView
    areas: tuple[AreaView, AreaView]
    teams: tuple[TeamView, TeamView]


def set_up_count(store: Store, senior: OfficerView) -> CountOnLaptop:
    count = create_count(store, senior, snapshot())
    town = add_area(store, senior, count.count_id, "Town centre", "Market Square, then High Street")
    river = add_area(store, senior, count.count_id, "Riverside", "Towpath from the bridge")
    north = add_team(store, senior, town.area_id, "Team A")
    south = add_team(store, senior, river.area_id, "Team B")
    return CountOnLaptop(count, (town, river), (north, south))


def put_on_team(store: Store, senior: OfficerView, team: TeamView, volunteer: OfficerView) -> None:
    assign_volunteer(store, senior, team.team_id, volunteer.id)


def seen(
    hour: int = 1,
    minute: int = 0,
    *,
    street: str = "High Street",
    landmark: str = "Doorway of the old bank",
    description: str = "Green sleeping bag, red hat",
    sex: Sex = Sex.MALE,
    age_band: AgeBand = AgeBand.AGED_26_AND_OVER,
    status: SleepingStatus = SleepingStatus.BEDDED_DOWN,
    nationality_band: NationalityBand = NationalityBand.NOT_KNOWN,
    consent: OutreachConsent = OutreachConsent.NOT_ASKED,
) -> EntryDetails:
    return EntryDetails(
        seen_at=at(hour, minute),
        site_type=SiteType.DOORWAY,
        status=status,
        sex=sex,
        age_band=age_band,
        nationality_band=nationality_band,
        outreach_consent=consent,
        street=street,
        landmark=landmark,
        description=description,
    )
