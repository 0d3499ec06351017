"""Generated case histories, one per letter an event owes, for `hoclient letter render`."""

from datetime import date, timedelta
from typing import Any

APPLIED = "2026-03-02"
DECIDED = "2026-03-09"
NOTIFIED = "2026-03-10"  # notified a day after the decision, by post
AFTER_DAY_56 = "2026-04-28"  # day 56 of a duty begun on 2 March is 26 April
REASONS = "We checked your tenancy agreement dated 1 May 2024 & spoke to your landlord."
# What the test expects, computed here: 21 days beginning with the day notified (s202(3)).
REVIEW_LAST_DAY = date.fromisoformat(NOTIFIED) + timedelta(days=20)  # 30 March 2026

TOP: dict[str, Any] = {
    "schema": "hoclient.case-history/1",
    "applicant": {"name": "Grace O'Brien", "address": ["14 Mill Lane", "Exampletown"]},
    "officer": {"name": "Priya Shah", "role": "Housing Options Officer", "phone": "01234 1"},
    "case_reference": "HO-2026-000042",
}


def event(type_name: str, on: str = DECIDED, **fields: Any) -> dict[str, Any]:
    return {"type": type_name, "date": on, **fields}


def decision(type_name: str, on: str = DECIDED, **fields: Any) -> dict[str, Any]:
    """A decision notified the next day, with its reasons."""
    return event(
        type_name, on, notified=NOTIFIED if on == DECIDED else on, reasons=REASONS, **fields
    )


APPLICATION = event("application", APPLIED)
PREVENTION = event("prevention_duty_accepted", APPLIED)
RELIEF = event("relief_duty_accepted", APPLIED)
PRIORITY = event("priority_need_decided", "2026-03-05", priority_need=True)
NOT_INTENTIONAL = event("intentionality_decided", "2026-03-05", intentional=False)
MAIN_DUTY = event("main_duty_accepted", "2026-04-27")
PREVENTION_GROUNDS = (
    "suitable_accommodation",
    "fifty_six_days_complied",
    "became_homeless",
    "refused_suitable_offer",
    "intentionally_homeless_from_accommodation",
    "no_longer_eligible",
    "withdrawn",
)
RELIEF_GROUNDS = PREVENTION_GROUNDS[:2] + PREVENTION_GROUNDS[3:]


def history(*events: dict[str, Any]) -> dict[str, Any]:
    return {**TOP, "events": [APPLICATION, *events]}


def _histories() -> dict[str, tuple[dict[str, Any], int]]:
    """Kind id -> (a history, the index of the event that owes that letter)."""
    made: dict[str, tuple[dict[str, Any], int]] = {
        "s184-not-eligible": (history(decision("not_eligible")), 1),
        "s184-no-duty": (history(decision("no_duty")), 1),
        "s184-prevention-duty": (history(decision("prevention_duty_accepted")), 1),
        "s184-relief-duty": (history(decision("relief_duty_accepted")), 1),
        "interim-accommodation-ends-no-priority-need": (
            history(
                event("placement_started", APPLIED, placement="p1", kind="hostel"),
                RELIEF,
                decision(
                    "priority_need_decided",
                    priority_need=False,
                    placement={"address": ["Station Hostel", "Exampletown"], "ends": "2026-03-17"},
                ),
            ),
            3,
        ),
        "s184-no-priority-need": (
            history(RELIEF, decision("priority_need_decided", priority_need=False)),
            2,
        ),
        "s184-main-duty": (
            history(
                RELIEF, PRIORITY, NOT_INTENTIONAL, decision("main_duty_accepted", "2026-04-27")
            ),
            4,
        ),
        "s184-intentionally-homeless": (
            history(
                RELIEF,
                PRIORITY,
                event("relief_duty_ended", AFTER_DAY_56, reason="fifty_six_days_complied"),
                decision("intentionality_decided", AFTER_DAY_56, intentional=True),
            ),
            4,
        ),
        "relief-ended-final-offer-refused": (
            history(RELIEF, decision("relief_duty_ended", reason="refused_final_offer")),
            2,
        ),
        "local-connection-referral": (
            history(
                RELIEF,
                decision(
                    "relief_duty_ended",
                    reason="referred_local_connection",
                    referral={"other_council": "Otherplace District Council"},
                ),
            ),
            2,
        ),
        "relevant-warning": (
            history(
                PREVENTION,
                decision(
                    "relevant_warning",
                    warning={"step": "Register with three letting agents", "take_by": "2026-03-23"},
                ),
            ),
            2,
        ),
        "non-cooperation-notice": (
            history(
                PREVENTION,
                event("relevant_warning", "2026-03-05"),
                decision(
                    "non_cooperation_notice",
                    authorised_by={"name": "Tomasz Nowak", "role": "Team Leader"},
                ),
            ),
            3,
        ),
        "main-duty-ended": (
            history(
                RELIEF,
                PRIORITY,
                NOT_INTENTIONAL,
                MAIN_DUTY,
                decision("main_duty_ended", "2026-06-01", reason="refused_suitable_offer"),
            ),
            5,
        ),
        "review-acknowledgement": (
            history(
                decision("not_eligible"),
                event("review_requested", "2026-03-12", of=1, reviewer="officer"),
            ),
            2,
        ),
        "review-decision": (
            history(
                decision("not_eligible"),
                event("review_requested", "2026-03-12", of=1, reviewer="officer"),
                decision("review_decided", "2026-04-20", of=2, outcome="upheld"),
            ),
            3,
        ),
    }
    for ground in PREVENTION_GROUNDS:
        on = AFTER_DAY_56 if ground == "fifty_six_days_complied" else DECIDED
        made[f"prevention-ended-{ground.replace('_', '-')}"] = (
            history(PREVENTION, decision("prevention_duty_ended", on, reason=ground)),
            2,
        )
    for ground in RELIEF_GROUNDS:
        on = AFTER_DAY_56 if ground == "fifty_six_days_complied" else DECIDED
        made[f"relief-ended-{ground.replace('_', '-')}"] = (
            history(RELIEF, decision("relief_duty_ended", on, reason=ground)),
            2,
        )
    return made


HISTORIES = _histories()
