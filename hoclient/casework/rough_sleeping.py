"""Rough sleeping counts: which night, who is counted, what lowers the rating.

Sources: GOV.UK "Rough sleeping snapshot in England: autumn 2025, technical report" and
Homeless Link's snapshot guidance (../shared/domain/rough-sleeping.md). No Qt, no Session, no
clock: dates in, facts out.
"""

from datetime import date, datetime, time

from hoclient.vocabulary import CountKind, SleepingStatus

# The annual snapshot is one typical night between 1 October and 30 November (both counted).
SNAPSHOT_WINDOW_FIRST = (10, 1)
SNAPSHOT_WINDOW_LAST = (11, 30)

# Asleep, about to bed down (beside their bedding) or bedded down: counted. Seen but not bedded
# down at the time: kept apart from the total ("seen, not counted").
COUNTED_STATUSES = frozenset(
    {SleepingStatus.BEDDED_DOWN, SleepingStatus.ABOUT_TO_BED_DOWN, SleepingStatus.ASLEEP}
)


def is_counted(status: SleepingStatus) -> bool:
    return status in COUNTED_STATUSES


def count_night_problem(kind: CountKind, night_of: date) -> str | None:
    """Why this night cannot be the count's, in plain words; None when it can."""
    if kind is CountKind.ANNUAL_SNAPSHOT:
        first = date(night_of.year, *SNAPSHOT_WINDOW_FIRST)
        last = date(night_of.year, *SNAPSHOT_WINDOW_LAST)
        if not first <= night_of <= last:
            return "The annual snapshot must be a night between 1 October and 30 November."
    return None


def count_times_problem(night_of: date, starts_at: datetime, ends_at: datetime) -> str | None:
    """The count happens on its night: it starts on the evening of `night_of` or after
    midnight, and finishes after it starts (times in Europe/London)."""
    if ends_at <= starts_at:
        return "The count must finish after it starts."
    if starts_at.date() not in (night_of, date.fromordinal(night_of.toordinal() + 1)):
        return "The count must start on its night: that evening, or after midnight."
    if (ends_at - starts_at).total_seconds() > 12 * 3600:
        # "A figure gathered over two or more nights cannot be quality-assured."
        return "A count is one night: it cannot last more than 12 hours."
    return None


def rating_warnings(
    *, starts_at_local: datetime, night_of: date, independent_partner: str | None
) -> list[str]:
    """What would stop the snapshot being rated "Assured" (Homeless Link verification)."""
    warnings = []
    if not (independent_partner or "").strip():
        warnings.append("No independent partner is taking part: the count cannot be rated Assured.")
    if starts_at_local.date() == night_of and starts_at_local.time() > time(0, 0):
        warnings.append("The count starts before midnight: it would be Not Fully Assured.")
    return warnings
