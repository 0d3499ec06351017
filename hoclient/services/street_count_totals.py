"""The coordinator's side of a count: totals by area and by the return's categories, the
possible duplicates the centre flagged, and the return as CSV."""

import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.rough_sleeping import is_counted
from hoclient.models import (
    Officer,
    StreetCount,
    StreetCountArea,
    StreetCountDuplicate,
    StreetCountEntry,
)
from hoclient.models.types import utc_now
from hoclient.reports.rough_sleeping_return import DEFAULT_LAYOUT, ReturnLayout, return_csv
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.street_count_entries import EntryView, current_versions, entry_views
from hoclient.services.street_count_setup import CountView, count_view
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import AgeBand, DuplicateVerdict, NationalityBand, Sex


@dataclass(frozen=True)
class AreaTotal:
    area_id: uuid.UUID
    area_name: str
    counted: int
    seen_not_counted: int


@dataclass(frozen=True)
class CountTotals:
    count: CountView
    total: int  # people counted: bedded down, about to, or asleep; duplicates settled out
    seen_not_counted: int
    by_area: tuple[AreaTotal, ...]
    by_sex: dict[Sex, int]
    by_age_band: dict[AgeBand, int]
    by_nationality_band: dict[NationalityBand, int]
    counted_once_as_duplicates: int  # sightings settled as the same person as another
    duplicates_to_settle: int


@dataclass(frozen=True)
class DuplicateView:
    flag_id: uuid.UUID
    reason: str
    first: EntryView  # the sighting that stays counted
    second: EntryView  # not counted if settled as the same person
    verdict: DuplicateVerdict | None
    settled_by: str | None


def count_totals(store: Store, officer: OfficerView, count_id: uuid.UUID) -> CountTotals:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        return _totals(session, count_id)


def export_return_csv(
    store: Store,
    officer: OfficerView,
    count_id: uuid.UUID,
    path: Path,
    layout: ReturnLayout = DEFAULT_LAYOUT,
) -> CountTotals:
    """Write the return for the count to `path`; the totals it was made from."""
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        totals = _totals(session, count_id)
    by_category: dict[tuple[str, str], int] = {}
    for key, counts in (
        ("sex", totals.by_sex),
        ("age_band", totals.by_age_band),
        ("nationality_band", totals.by_nationality_band),
    ):
        for member, number in counts.items():
            by_category[(key, member.name)] = number
    text = return_csv(
        count_name=totals.count.name,
        night_of=totals.count.night_of,
        total=totals.total,
        by_category=by_category,
        layout=layout,
    )
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise InvalidInput({"path": f"Cannot write {path}: {error.strerror}."}) from error
    return totals


def duplicates(
    store: Store, officer: OfficerView, count_id: uuid.UUID, *, settled: bool = False
) -> list[DuplicateView]:
    """Flags still to settle (or, with `settled`, every flag), oldest first."""
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        query = select(StreetCountDuplicate).where(
            StreetCountDuplicate.street_count_id == count_id,
            StreetCountDuplicate.deleted_at.is_(None),
        )
        if not settled:
            query = query.where(StreetCountDuplicate.verdict.is_(None))
        flags = session.scalars(query.order_by(StreetCountDuplicate.created_at)).all()
        return [_duplicate_view(session, flag) for flag in flags]


def settle_duplicate(
    store: Store, officer: OfficerView, flag_id: uuid.UUID, verdict: DuplicateVerdict
) -> DuplicateView:
    require(officer, Permission.COORDINATE_STREET_COUNT)
    with store.begin() as session:
        flag = session.get(StreetCountDuplicate, flag_id)
        if flag is None or flag.deleted_at is not None:
            raise NotFound("That possible duplicate is no longer on this laptop.")
        flag.verdict, flag.settled_by, flag.settled_at = verdict, officer.id, utc_now()
        flag.updated_by = officer.id
        session.flush()
        return _duplicate_view(session, flag)


def _totals(session: Session, count_id: uuid.UUID) -> CountTotals:
    count = session.get(StreetCount, count_id)
    if count is None or count.deleted_at is not None:
        raise NotFound("That count is not on this laptop.")
    current = {
        sighting: entry
        for sighting, entry in current_versions(session, count_id).items()
        if not entry.withdrawn
    }
    flags = session.scalars(
        select(StreetCountDuplicate).where(
            StreetCountDuplicate.street_count_id == count_id,
            StreetCountDuplicate.deleted_at.is_(None),
        )
    ).all()
    # A sighting settled as someone another team already counted is not counted again, as
    # long as that other sighting still stands.
    counted_once = {
        flag.sighting_id
        for flag in flags
        if flag.verdict is DuplicateVerdict.SAME_PERSON and flag.other_sighting_id in current
    }
    counted = [
        entry
        for sighting, entry in current.items()
        if is_counted(entry.status) and sighting not in counted_once
    ]
    not_counted = [entry for entry in current.values() if not is_counted(entry.status)]
    areas = session.scalars(
        select(StreetCountArea)
        .where(StreetCountArea.street_count_id == count_id, StreetCountArea.deleted_at.is_(None))
        .order_by(StreetCountArea.name)
    ).all()
    in_area = Counter(entry.area_id for entry in counted)
    not_in_area = Counter(entry.area_id for entry in not_counted)
    return CountTotals(
        count=count_view(count),
        total=len(counted),
        seen_not_counted=len(not_counted),
        by_area=tuple(
            AreaTotal(area.id, area.name, in_area[area.id], not_in_area[area.id]) for area in areas
        ),
        by_sex={sex: sum(entry.sex is sex for entry in counted) for sex in Sex},
        by_age_band={band: sum(entry.age_band is band for entry in counted) for band in AgeBand},
        by_nationality_band={
            band: sum(entry.nationality_band is band for entry in counted)
            for band in NationalityBand
        },
        counted_once_as_duplicates=len(
            counted_once & {e.sighting_id for e in current.values() if is_counted(e.status)}
        ),
        duplicates_to_settle=sum(flag.verdict is None for flag in flags),
    )


def _duplicate_view(session: Session, flag: StreetCountDuplicate) -> DuplicateView:
    current = current_versions(session, flag.street_count_id)
    first = current.get(flag.other_sighting_id) or session.get(
        StreetCountEntry, flag.other_entry_id
    )
    second = current.get(flag.sighting_id) or session.get(StreetCountEntry, flag.entry_id)
    assert first is not None and second is not None  # foreign keys
    first_view, second_view = entry_views(session, [first, second])
    settled_by = session.get(Officer, flag.settled_by) if flag.settled_by else None
    return DuplicateView(
        flag_id=flag.id,
        reason=flag.reason,
        first=first_view,
        second=second_view,
        verdict=flag.verdict,
        settled_by=settled_by.display_name if settled_by else None,
    )
