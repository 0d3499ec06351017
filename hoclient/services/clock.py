"""Today's date where the law counts it: Europe/London (DESIGN.md, Data)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def today_in_london(now: datetime | None = None) -> date:
    """The London calendar date of `now` (default: this instant)."""
    return (now or datetime.now(UTC)).astimezone(LONDON).date()
