"""The main housing duty, s193: secure that accommodation is available."""

MAIN_DUTY_DECISION_BASIS = "HA 1996 s193(1)"


def main_duty_conditions_unmet(
    *, priority_need: bool | None, intentionally_homeless: bool | None
) -> str | None:
    """Why the authority cannot decide the main duty is owed; None when they can.

    s193(1): satisfied the applicant has a priority need, and not satisfied they became
    homeless intentionally. `None` for either finding means it has not been decided yet.
    """
    unmet = []
    if priority_need is not True:
        unmet.append(
            "no decision that the applicant has a priority need"
            if priority_need is None
            else "the applicant was decided not to have a priority need"
        )
    if intentionally_homeless is not False:
        unmet.append(
            "no decision that the applicant is not intentionally homeless"
            if intentionally_homeless is None
            else "the applicant was decided to be intentionally homeless"
        )
    if not unmet:
        return None
    return (
        "the main duty is owed only to an applicant in priority need and not intentionally "
        f"homeless: {'; '.join(unmet)} ({MAIN_DUTY_DECISION_BASIS})"
    )
