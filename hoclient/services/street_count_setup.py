"""Setting up a street count (senior officers): the count, its areas and routes, its teams,
and the volunteers on each team. A volunteer's device receives these by sync."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.rough_sleeping import (
    count_night_problem,
    count_times_problem,
    rating_warnings,
)
from hoclient.models import (
    Officer,
    StreetCount,
    StreetCountArea,
    StreetCountTeam,
    StreetCountVolunteer,
)
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.clock import LONDON
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import CountKind, CountMethod


@dataclass(frozen=True)
class CountDetails:
    name: str
    kind: CountKind
    method: CountMethod
    night_of: date
    starts_at: datetime  # aware; shown in Europe/London
    ends_at: datetime
    independent_partner: str = ""


@dataclass(frozen=True)
class CountView:
    count_id: uuid.UUID
    name: str
    kind: CountKind
    method: CountMethod
    night_of: date
    starts_at: datetime  # Europe/London
    ends_at: datetime
    independent_partner: str | None
    warnings: tuple[str, ...]  # what would stop an annual snapshot being rated Assured


@dataclass(frozen=True)
class VolunteerView:
    officer_id: uuid.UUID
    name: str


@dataclass(frozen=True)
class TeamView:
    team_id: uuid.UUID
    name: str
    area_id: uuid.UUID
    area_name: str
    volunteers: tuple[VolunteerView, ...]


@dataclass(frozen=True)
class AreaView:
    area_id: uuid.UUID
    name: str
    route: str


@dataclass(frozen=True)
class CountSetup:
    count: CountView
    areas: tuple[AreaView, ...]
    teams: tuple[TeamView, ...]


@dataclass(frozen=True)
class Assignment:
    """Where a volunteer is counting: their count, team and area."""

    count: CountView
    team_id: uuid.UUID
    team_name: str
    area_id: uuid.UUID
    area_name: str
    route: str


def count_problems(details: CountDetails) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not details.name.strip():
        problems["name"] = "Give the count a name, for example 'Autumn snapshot 2026'."
    elif len(details.name.strip()) > 120:
        problems["name"] = "The name can be 120 characters at most."
    if problem := count_night_problem(details.kind, details.night_of):
        problems["night_of"] = problem
    if details.starts_at.tzinfo is None or details.ends_at.tzinfo is None:
        raise ValueError("count times must be aware datetimes")  # a caller's bug
    if problem := count_times_problem(
        details.night_of, details.starts_at.astimezone(LONDON), details.ends_at.astimezone(LONDON)
    ):
        problems["ends_at"] = problem
    return problems


def create_count(store: Store, officer: OfficerView, details: CountDetails) -> CountView:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    if problems := count_problems(details):
        raise InvalidInput(problems)
    with store.begin() as session:
        count = StreetCount(
            name=details.name.strip(),
            kind=details.kind,
            method=details.method,
            night_of=details.night_of,
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            independent_partner=details.independent_partner.strip() or None,
            coordinator_id=officer.id,
            updated_by=officer.id,
        )
        session.add(count)
        session.flush()
        return count_view(count)


def add_area(
    store: Store, officer: OfficerView, count_id: uuid.UUID, name: str, route: str = ""
) -> AreaView:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    if not name.strip():
        raise InvalidInput({"name": "Give the area a name, for example 'Town centre'."})
    with store.begin() as session:
        _live_count(session, count_id)
        area = StreetCountArea(
            street_count_id=count_id,
            name=name.strip()[:120],
            route=route.strip(),
            updated_by=officer.id,
        )
        session.add(area)
        session.flush()
        return AreaView(area.id, area.name, area.route)


def add_team(store: Store, officer: OfficerView, area_id: uuid.UUID, name: str) -> TeamView:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    if not name.strip():
        raise InvalidInput({"name": "Give the team a name, for example 'Team A'."})
    with store.begin() as session:
        area = session.get(StreetCountArea, area_id)
        if area is None or area.deleted_at is not None:
            raise NotFound("That area is no longer on this count.")
        team = StreetCountTeam(
            street_count_id=area.street_count_id,
            area_id=area.id,
            name=name.strip()[:120],
            updated_by=officer.id,
        )
        session.add(team)
        session.flush()
        return TeamView(team.id, team.name, area.id, area.name, ())


def assign_volunteer(
    store: Store, officer: OfficerView, team_id: uuid.UUID, volunteer_id: uuid.UUID
) -> None:
    """Put a volunteer (or officer) on a team; a volunteer on another team of the same count
    moves to this one."""
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        team = session.get(StreetCountTeam, team_id)
        if team is None or team.deleted_at is not None:
            raise NotFound("That team is no longer on this count.")
        person = session.get(Officer, volunteer_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("That volunteer is not on this laptop.")
        for current in session.scalars(
            select(StreetCountVolunteer).where(
                StreetCountVolunteer.street_count_id == team.street_count_id,
                StreetCountVolunteer.officer_id == volunteer_id,
                StreetCountVolunteer.deleted_at.is_(None),
            )
        ):
            if current.team_id == team_id:
                return
            current.deleted_at, current.updated_by = utc_now(), officer.id
        session.add(
            StreetCountVolunteer(
                street_count_id=team.street_count_id,
                team_id=team.id,
                officer_id=volunteer_id,
                updated_by=officer.id,
            )
        )


def list_counts(store: Store, officer: OfficerView) -> list[CountView]:
    """Every count on this laptop, the latest night first."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        counts = session.scalars(
            select(StreetCount)
            .where(StreetCount.deleted_at.is_(None))
            .order_by(StreetCount.night_of.desc(), StreetCount.created_at.desc())
        ).all()
        return [count_view(count) for count in counts]


