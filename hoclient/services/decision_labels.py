"""Plain words for the duty engine's events, endings and clocks: what an officer reads.

Words only; which decision is lawful, and when, is the engine's (hoclient.casework).
"""

from hoclient.casework.case_events import NoticeKind, PlacementKind, Reviewer, ReviewOutcome
from hoclient.casework.case_history import DeadlineKind
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding

DUTY_LABELS = {
    Duty.NONE: "No duty decided yet",
    Duty.PREVENTION: "Prevention duty",
    Duty.RELIEF: "Relief duty",
    Duty.MAIN: "Main housing duty",
    Duty.S190: "Intentionally homeless: s190 duty",
    Duty.S193C: "Duty after non-cooperation: s193C(4)",
    Duty.NO_DUTY: "No duty owed",
    Duty.ENDED: "Every duty has ended",
}

DEADLINE_LABELS = {
    DeadlineKind.PREVENTION_PERIOD_END: "Prevention: day 56",
    DeadlineKind.RELIEF_PERIOD_END: "Relief: day 56",
    DeadlineKind.REVIEW_REQUEST_BY: "Review request: last day",
    DeadlineKind.REVIEW_DECISION_BY: "Review decision due",
    DeadlineKind.APPEAL_BY: "County court appeal: last day",
    DeadlineKind.BED_AND_BREAKFAST_LIMIT: "B&B: family must have left by",
}

ENDING_WORDS: dict[PreventionEnding | ReliefEnding | MainDutyEnding, str] = {
    PreventionEnding.SUITABLE_ACCOMMODATION: "suitable accommodation available",
    PreventionEnding.FIFTY_SIX_DAYS_COMPLIED: "56 days passed and duty complied with",
    PreventionEnding.BECAME_HOMELESS: "became homeless",
    PreventionEnding.REFUSED_SUITABLE_OFFER: "refused a suitable offer",
    PreventionEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: (
        "intentionally homeless from accommodation provided"
    ),
    PreventionEnding.NO_LONGER_ELIGIBLE: "no longer eligible",
    PreventionEnding.WITHDRAWN: "application withdrawn",
    ReliefEnding.SUITABLE_ACCOMMODATION: "suitable accommodation secured",
    ReliefEnding.FIFTY_SIX_DAYS_COMPLIED: "56 days passed and duty complied with",
    ReliefEnding.REFUSED_SUITABLE_OFFER: "refused a suitable offer",
    ReliefEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: (
        "intentionally homeless from accommodation provided"
    ),
    ReliefEnding.NO_LONGER_ELIGIBLE: "no longer eligible",
    ReliefEnding.WITHDRAWN: "application withdrawn",
    ReliefEnding.REFUSED_FINAL_OFFER: "refused a final offer",
    ReliefEnding.REFERRED_LOCAL_CONNECTION: "referred to another council (local connection)",
    MainDutyEnding.REFUSED_SUITABLE_OFFER: "refused a suitable offer",
    MainDutyEnding.NO_LONGER_ELIGIBLE: "no longer eligible",
    MainDutyEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: (
        "intentionally homeless from accommodation provided"
    ),
    MainDutyEnding.ACCEPTED_PART6_OFFER: "accepted a Part 6 offer",
    MainDutyEnding.ACCEPTED_ASSURED_TENANCY: "accepted an assured tenancy",
    MainDutyEnding.VOLUNTARILY_CEASED_TO_OCCUPY: "voluntarily left the accommodation",
    MainDutyEnding.REFUSED_FINAL_PART6_OFFER: "refused a final Part 6 offer",
    MainDutyEnding.ACCEPTED_PRSO: "accepted a private rented sector offer",
    MainDutyEnding.REFUSED_PRSO: "refused a private rented sector offer",
}

NOTICE_WORDS = {
    NoticeKind.SECTION_21: "section 21 notice",
    NoticeKind.SECTION_8: "section 8 notice",
    NoticeKind.OTHER: "notice",
}

REVIEWER_WORDS = {
    Reviewer.OFFICER: "a reviewing officer",
    Reviewer.JOINT_REFERRAL: "both councils (referral)",
    Reviewer.APPOINTED_PERSON: "an appointed person",
}

OUTCOME_WORDS = {ReviewOutcome.UPHELD: "upheld", ReviewOutcome.OVERTURNED: "overturned"}

PLACEMENT_WORDS = {
    PlacementKind.BED_AND_BREAKFAST: "bed and breakfast",
    PlacementKind.HOSTEL: "hostel",
    PlacementKind.SELF_CONTAINED: "self-contained",
    PlacementKind.OTHER: "other accommodation",
}

# What was decided, as a timeline entry reads; details are added by hoclient.services.decisions.
DECISION_WORDS = {
    "application": "Application",
    "notice_to_quit": "Notice to quit",
    "not_eligible": "Not eligible",
    "no_duty": "No duty: neither homeless nor threatened within 56 days",
    "prevention_duty_accepted": "Prevention duty accepted",
    "prevention_duty_ended": "Prevention duty ended",
    "relief_duty_accepted": "Relief duty accepted",
    "relief_duty_ended": "Relief duty ended",
    "priority_need_decided": "Priority need",
    "intentionality_decided": "Intentionality",
    "relevant_warning": "Relevant warning (non-cooperation)",
    "non_cooperation_notice": "Non-cooperation notice",
    "main_duty_accepted": "Main duty accepted",
    "main_duty_ended": "Main duty ended",
    "review_requested": "Review requested",
    "review_decided": "Review decided",
    "placement_started": "Placement started",
    "placement_ended": "Placement ended",
}

# The same decisions as buttons: what the officer is about to do.
ACTION_WORDS = {
    "application": "Record the application",
    "notice_to_quit": "Record a notice to quit",
    "not_eligible": "Decide: not eligible",
    "no_duty": "Decide: no duty (not homeless or threatened)",
    "prevention_duty_accepted": "Accept the prevention duty",
    "prevention_duty_ended": "End the prevention duty",
    "relief_duty_accepted": "Accept the relief duty",
    "relief_duty_ended": "End the relief duty",
    "priority_need_decided": "Decide priority need",
    "intentionality_decided": "Decide intentionality",
    "relevant_warning": "Give a relevant warning",
    "non_cooperation_notice": "Give a non-cooperation notice",
    "main_duty_accepted": "Accept the main duty",
    "main_duty_ended": "End the main duty",
    "review_requested": "Record a review request",
    "review_decided": "Record the review decision",
    "placement_started": "Record a placement starting",
    "placement_ended": "End the placement",
}
