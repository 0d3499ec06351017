"""The statutory clocks of Part 7: calendar dates in Europe/London, nothing skipped.

Counting rules (domain/clocks.md §1): weekends, bank holidays, Christmas and Easter count like
any other day, and the last day stays the last day whatever day of the week it falls on.
"N days beginning with day X" counts X as day 1; "within N days of X" leaves X out. Weeks are
7 days under the same rules; months are calendar months, a month-end start clamping.
"""

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# s175(4), s189B(4) and (7)(b), s195(8)(b): the 56 days of the Homelessness Reduction Act 2017.
FIFTY_SIX_DAYS = 56
REVIEW_REQUEST_DAYS = 21  # s202(3)
APPEAL_DAYS = 21  # s204(2)
APPOINTED_PERSON_REPORT_WEEKS = 11  # SI 2018/223 reg 9(2)(a)


def london_date_of(instant: datetime) -> date:
    """The London calendar date of an instant: the day the law counts from.

    An email sent at 23:30 UTC on 31 March 2026 arrives on 1 April in London (BST).
    """
    if instant.tzinfo is None:
        # A naive time could be UTC or London time; guessing would move deadlines by a day.
        raise ValueError("an instant needs its time zone to give a London date")
    return instant.astimezone(LONDON).date()


def last_day_beginning_with(first_day: date, days: int) -> date:
    """Last day of a period of `days` days beginning with `first_day` (day 1)."""
    return first_day + timedelta(days=days - 1)


def last_day_within(day: date, days: int) -> date:
    """Last day of a period "within `days` days of" `day`, which is not itself counted."""
    return day + timedelta(days=days)


def add_calendar_months(day: date, months: int) -> date:
    """The corresponding date `months` later; a month-end start clamps (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def threatened_if_homeless_by(assessed_on: date) -> date:
    """Last day on which likely homelessness makes the applicant threatened (s175(4)).

    "Within 56 days": assessed on Mon 2 Mar 2026, threatened if likely to be homeless on or
    before Mon 27 Apr 2026.
    """
    return last_day_within(assessed_on, FIFTY_SIX_DAYS)


def prevention_period_last_day(first_satisfied_on: date) -> date:
    """Day 56 of the prevention duty, counting the day the authority were first satisfied.

    s195(8)(b): the "complied and 56 days" notice is possible only from the next day.
    """
    return last_day_beginning_with(first_satisfied_on, FIFTY_SIX_DAYS)


def relief_period_last_day(first_satisfied_on: date) -> date:
    """Day 56 of the relief duty, counting the day the authority were first satisfied.

    s189B(4): where it ends by itself, it ends at the end of this day; s189B(7)(b): the
    "complied and 56 days" notice is possible only from the next day.
    """
    return last_day_beginning_with(first_satisfied_on, FIFTY_SIX_DAYS)


def review_request_last_day(notified_on: date) -> date:
    """Last day to ask for a s202 review: 21 days beginning with the day notified (s202(3)).

    The authority may allow longer in writing; that is a decision, not a clock.
    """
    return last_day_beginning_with(notified_on, REVIEW_REQUEST_DAYS)


def review_decision_due(requested_on: date, weeks: int) -> date:
    """Last day to notify a review decision: `weeks` weeks beginning with the request day.

    SI 2018/223 reg 9(1); the applicant and reviewer may agree a longer period in writing.
    """
    return last_day_beginning_with(requested_on, 7 * weeks)


def appointed_person_report_due(requested_on: date) -> date:
    """Last day for an appointed person's report to both councils (SI 2018/223 reg 9(2)(a))."""
    return last_day_beginning_with(requested_on, 7 * APPOINTED_PERSON_REPORT_WEEKS)


def appeal_last_day(review_decision_notified_on: date) -> date:
    """Last day to appeal to the county court: "within 21 days of" notification (s204(2)).

    A late appeal needs the court's permission for good reason (s204(2A)).
    """
    return last_day_within(review_decision_notified_on, APPEAL_DAYS)


def prospect_reaches(notice_on: date, months: int) -> date:
    """The day a reasonable prospect of accommodation must reach: `months` from the notice.

    s189B(7)(a) and s195(8)(a): at least 6 months (regulations may raise it to 12).
    """
    return add_calendar_months(notice_on, months)


def fixed_term_is_long_enough(starts_on: date, ends_on: date, months: int) -> bool | None:
    """Whether a fixed term of a tenancy lasts "at least `months` months".

    Read as: the term ends no earlier than the day before the corresponding date. For a start
    on the 29th-31st the right reading is UNKNOWN (domain/clocks.md §1): None asks an officer
    to check the offer.
    """
    if starts_on.day >= 29:
        return None
    return ends_on >= add_calendar_months(starts_on, months) - timedelta(days=1)