def count_setup(store: Store, officer: OfficerView, count_id: uuid.UUID) -> CountSetup:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        count = _live_count(session, count_id)
        areas = session.scalars(
            select(StreetCountArea)
            .where(
                StreetCountArea.street_count_id == count_id, StreetCountArea.deleted_at.is_(None)
            )
            .order_by(StreetCountArea.name)
        ).all()
        area_names = {area.id: area.name for area in areas}
        teams = session.scalars(
            select(StreetCountTeam)
            .where(
                StreetCountTeam.street_count_id == count_id, StreetCountTeam.deleted_at.is_(None)
            )
            .order_by(StreetCountTeam.name)
        ).all()
        members: dict[uuid.UUID, list[VolunteerView]] = {team.id: [] for team in teams}
        for team_id, officer_id, name in session.execute(
            select(StreetCountVolunteer.team_id, Officer.id, Officer.display_name)
            .join(Officer, Officer.id == StreetCountVolunteer.officer_id)
            .where(
                StreetCountVolunteer.street_count_id == count_id,
                StreetCountVolunteer.deleted_at.is_(None),
            )
            .order_by(Officer.display_name)
        ):
            members.setdefault(team_id, []).append(VolunteerView(officer_id, name))
        return CountSetup(
            count=count_view(count),
            areas=tuple(AreaView(area.id, area.name, area.route) for area in areas),
            teams=tuple(
                TeamView(
                    team.id,
                    team.name,
                    team.area_id,
                    area_names.get(team.area_id, ""),
                    tuple(members[team.id]),
                )
                for team in teams
            ),
        )


def my_assignment(store: Store, officer: OfficerView) -> Assignment | None:
    """The team this volunteer is on for the latest count they are on; None if on none."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        found = session.execute(
            select(StreetCount, StreetCountTeam, StreetCountArea)
            .join(StreetCountVolunteer, StreetCountVolunteer.street_count_id == StreetCount.id)
            .join(StreetCountTeam, StreetCountTeam.id == StreetCountVolunteer.team_id)
            .join(StreetCountArea, StreetCountArea.id == StreetCountTeam.area_id)
            .where(
                StreetCountVolunteer.officer_id == officer.id,
                StreetCountVolunteer.deleted_at.is_(None),
                StreetCount.deleted_at.is_(None),
            )
            .order_by(StreetCount.night_of.desc(), StreetCount.created_at.desc())
        ).first()
        if found is None:
            return None
        count, team, area = found
        return Assignment(count_view(count), team.id, team.name, area.id, area.name, area.route)


def count_view(count: StreetCount) -> CountView:
    starts_at = count.starts_at.astimezone(LONDON)
    warnings = (
        rating_warnings(
            starts_at_local=starts_at,
            night_of=count.night_of,
            independent_partner=count.independent_partner,
        )
        if count.kind is CountKind.ANNUAL_SNAPSHOT
        else []
    )
    return CountView(
        count_id=count.id,
        name=count.name,
        kind=count.kind,
        method=count.method,
        night_of=count.night_of,
        starts_at=starts_at,
        ends_at=count.ends_at.astimezone(LONDON),
        independent_partner=count.independent_partner,
        warnings=tuple(warnings),
    )


def _live_count(session: Session, count_id: uuid.UUID) -> StreetCount:
    count = session.get(StreetCount, count_id)
    if count is None or count.deleted_at is not None:
        raise NotFound("That count is not on this laptop.")
    return count
