"""A demo street count for `hoclient demo`: two areas, a team and a generated volunteer in
each, and a night's entries (one corrected). Fictional, like every demo row."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from hoclient.models import (
    Officer,
    StreetCount,
    StreetCountArea,
    StreetCountEntry,
    StreetCountTeam,
    StreetCountVolunteer,
)
from hoclient.models.sync_codec import table_of
from hoclient.services.clock import LONDON
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

_AREAS = (
    ("Town centre", "Market Square, High Street, the bus station, Church Walk", "High Street"),
    ("Riverside", "The towpath from Mill Bridge to the marina, and the park", "Towpath"),
)
_LANDMARKS = ("doorway of the old bank", "bus shelter", "car park stairwell", "by the bandstand")
_DESCRIPTIONS = (
    "Green sleeping bag, red hat",
    "Blue tent, small dog",
    "Grey coat, cardboard bedding",
    "Two rucksacks, black hood",
    "Yellow blanket, bicycle",
)


def add_demo_street_count(
    session: Session, *, coordinator_id: uuid.UUID, team_id: uuid.UUID, today: date, seed: int
) -> None:
    """Last autumn's snapshot (19 November), counted after midnight with a partner."""
    rng = random.Random(seed)
    night_of = date(today.year, 11, 19)
    if night_of >= today:
        night_of = date(today.year - 1, 11, 19)
    after_midnight = night_of + timedelta(days=1)

    def at(hour: int, minute: int) -> datetime:
        return datetime.combine(after_midnight, time(hour, minute), tzinfo=LONDON)

    count = StreetCount(
        name=f"Autumn snapshot {night_of.year}",
        kind=CountKind.ANNUAL_SNAPSHOT,
        method=CountMethod.COUNT_BASED,
        night_of=night_of,
        starts_at=at(0, 30),
        ends_at=at(4, 0),
        independent_partner="Riverside Night Shelter Trust",
        coordinator_id=coordinator_id,
        updated_by=coordinator_id,
    )
    session.add(count)
    session.flush()
    for number, (area_name, route, street) in enumerate(_AREAS, start=1):
        volunteer = Officer(
            display_name=f"Count volunteer {number}",
            role=Role.VOLUNTEER,
            team_id=team_id,
            updated_by=coordinator_id,
        )
        area = StreetCountArea(
            street_count_id=count.id, name=area_name, route=route, updated_by=coordinator_id
        )
        session.add_all([volunteer, area])
        session.flush()
        team = StreetCountTeam(
            street_count_id=count.id,
            area_id=area.id,
            name=f"Team {'AB'[number - 1]}",
            updated_by=coordinator_id,
        )
        session.add(team)
        session.flush()
        session.add(
            StreetCountVolunteer(
                street_count_id=count.id,
                team_id=team.id,
                officer_id=volunteer.id,
                updated_by=coordinator_id,
            )
        )
        first: StreetCountEntry | None = None
        for minutes in sorted(rng.sample(range(0, 200), 4)):
            entry = StreetCountEntry(
                street_count_id=count.id,
                area_id=area.id,
                team_id=team.id,
                author_id=volunteer.id,
                sighting_id=uuid.uuid4(),
                seen_at=at(0, 30) + timedelta(minutes=minutes),
                street=street,
                landmark=rng.choice(_LANDMARKS),
                site_type=rng.choice(list(SiteType)),
                status=rng.choice(
                    [SleepingStatus.BEDDED_DOWN] * 3 + [SleepingStatus.NOT_BEDDED_DOWN]
                ),
                sex=rng.choice([Sex.MALE, Sex.MALE, Sex.FEMALE, Sex.NOT_KNOWN]),
                age_band=rng.choice(list(AgeBand)[1:]),
                nationality_band=rng.choice(list(NationalityBand)),
                description=rng.choice(_DESCRIPTIONS),
                outreach_consent=rng.choice(list(OutreachConsent)),
            )
            session.add(entry)
            first = first or entry
        session.flush()
        assert first is not None
        # A correction, as volunteers make them: a new version, the first kept.
        session.add(
            StreetCountEntry(
                **{
                    column.name: getattr(first, column.name)
                    for column in table_of(StreetCountEntry).columns
                    if column.name not in ("id", "created_at", "corrects_entry_id", "age_band")
                },
                corrects_entry_id=first.id,
                age_band=AgeBand.AGED_18_TO_25,
            )
        )
