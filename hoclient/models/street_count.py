"""Street counts of people sleeping rough (issue 8): the count, its areas and teams, the
volunteers on each team, and the entries they record.

Every row carries `street_count_id` (the count itself is `street_count`), as a case's rows
carry `case_id`: a volunteer's device holds exactly the rows of its counts
(hoclient/server/street_count_scope.py).

Entries are append-only: a correction is a new version of the same sighting (same
`sighting_id`, `corrects_entry_id` pointing at the version it corrects); the newest version is
the current one. Nothing recorded on the street is ever overwritten.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow, SyncedRow
from hoclient.vocabulary import (
    AgeBand,
    CountKind,
    CountMethod,
    DuplicateVerdict,
    NationalityBand,
    OutreachConsent,
    Sex,
    SiteType,
    SleepingStatus,
)


class StreetCount(SyncedRow):
    __tablename__ = "street_count"

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[CountKind]
    method: Mapped[CountMethod]
    night_of: Mapped[date]  # the evening's date; a count after midnight still belongs to it
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # The organisation not commissioned by the council; None: none took part.
    independent_partner: Mapped[str | None] = mapped_column(String(200))
    coordinator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))


class StreetCountArea(SyncedRow):
    __tablename__ = "street_count_area"

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    route: Mapped[str] = mapped_column(Text, default="")


class StreetCountTeam(SyncedRow):
    __tablename__ = "street_count_team"

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"), index=True)
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_area.id"))
    name: Mapped[str] = mapped_column(String(120))


class StreetCountVolunteer(SyncedRow):
    """A volunteer (or officer) on a count team. Taken off by a tombstone."""

    __tablename__ = "street_count_volunteer"
    __table_args__ = (Index("ix_street_count_volunteer_officer", "officer_id", "street_count_id"),)

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"), index=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_team.id"))
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))


class StreetCountEntry(AppendOnlyRow):
    """One version of one person seen. No names: the national return needs none."""

    __tablename__ = "street_count_entry"
    __table_args__ = (Index("ix_street_count_entry_count_seen", "street_count_id", "seen_at"),)

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"))
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_area.id"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("street_count_team.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    sighting_id: Mapped[uuid.UUID] = mapped_column(index=True)  # the same in every version
    corrects_entry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("street_count_entry.id"))
    seen_at: Mapped[datetime]
    street: Mapped[str] = mapped_column(String(200), default="")
    landmark: Mapped[str] = mapped_column(String(200), default="")
    grid_reference: Mapped[str] = mapped_column(String(40), default="")
    site_type: Mapped[SiteType]
    status: Mapped[SleepingStatus]
    sex: Mapped[Sex]
    age_band: Mapped[AgeBand]
    nationality_band: Mapped[NationalityBand]
    description: Mapped[str] = mapped_column(Text, default="")
    outreach_consent: Mapped[OutreachConsent]
    concern: Mapped[bool] = mapped_column(default=False)  # for the coordinator to act on
    notes: Mapped[str] = mapped_column(Text, default="")
    withdrawn: Mapped[bool] = mapped_column(default=False)  # a correction: entered in error


class StreetCountDuplicate(SyncedRow):
    """Raised at the centre after sync: two teams' sightings that may be one person. The
    coordinator settles it; a sighting settled as the same person is counted once."""

    __tablename__ = "street_count_duplicate"

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"), index=True)
    sighting_id: Mapped[uuid.UUID]  # the one synced later: not counted if the same person
    other_sighting_id: Mapped[uuid.UUID]
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_entry.id"))
    other_entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_entry.id"))
    reason: Mapped[str] = mapped_column(Text)
    verdict: Mapped[DuplicateVerdict | None]
    settled_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("officer.id"))
    settled_at: Mapped[datetime | None]


class StreetCountReferral(AppendOnlyRow):
    """A sighting an officer referred to the outreach team as a new approach. The case is named
    by id and reference, not by a foreign key, so it never travels to a count device."""

    __tablename__ = "street_count_referral"

    street_count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count.id"), index=True)
    sighting_id: Mapped[uuid.UUID] = mapped_column(index=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("street_count_entry.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    referred_case_id: Mapped[uuid.UUID]
    case_reference: Mapped[str] = mapped_column(String(40))
