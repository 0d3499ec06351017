"""How the UI writes dates, times and numbers: UK style, whatever the machine's locale."""

from datetime import date, datetime

from hoclient.services.clock import LONDON

# Qt calls setlocale() on start, so strftime's %b would follow the machine's language;
# officers read English month names whatever the laptop is set to.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def uk_date(value: date) -> str:
    """'02 Mar 2026'."""
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"


def uk_date_or(value: date | None, missing: str) -> str:
    return missing if value is None else uk_date(value)


def typed_date(value: date) -> str:
    """'02/03/2026': how an officer types a date, and how a date field shows one."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def london_time(instant: datetime) -> str:
    """'25 Nov 2026 14:05' in London time: instants are stored in UTC (DESIGN.md, Data)."""
    local = instant.astimezone(LONDON)
    return f"{uk_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def ni_number(value: str | None) -> str:
    """'AB 12 34 56 C', the way the number is printed on HMRC letters."""
    if not value:
        return ""
    if len(value) != 9:
        return value
    return f"{value[:2]} {value[2:4]} {value[4:6]} {value[6:8]} {value[8]}"


def counted(number: int, singular: str, plural: str) -> str:
    """'1 case', '412 cases', '1,204 people'."""
    return f"{number:,} {singular if number == 1 else plural}"


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
