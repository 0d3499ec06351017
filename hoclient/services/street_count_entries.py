"""Recording people seen on a street count: each entry saved the moment it is made, corrected
by a new version (never overwritten), and the running tally for an area."""

import json
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.rough_sleeping import is_counted
from hoclient.models import (
    LocalSetting,
    Officer,
    StreetCount,
    StreetCountArea,
    StreetCountEntry,
    StreetCountReferral,
    StreetCountTeam,
    StreetCountVolunteer,
)
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.clock import LONDON
from hoclient.services.errors import InvalidInput, NotAllowed, NotFound
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AgeBand,
    NationalityBand,
    OutreachConsent,
    Role,
    Sex,
    SiteType,
    SleepingStatus,
)

# A volunteer may write an entry up a little after the count's finish; not a day later.
_RECORDING_MARGIN = timedelta(hours=2)
_DRAFT_KEY = "street_count.draft.{officer_id}"


@dataclass(frozen=True)
class EntryDetails:
    seen_at: datetime  # aware
    site_type: SiteType
    status: SleepingStatus
    sex: Sex = Sex.NOT_KNOWN
    age_band: AgeBand = AgeBand.NOT_KNOWN
    nationality_band: NationalityBand = NationalityBand.NOT_KNOWN
    outreach_consent: OutreachConsent = OutreachConsent.NOT_ASKED
    street: str = ""
    landmark: str = ""
    grid_reference: str = ""
    description: str = ""
    concern: bool = False
    notes: str = ""


@dataclass(frozen=True)
class EntryView:
    entry_id: uuid.UUID  # the current version
    sighting_id: uuid.UUID
    versions: int
    details: EntryDetails  # seen_at in Europe/London
    counted: bool
    area_id: uuid.UUID
    area_name: str
    team_name: str
    author_name: str
    referred_case_reference: str | None

    @property
    def location(self) -> str:
        parts = [self.details.street, self.details.landmark, self.details.grid_reference]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class AreaTally:
    area_name: str
    counted: int
    seen_not_counted: int
    by_sex: Mapping[Sex, int]


