"""The relief duty, s189B: reasonable steps to help a homeless applicant secure a home."""

from datetime import date, timedelta

from hoclient.casework import clocks

RELIEF_PERIOD_BASIS = "HA 1996 s189B(4)"


def relief_duty_ends_automatically(
    first_satisfied_on: date, *, priority_need: bool | None, intentionally_homeless: bool | None
) -> date | None:
    """Last day of the relief duty when it ends by itself; None when only a notice ends it.

    s189B(4): where the authority are satisfied the applicant has a priority need and are not
    satisfied they became homeless intentionally, the duty ends at the end of the 56 days
    beginning with the day they were first satisfied under s189B(1). No notice is needed and
    none extends it. `None` for either finding means it has not been decided.
    """
    if priority_need is not True or intentionally_homeless is not False:
        return None
    return clocks.relief_period_last_day(first_satisfied_on)


def fifty_six_day_ground_unavailable(first_satisfied_on: date, notice_on: date) -> str | None:
    """Why relief cannot end on "complied and 56 days" (s189B(7)(b)); None when it can."""
    last_day = clocks.relief_period_last_day(first_satisfied_on)
    if notice_on <= last_day:
        return (
            f"the 56 days of relief beginning with {first_satisfied_on.isoformat()} "
            f"run to {last_day.isoformat()}: this ground is available from "
            f"{(last_day + timedelta(days=1)).isoformat()} (HA 1996 s189B(7)(b))"
        )
    return None