def entry_problems(
    details: EntryDetails, count_starts_at: datetime, count_ends_at: datetime
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not (details.street.strip() or details.landmark.strip() or details.grid_reference.strip()):
        problems["location"] = "Say where: a street and landmark, or a grid reference."
    if details.seen_at.tzinfo is None:
        raise ValueError("seen_at must be aware")  # a caller's bug
    if not (
        count_starts_at - _RECORDING_MARGIN <= details.seen_at <= count_ends_at + _RECORDING_MARGIN
    ):
        start = count_starts_at.astimezone(LONDON)
        end = count_ends_at.astimezone(LONDON)
        problems["seen_at"] = (
            f"The time must be during the count ({start:%H:%M} to {end:%H:%M}, {start:%-d %B})."
        )
    for name, limit in (("street", 200), ("landmark", 200), ("grid_reference", 40)):
        if len(getattr(details, name).strip()) > limit:
            problems[name] = f"{limit} characters at most."
    return problems


def record_entry(
    store: Store, officer: OfficerView, area_id: uuid.UUID, details: EntryDetails
) -> EntryView:
    """Record one person seen: saved at once, with the officer's team on this count."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        area = session.get(StreetCountArea, area_id)
        if area is None or area.deleted_at is not None:
            raise NotFound("That area is not on this laptop.")
        count = _count(session, area.street_count_id)
        team_id = session.scalar(
            select(StreetCountVolunteer.team_id).where(
                StreetCountVolunteer.street_count_id == count.id,
                StreetCountVolunteer.officer_id == officer.id,
                StreetCountVolunteer.deleted_at.is_(None),
            )
        )
        if team_id is None and officer.role is Role.VOLUNTEER:
            raise NotAllowed("You are not on a team for this count: ask the coordinator.")
        if problems := entry_problems(details, count.starts_at, count.ends_at):
            raise InvalidInput(problems)
        entry = _new_version(details, count.id, area.id, team_id, officer.id, uuid.uuid4(), None)
        session.add(entry)
        session.flush()
        _clear_draft(session, officer)
        return entry_views(session, [entry])[0]


def correct_entry(
    store: Store,
    officer: OfficerView,
    entry_id: uuid.UUID,
    details: EntryDetails,
    *,
    withdrawn: bool = False,
) -> EntryView:
    """A new version of the sighting; the one corrected stays as it was. `withdrawn`: the
    entry was made in error and counts for nothing."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        corrected = session.get(StreetCountEntry, entry_id)
        if corrected is None:
            raise NotFound("That entry is not on this laptop.")
        count = _count(session, corrected.street_count_id)
        if officer.role is Role.VOLUNTEER and corrected.author_id != officer.id:
            raise NotAllowed("A volunteer corrects their own entries; ask the coordinator.")
        if not withdrawn and (problems := entry_problems(details, count.starts_at, count.ends_at)):
            raise InvalidInput(problems)
        entry = _new_version(
            details,
            count.id,
            corrected.area_id,
            corrected.team_id,
            officer.id,
            corrected.sighting_id,
            corrected.id,
        )
        entry.withdrawn = withdrawn
        session.add(entry)
        session.flush()
        _clear_draft(session, officer)
        return entry_views(session, [entry])[0]


def area_entries(
    store: Store, officer: OfficerView, count_id: uuid.UUID, area_id: uuid.UUID | None = None
) -> list[EntryView]:
    """The current version of every sighting (in one area, or the whole count), latest seen
    first; withdrawn ones left out."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        current = [
            entry
            for entry in current_versions(session, count_id).values()
            if not entry.withdrawn and (area_id is None or entry.area_id == area_id)
        ]
        current.sort(key=lambda entry: (entry.seen_at, entry.created_at), reverse=True)
        return entry_views(session, current)


def area_tally(
    store: Store, officer: OfficerView, count_id: uuid.UUID, area_id: uuid.UUID
) -> AreaTally:
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        area = session.get(StreetCountArea, area_id)
        if area is None:
            raise NotFound("That area is not on this laptop.")
        entries = [
            entry
            for entry in current_versions(session, count_id).values()
            if entry.area_id == area_id and not entry.withdrawn
        ]
        counted = [entry for entry in entries if is_counted(entry.status)]
        return AreaTally(
            area_name=area.name,
            counted=len(counted),
            seen_not_counted=len(entries) - len(counted),
            by_sex=dict(Counter(entry.sex for entry in counted)),
        )


def current_versions(session: Session, count_id: uuid.UUID) -> dict[uuid.UUID, StreetCountEntry]:
    """Sighting id -> its current version: the one no other version corrects. Two devices
    correcting the same version at once: the later-made correction stands."""
    versions = session.scalars(
        select(StreetCountEntry).where(StreetCountEntry.street_count_id == count_id)
    ).all()
    corrected = {entry.corrects_entry_id for entry in versions}
    current: dict[uuid.UUID, StreetCountEntry] = {}
    for entry in sorted(versions, key=lambda entry: (entry.created_at, str(entry.id))):
        if entry.id not in corrected:
            current[entry.sighting_id] = entry
    return current


def save_draft(store: Store, officer: OfficerView, fields: Mapping[str, str]) -> None:
    """Keep what is typed in the entry form, so a crash loses at most the half-typed entry
    (and not even that)."""
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        session.merge(
            LocalSetting(key=_draft_key(officer), value=json.dumps(dict(fields), sort_keys=True))
        )


def load_draft(store: Store, officer: OfficerView) -> dict[str, str]:
    require(officer, Permission.RECORD_STREET_COUNT)
    with store.begin() as session:
        setting = session.get(LocalSetting, _draft_key(officer))
        return dict(json.loads(setting.value)) if setting else {}


def _clear_draft(session: Session, officer: OfficerView) -> None:
    setting = session.get(LocalSetting, _draft_key(officer))
    if setting is not None:
        session.delete(setting)


def _draft_key(officer: OfficerView) -> str:
    return _DRAFT_KEY.format(officer_id=officer.id)


def _count(session: Session, count_id: uuid.UUID) -> StreetCount:
    count = session.get(StreetCount, count_id)
    if count is None or count.deleted_at is not None:
        raise NotFound("That count is not on this laptop.")
    return count


def _new_version(
    details: EntryDetails,
    count_id: uuid.UUID,
    area_id: uuid.UUID,
    team_id: uuid.UUID | None,
    author_id: uuid.UUID,
    sighting_id: uuid.UUID,
    corrects_entry_id: uuid.UUID | None,
) -> StreetCountEntry:
    return StreetCountEntry(
        street_count_id=count_id,
        area_id=area_id,
        team_id=team_id,
        author_id=author_id,
        sighting_id=sighting_id,
        corrects_entry_id=corrects_entry_id,
        seen_at=details.seen_at,
        street=details.street.strip(),
        landmark=details.landmark.strip(),
        grid_reference=details.grid_reference.strip().upper(),
        site_type=details.site_type,
        status=details.status,
        sex=details.sex,
        age_band=details.age_band,
        nationality_band=details.nationality_band,
        description=details.description.strip(),
        outreach_consent=details.outreach_consent,
        concern=details.concern,
        notes=details.notes.strip(),
    )


def entry_views(session: Session, entries: Iterable[StreetCountEntry]) -> list[EntryView]:
    entries = list(entries)
    if not entries:
        return []
    count_ids = {entry.street_count_id for entry in entries}
    sightings = {entry.sighting_id for entry in entries}
    versions = Counter(
        session.scalars(
            select(StreetCountEntry.sighting_id).where(StreetCountEntry.sighting_id.in_(sightings))
        )
    )
    areas = _pairs(
        session.execute(
            select(StreetCountArea.id, StreetCountArea.name).where(
                StreetCountArea.street_count_id.in_(count_ids)
            )
        )
    )
    teams = _pairs(
        session.execute(
            select(StreetCountTeam.id, StreetCountTeam.name).where(
                StreetCountTeam.street_count_id.in_(count_ids)
            )
        )
    )
    authors = _pairs(
        session.execute(
            select(Officer.id, Officer.display_name).where(
                Officer.id.in_({entry.author_id for entry in entries})
            )
        )
    )
    referrals = _pairs(
        session.execute(
            select(StreetCountReferral.sighting_id, StreetCountReferral.case_reference).where(
                StreetCountReferral.sighting_id.in_(sightings)
            )
        )
    )
    return [
        EntryView(
            entry_id=entry.id,
            sighting_id=entry.sighting_id,
            versions=versions[entry.sighting_id],
            details=details_of(entry),
            counted=is_counted(entry.status) and not entry.withdrawn,
            area_id=entry.area_id,
            area_name=areas.get(entry.area_id, ""),
            team_name=teams.get(entry.team_id, "") if entry.team_id else "",
            author_name=authors.get(entry.author_id, ""),
            referred_case_reference=referrals.get(entry.sighting_id),
        )
        for entry in entries
    ]


def details_of(entry: StreetCountEntry) -> EntryDetails:
    return EntryDetails(
        seen_at=entry.seen_at.astimezone(LONDON),
        site_type=entry.site_type,
        status=entry.status,
        sex=entry.sex,
        age_band=entry.age_band,
        nationality_band=entry.nationality_band,
        outreach_consent=entry.outreach_consent,
        street=entry.street,
        landmark=entry.landmark,
        grid_reference=entry.grid_reference,
        description=entry.description,
        concern=entry.concern,
        notes=entry.notes,
    )


def _pairs(result: Iterable[Any]) -> dict[Any, Any]:
    """A two-column result as a dict (a Result has keys(), so dict() would misread it)."""
    return {key: value for key, value in result}
