"""Replaying a case's history: the duty owed on a day, since when, and every clock."""

from datetime import date, timedelta

import pytest

from hoclient.casework.case_events import (
    Application,
    CaseEvent,
    Household,
    HouseholdMember,
    IntentionalityDecided,
    MainDutyAccepted,
    NoDuty,
    NonCooperationNotice,
    NotEligible,
    NoticeKind,
    NoticeToQuit,
    PlacementEnded,
    PlacementKind,
    PlacementStarted,
    PreventionDutyAccepted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    RelevantWarning,
    ReliefDutyAccepted,
    ReliefDutyEnded,
    ReviewDecided,
    Reviewer,
    ReviewOutcome,
    ReviewRequested,
)
from hoclient.casework.case_history import (
    CaseworkRefusal,
    Deadline,
    DeadlineKind,
    DutyState,
    legal_next_decisions,
    replay,
)
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from tests.casework.cases import APPLIED, day, history

FAMILY = Household(
    HouseholdMember(born_on=date(1990, 5, 1)),
    (
        HouseholdMember("child", born_on=date(2019, 2, 11)),
        HouseholdMember("partner", pregnant=True),
    ),
)
RELIEF_ACCEPTED = ReliefDutyAccepted(on=day(0))
IN_PRIORITY_NEED = PriorityNeedDecided(on=day(0), priority_need=True)
NOT_INTENTIONAL = IntentionalityDecided(on=day(0), intentional=False)
DAY_56 = day(55)  # Sun 26 Apr 2026


def deadlines_of(state: DutyState) -> list[tuple[str, date, int]]:
    return [(d.kind.value, d.due_on, d.event) for d in state.deadlines]


def refusal_of(*events: CaseEvent, as_of: date | None = None) -> CaseworkRefusal:
    with pytest.raises(CaseworkRefusal) as refusal:
        replay(history(*events), as_of)
    return refusal.value


def test_the_issues_worked_example_owes_relief_with_its_clock() -> None:
    state = replay(
        history(
            Application(on=date(2026, 2, 2)),
            NoticeToQuit(
                on=date(2026, 2, 2), kind=NoticeKind.SECTION_21, expires_on=date(2026, 3, 20)
            ),
            PreventionDutyAccepted(on=date(2026, 2, 4), notified_on=date(2026, 2, 4)),
            PreventionDutyEnded(on=date(2026, 3, 25), reason=PreventionEnding.BECAME_HOMELESS),
            ReliefDutyAccepted(on=date(2026, 3, 25), notified_on=date(2026, 3, 25)),
            household=FAMILY,
        ),
        date(2026, 3, 30),
    )
    assert state == DutyState(
        as_of=date(2026, 3, 30),
        duty=Duty.RELIEF,
        duty_since=date(2026, 3, 25),
        bed_and_breakfast_nights=0,
        deadlines=(
            Deadline(DeadlineKind.RELIEF_PERIOD_END, date(2026, 5, 19), "HA 1996 s189B(4)", 4),
        ),
        priority_need=None,
        intentionally_homeless=None,
    )


# Validity


def test_as_of_defaults_to_the_last_events_day() -> None:
    assert replay(history(APPLIED, RELIEF_ACCEPTED, RelevantWarning(on=day(9)))).as_of == day(9)


def test_events_after_as_of_are_ignored_even_when_they_would_be_refused() -> None:
    events = (APPLIED, RELIEF_ACCEPTED, NotEligible(on=day(9)))
    assert replay(history(*events), day(8)).duty is Duty.RELIEF
    assert refusal_of(*events).index == 2


def test_a_history_must_begin_with_the_application() -> None:
    refusal = refusal_of(RELIEF_ACCEPTED, APPLIED)
    assert (refusal.index, refusal.reason) == (0, "a case history begins with the application")


def test_an_empty_history_is_refused() -> None:
    assert refusal_of().index is None


def test_a_second_application_is_a_new_case() -> None:
    assert refusal_of(APPLIED, RELIEF_ACCEPTED, Application(on=day(3))).index == 2


def test_events_must_be_in_date_order() -> None:
    refusal = refusal_of(APPLIED, RelevantWarning(on=day(5)), RELIEF_ACCEPTED)
    assert refusal.index == 2
    assert "before event 1 (2026-03-07): events must be in date order" in refusal.reason


def test_events_on_the_same_day_keep_their_order() -> None:
    # Accepted, then ended, on one day: prevention ends the day it began.
    state = replay(
        history(
            APPLIED,
            PreventionDutyAccepted(on=day(0)),
            PreventionDutyEnded(on=day(0), reason=PreventionEnding.WITHDRAWN),
        )
    )
    assert (state.duty, state.duty_since) == (Duty.ENDED, day(0))


def test_a_decision_cannot_be_notified_before_it_is_made() -> None:
    refusal = refusal_of(APPLIED, NotEligible(on=day(3), notified_on=day(2)))
    assert refusal.index == 1
    assert "notified on 2026-03-04, before it happened" in refusal.reason


def test_as_of_before_the_application_is_refused() -> None:
    assert refusal_of(APPLIED, as_of=day(-1)).index is None


# s189B(4): relief ends by itself


def test_relief_ends_by_itself_at_the_end_of_day_56_and_main_is_owed_from_the_next_day() -> None:
    events = history(APPLIED, RELIEF_ACCEPTED, IN_PRIORITY_NEED, NOT_INTENTIONAL)
    on_day_56 = replay(events, DAY_56)
    assert (on_day_56.duty, on_day_56.duty_since) == (Duty.RELIEF, day(0))
    assert deadlines_of(on_day_56) == [("relief_period_end", DAY_56, 1)]
    next_day = replay(events, DAY_56 + timedelta(days=1))
    assert (next_day.duty, next_day.duty_since) == (Duty.MAIN, date(2026, 4, 27))
    assert next_day.deadlines == ()


def test_findings_made_on_day_56_itself_end_relief_that_night() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            PriorityNeedDecided(on=DAY_56, priority_need=True),
            IntentionalityDecided(on=DAY_56, intentional=False),
        ),
        day(70),
    )
    assert (state.duty, state.duty_since) == (Duty.MAIN, day(56))


def test_after_relief_ends_by_itself_the_56_day_notice_is_refused() -> None:
    refusal = refusal_of(
        APPLIED,
        RELIEF_ACCEPTED,
        IN_PRIORITY_NEED,
        NOT_INTENTIONAL,
        ReliefDutyEnded(on=day(60), reason=ReliefEnding.FIFTY_SIX_DAYS_COMPLIED),
    )
    assert refusal.index == 4
    assert "relief ended by itself at the end of day 56, 2026-04-26" in refusal.reason
    assert "s189B(4)" in refusal.reason


def test_a_later_main_duty_decision_notifies_without_moving_duty_since() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            IN_PRIORITY_NEED,
            NOT_INTENTIONAL,
            MainDutyAccepted(on=day(62), notified_on=day(63)),
        )
    )
    assert (state.duty, state.duty_since) == (Duty.MAIN, day(56))


def test_a_main_duty_decision_inside_the_56_days_does_not_bring_the_main_duty_forward() -> None:
    events = history(
        APPLIED, RELIEF_ACCEPTED, IN_PRIORITY_NEED, NOT_INTENTIONAL, MainDutyAccepted(on=day(20))
    )
    assert replay(events).duty is Duty.RELIEF
    assert replay(events, day(56)).duty_since == day(56)


def test_findings_after_day_56_leave_relief_running_until_a_decision() -> None:
    events = (
        APPLIED,
        RELIEF_ACCEPTED,
        PriorityNeedDecided(on=day(60), priority_need=True),
        IntentionalityDecided(on=day(61), intentional=False),
    )
    overdue = replay(history(*events), day(90))
    assert (overdue.duty, overdue.duty_since) == (Duty.RELIEF, day(0))
    assert deadlines_of(overdue) == [("relief_period_end", DAY_56, 1)]  # overdue, still shown
    accepted = replay(history(*events, MainDutyAccepted(on=day(91))))
    assert (accepted.duty, accepted.duty_since) == (Duty.MAIN, day(91))


def test_the_latest_priority_need_decision_is_the_one_in_force_on_day_56() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            IN_PRIORITY_NEED,
            NOT_INTENTIONAL,
            PriorityNeedDecided(on=day(30), priority_need=False),
        ),
        day(80),
    )
    assert state.duty is Duty.RELIEF


def test_relief_ended_by_notice_before_day_56_does_not_end_again_by_itself() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            IN_PRIORITY_NEED,
            NOT_INTENTIONAL,
            ReliefDutyEnded(on=day(30), reason=ReliefEnding.SUITABLE_ACCOMMODATION),
        ),
        day(80),
    )
    assert (state.duty, state.duty_since) == (Duty.ENDED, day(30))


# The 56-day notice grounds: s195(8)(b), s189B(7)(b), s195(6)


def test_prevention_cannot_end_on_the_56_day_ground_on_or_before_day_56() -> None:
    accepted = PreventionDutyAccepted(on=day(0))
    on_day_56 = PreventionDutyEnded(on=DAY_56, reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED)
    refusal = refusal_of(APPLIED, accepted, on_day_56)
    assert refusal.index == 2
    assert "available from 2026-04-27 (HA 1996 s195(8)(b))" in refusal.reason
    next_day = PreventionDutyEnded(on=day(56), reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED)
    assert replay(history(APPLIED, accepted, next_day)).duty is Duty.ENDED


def test_relief_cannot_end_on_the_56_day_ground_on_or_before_day_56() -> None:
    on_day_56 = ReliefDutyEnded(on=DAY_56, reason=ReliefEnding.FIFTY_SIX_DAYS_COMPLIED)
    refusal = refusal_of(APPLIED, RELIEF_ACCEPTED, on_day_56)
    assert refusal.index == 2
    assert "s189B(7)(b)" in refusal.reason
    next_day = ReliefDutyEnded(on=day(56), reason=ReliefEnding.FIFTY_SIX_DAYS_COMPLIED)
    assert replay(history(APPLIED, RELIEF_ACCEPTED, next_day)).duty is Duty.ENDED


@pytest.mark.parametrize("kind", [NoticeKind.SECTION_21, NoticeKind.SECTION_8])
def test_prevention_cannot_end_on_the_56_day_ground_after_a_s21_or_s8_notice(
    kind: NoticeKind,
) -> None:
    refusal = refusal_of(
        APPLIED,
        NoticeToQuit(on=day(0), kind=kind, expires_on=day(40)),
        PreventionDutyAccepted(on=day(1)),
        PreventionDutyEnded(on=day(90), reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED),
    )
    assert refusal.index == 3
    assert "HA 1996 s195(6)" in refusal.reason


def test_another_kind_of_notice_leaves_the_56_day_ground_open() -> None:
    state = replay(
        history(
            APPLIED,
            NoticeToQuit(on=day(0), kind=NoticeKind.OTHER, expires_on=day(40)),
            PreventionDutyAccepted(on=day(1)),
            PreventionDutyEnded(on=day(90), reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED),
        )
    )
    assert state.duty is Duty.ENDED


def test_a_s21_notice_recorded_after_prevention_ended_does_not_reach_back() -> None:
    state = replay(
        history(
            APPLIED,
            PreventionDutyAccepted(on=day(1)),
            PreventionDutyEnded(on=day(90), reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED),
            NoticeToQuit(on=day(90), kind=NoticeKind.SECTION_21, expires_on=day(120)),
        )
    )
    assert state.duty is Duty.ENDED


# After relief: s190 or ended


@pytest.mark.parametrize(
    ("priority_need", "intentional", "duty"),
    [(True, True, Duty.S190), (True, False, Duty.ENDED), (False, True, Duty.ENDED)],
)
def test_after_56_days_s190_follows_only_priority_need_with_intentional_homelessness(
    priority_need: bool, intentional: bool, duty: Duty
) -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            PriorityNeedDecided(on=day(57), priority_need=priority_need),
            IntentionalityDecided(on=day(57), intentional=intentional),
            ReliefDutyEnded(on=day(58), reason=ReliefEnding.FIFTY_SIX_DAYS_COMPLIED),
        )
    )
    assert (state.duty, state.duty_since) == (duty, day(58))


def test_s190_needs_both_findings_decided_not_merely_absent() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            IntentionalityDecided(on=day(5), intentional=True),
            ReliefDutyEnded(on=day(10), reason=ReliefEnding.REFUSED_SUITABLE_OFFER),
        )
    )
    assert state.duty is Duty.ENDED


# s193B: a relevant warning, then the notice


def test_a_non_cooperation_notice_without_a_warning_is_refused() -> None:
    refusal = refusal_of(APPLIED, RELIEF_ACCEPTED, NonCooperationNotice(on=day(9)))
    assert refusal.index == 2
    assert "no relevant warning has been given during this relief duty" in refusal.reason


def test_a_warning_given_during_prevention_does_not_carry_into_relief() -> None:
    refusal = refusal_of(
        APPLIED,
        PreventionDutyAccepted(on=day(0)),
        RelevantWarning(on=day(3)),
        ReliefDutyAccepted(on=day(9)),
        NonCooperationNotice(on=day(20)),
    )
    assert refusal.index == 4


def test_a_warning_on_the_day_relief_began_but_before_it_belongs_to_prevention() -> None:
    refusal = refusal_of(
        APPLIED,
        PreventionDutyAccepted(on=day(0)),
        RelevantWarning(on=day(9)),
        ReliefDutyAccepted(on=day(9)),
        NonCooperationNotice(on=day(20)),
    )
    assert refusal.index == 4


def test_a_configured_reasonable_period_must_pass_after_the_warning() -> None:
    events = history(
        APPLIED, RELIEF_ACCEPTED, RelevantWarning(on=day(3)), NonCooperationNotice(on=day(9))
    )
    with pytest.raises(CaseworkRefusal) as refusal:
        replay(events, reasonable_period_after_warning=timedelta(days=7))
    assert refusal.value.index == 3
    assert "the notice may be given from 2026-03-12" in refusal.value.reason
    state = replay(events, reasonable_period_after_warning=timedelta(days=6))
    assert state.duty is Duty.ENDED


def test_the_s193c_duty_is_owed_from_the_notice() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            IN_PRIORITY_NEED,
            NOT_INTENTIONAL,
            RelevantWarning(on=day(3)),
            NonCooperationNotice(on=day(20)),
        ),
        day(80),
    )
    assert (state.duty, state.duty_since) == (Duty.S193C, day(20))


# The main duty's conditions, s193(1)


@pytest.mark.parametrize(
    ("findings", "reason"),
    [
        ((), "no decision that the applicant has a priority need"),
        ((IN_PRIORITY_NEED,), "no decision that the applicant is not intentionally homeless"),
        (
            (PriorityNeedDecided(on=day(0), priority_need=False), NOT_INTENTIONAL),
            "decided not to have a priority need",
        ),
        (
            (IN_PRIORITY_NEED, IntentionalityDecided(on=day(0), intentional=True)),
            "decided to be intentionally homeless",
        ),
    ],
)
def test_the_main_duty_needs_priority_need_and_no_intentional_homelessness(
    findings: tuple[CaseEvent, ...], reason: str
) -> None:
    refusal = refusal_of(
        APPLIED,
        RELIEF_ACCEPTED,
        *findings,
        ReliefDutyEnded(on=day(10), reason=ReliefEnding.WITHDRAWN),
        MainDutyAccepted(on=day(11)),
    )
    assert refusal.index == len(findings) + 3
    assert reason in refusal.reason
    assert "HA 1996 s193(1)" in refusal.reason


# Reviews and appeals


ADVERSE_DECISIONS = [
    NotEligible(on=day(1)),
    NoDuty(on=day(1)),
    PriorityNeedDecided(on=day(1), priority_need=False),
    IntentionalityDecided(on=day(1), intentional=True),
]


@pytest.mark.parametrize("decision", ADVERSE_DECISIONS, ids=lambda d: type(d).__name__)
def test_an_adverse_decision_gives_21_days_to_ask_for_a_review(decision: CaseEvent) -> None:
    events = history(APPLIED, decision)
    assert deadlines_of(replay(events, day(1))) == [("review_request_by", day(21), 1)]
    assert deadlines_of(replay(events, day(21))) == [("review_request_by", day(21), 1)]
    assert deadlines_of(replay(events, day(22))) == []


def test_the_review_request_runs_from_the_day_notified() -> None:
    state = replay(history(APPLIED, NotEligible(on=day(1), notified_on=day(4))))
    assert deadlines_of(state) == [("review_request_by", day(24), 1)]


@pytest.mark.parametrize(
    ("decision", "adverse"),
    [
        (PreventionDutyEnded(on=day(2), reason=PreventionEnding.BECAME_HOMELESS), False),
        (PreventionDutyEnded(on=day(2), reason=PreventionEnding.SUITABLE_ACCOMMODATION), True),
        (PreventionDutyEnded(on=day(2), reason=PreventionEnding.WITHDRAWN), True),
    ],
)
def test_prevention_ended_by_homelessness_has_no_review_clock(
    decision: PreventionDutyEnded, adverse: bool
) -> None:
    state = replay(history(APPLIED, PreventionDutyAccepted(on=day(0)), decision))
    assert (len(state.deadlines) == 1) is adverse


def test_findings_in_the_applicants_favour_have_no_review_clock() -> None:
    state = replay(history(APPLIED, RELIEF_ACCEPTED, IN_PRIORITY_NEED, NOT_INTENTIONAL))
    assert [d.kind for d in state.deadlines] == [DeadlineKind.RELIEF_PERIOD_END]


def test_asking_for_a_review_replaces_the_request_clock_with_the_decision_clock() -> None:
    state = replay(
        history(
            APPLIED,
            NotEligible(on=day(1)),
            ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER),
        )
    )
    # 8 weeks beginning with the request day (reg 9(1)(b)).
    assert state.deadlines == (
        Deadline(DeadlineKind.REVIEW_DECISION_BY, day(8 + 55), "SI 2018/223 reg 9(1)(b)", 2),
    )


@pytest.mark.parametrize(
    ("reviewed", "reviewer", "days", "basis"),
    [
        (
            PreventionDutyEnded(on=day(1), reason=PreventionEnding.SUITABLE_ACCOMMODATION),
            Reviewer.OFFICER,
            20,
            "SI 2018/223 reg 9(1)(a)",
        ),
        (NonCooperationNotice(on=day(1)), Reviewer.OFFICER, 20, "SI 2018/223 reg 9(1)(a)"),
        (
            PreventionDutyEnded(on=day(1), reason=PreventionEnding.WITHDRAWN),
            Reviewer.JOINT_REFERRAL,
            69,
            "SI 2018/223 reg 9(1)(c)",
        ),
        (
            PreventionDutyEnded(on=day(1), reason=PreventionEnding.WITHDRAWN),
            Reviewer.APPOINTED_PERSON,
            83,
            "SI 2018/223 reg 9(1)(d)",
        ),
        (PreventionDutyAccepted(on=day(0)), Reviewer.OFFICER, 55, "SI 2018/223 reg 9(1)(b)"),
    ],
)
def test_the_review_period_depends_on_what_is_reviewed_and_who_reviews_it(
    reviewed: CaseEvent, reviewer: Reviewer, days: int, basis: str
) -> None:
    prevention = (PreventionDutyAccepted(on=day(0)), RelevantWarning(on=day(0)))
    events = prevention if isinstance(reviewed, PreventionDutyAccepted) else (*prevention, reviewed)
    of = 1 if isinstance(reviewed, PreventionDutyAccepted) else 3
    state = replay(history(APPLIED, *events, ReviewRequested(on=day(5), of=of, reviewer=reviewer)))
    review_clock = [d for d in state.deadlines if d.kind is DeadlineKind.REVIEW_DECISION_BY]
    assert review_clock == [
        Deadline(DeadlineKind.REVIEW_DECISION_BY, day(5 + days), basis, len(events) + 1)
    ]


def test_a_review_of_a_non_cooperation_notice_at_relief_stage_takes_8_weeks() -> None:
    state = replay(
        history(
            APPLIED,
            RELIEF_ACCEPTED,
            RelevantWarning(on=day(1)),
            NonCooperationNotice(on=day(9)),
            ReviewRequested(on=day(10), of=3, reviewer=Reviewer.OFFICER),
        )
    )
    assert deadlines_of(state) == [("review_decision_by", day(65), 4)]


def test_a_second_review_of_the_same_decision_waits_for_the_first() -> None:
    requested = ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER)
    refusal = refusal_of(APPLIED, NoDuty(on=day(1)), requested, requested)
    assert refusal.index == 3
    assert "requested at event 2 and is not yet decided" in refusal.reason
    decided = ReviewDecided(on=day(20), of=2, outcome=ReviewOutcome.OVERTURNED)
    again = ReviewRequested(on=day(21), of=1, reviewer=Reviewer.OFFICER)
    state = replay(history(APPLIED, NoDuty(on=day(1)), requested, decided, again))
    assert deadlines_of(state) == [("review_decision_by", day(21 + 55), 4)]


def test_a_review_is_decided_once() -> None:
    decided = ReviewDecided(on=day(20), of=2, outcome=ReviewOutcome.UPHELD)
    refusal = refusal_of(
        APPLIED,
        NoDuty(on=day(1)),
        ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER),
        decided,
        decided,
    )
    assert (refusal.index, "already decided at event 3" in refusal.reason) == (4, True)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (
            ReviewRequested(on=day(8), of=0, reviewer=Reviewer.OFFICER),
            "event 0 (application) cannot be reviewed",
        ),
        (
            ReviewRequested(on=day(8), of=3, reviewer=Reviewer.OFFICER),
            "'of' must be the index of an earlier event (0 to 2), not 3",
        ),
        (
            ReviewRequested(on=day(8), of=-1, reviewer=Reviewer.OFFICER),
            "'of' must be the index of an earlier event",
        ),
        (
            ReviewDecided(on=day(8), of=1, outcome=ReviewOutcome.UPHELD),
            "'of' must be the index of a review_requested event; event 1 is no_duty",
        ),
    ],
)
def test_a_review_must_point_at_a_reviewable_earlier_event(event: CaseEvent, reason: str) -> None:
    notice = NoticeToQuit(on=day(1), kind=NoticeKind.OTHER, expires_on=day(30))
    refusal = refusal_of(APPLIED, NoDuty(on=day(1)), notice, event)
    assert refusal.index == 3
    assert reason in refusal.reason


def test_there_is_no_review_of_a_review() -> None:
    requested = ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER)
    refusal = refusal_of(
        APPLIED,
        NoDuty(on=day(1)),
        requested,
        ReviewDecided(on=day(20), of=2, outcome=ReviewOutcome.UPHELD),
        ReviewRequested(on=day(21), of=3, reviewer=Reviewer.OFFICER),
    )
    assert "no review of a review (s202(2))" in refusal.reason


def test_interim_accommodation_is_not_reviewable_but_main_duty_accommodation_is() -> None:
    placed = PlacementStarted(on=day(1), placement="A", kind=PlacementKind.HOSTEL)
    refusal = refusal_of(
        APPLIED,
        RELIEF_ACCEPTED,
        placed,
        ReviewRequested(on=day(2), of=2, reviewer=Reviewer.OFFICER),
    )
    assert "judicial review" in refusal.reason
    main = (RELIEF_ACCEPTED, IN_PRIORITY_NEED, NOT_INTENTIONAL)
    placed_later = PlacementStarted(on=day(60), placement="A", kind=PlacementKind.SELF_CONTAINED)
    state = replay(
        history(
            APPLIED,
            *main,
            placed_later,
            ReviewRequested(on=day(61), of=4, reviewer=Reviewer.OFFICER),
        )
    )
    assert deadlines_of(state) == [("review_decision_by", day(61 + 55), 5)]


def test_an_upheld_review_opens_21_days_to_appeal_from_its_notification() -> None:
    events = history(
        APPLIED,
        NotEligible(on=day(1)),
        ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER),
        ReviewDecided(on=day(30), notified_on=day(32), of=2, outcome=ReviewOutcome.UPHELD),
    )
    state = replay(events)
    assert state.duty is Duty.NO_DUTY  # the outcome changes no duty
    assert state.deadlines == (Deadline(DeadlineKind.APPEAL_BY, day(53), "HA 1996 s204(2)", 3),)
    assert replay(events, day(53)).deadlines != ()
    assert replay(events, day(54)).deadlines == ()


def test_an_overturned_review_changes_no_duty_and_opens_no_appeal() -> None:
    state = replay(
        history(
            APPLIED,
            NotEligible(on=day(1)),
            ReviewRequested(on=day(8), of=1, reviewer=Reviewer.OFFICER),
            ReviewDecided(on=day(30), of=2, outcome=ReviewOutcome.OVERTURNED),
        )
    )
    assert (state.duty, state.deadlines) == (Duty.NO_DUTY, ())


# Bed and breakfast, SI 2003/3326


def placed(on: date, placement: str = "B1") -> PlacementStarted:
    return PlacementStarted(on=on, placement=placement, kind=PlacementKind.BED_AND_BREAKFAST)


def left(on: date, placement: str = "B1") -> PlacementEnded:
    return PlacementEnded(on=on, placement=placement)


def test_a_family_in_bed_and_breakfast_must_leave_within_42_nights() -> None:
    state = replay(
        history(Application(on=date(2026, 3, 1)), placed(date(2026, 3, 1)), household=FAMILY),
        date(2026, 3, 10),
    )
    assert state.bed_and_breakfast_nights == 9
    assert deadlines_of(state) == [("bed_and_breakfast_limit", date(2026, 4, 12), 1)]
    assert state.deadlines[0].basis == "SI 2003/3326"


def test_nights_in_earlier_stays_count_towards_the_42() -> None:
    # domain/clocks.md: 5 Jan -> 19 Jan is 14 nights; from 2 Feb, 28 left: leave by 2 Mar.
    state = replay(
        history(
            Application(on=date(2026, 1, 5)),
            placed(date(2026, 1, 5)),
            left(date(2026, 1, 19)),
            placed(date(2026, 2, 2), "B2"),
            household=FAMILY,
        ),
        date(2026, 2, 5),
    )
    assert state.bed_and_breakfast_nights == 17
    assert deadlines_of(state) == [("bed_and_breakfast_limit", date(2026, 3, 2), 3)]


def test_a_stay_past_the_limit_on_arrival_was_due_to_end_before_it_began() -> None:
    state = replay(
        history(
            APPLIED,
            placed(day(0)),
            left(day(50)),
            placed(day(60), "B2"),
            household=FAMILY,
        )
    )
    assert deadlines_of(state) == [("bed_and_breakfast_limit", day(60 + 42 - 50), 3)]


def test_hostels_and_other_placements_use_no_bed_and_breakfast_nights() -> None:
    state = replay(
        history(
            APPLIED,
            PlacementStarted(on=day(0), placement="H", kind=PlacementKind.HOSTEL),
            PlacementStarted(on=day(0), placement="O", kind=PlacementKind.OTHER),
            household=FAMILY,
        ),
        day(30),
    )
    assert (state.bed_and_breakfast_nights, state.deadlines) == (0, ())


def test_adults_without_a_pregnancy_have_no_bed_and_breakfast_limit_but_nights_count() -> None:
    adults = Household(HouseholdMember(born_on=date(1990, 1, 1)), (HouseholdMember("partner"),))
    state = replay(history(APPLIED, placed(day(0)), household=adults), day(50))
    assert (state.bed_and_breakfast_nights, state.deadlines) == (50, ())


def test_a_child_who_has_turned_18_by_as_of_no_longer_sets_the_limit() -> None:
    turning = Household(members=(HouseholdMember("child", born_on=date(2008, 3, 10)),))
    events = history(APPLIED, placed(day(0)), household=turning)
    assert len(replay(events, date(2026, 3, 9)).deadlines) == 1
    assert replay(events, date(2026, 3, 10)).deadlines == ()


def test_an_applicant_under_18_alone_does_not_set_the_limit_but_a_pregnant_one_does() -> None:
    young = Household(HouseholdMember(born_on=date(2009, 1, 1)))
    assert replay(history(APPLIED, placed(day(0)), household=young), day(5)).deadlines == ()
    pregnant = Household(HouseholdMember(born_on=date(2009, 1, 1), pregnant=True))
    assert len(replay(history(APPLIED, placed(day(0)), household=pregnant), day(5)).deadlines) == 1


def test_a_night_in_two_rooms_at_once_is_one_night() -> None:
    state = replay(
        history(APPLIED, placed(day(0)), placed(day(0), "B2"), household=FAMILY), day(10)
    )
    assert state.bed_and_breakfast_nights == 10
    assert [d.due_on for d in state.deadlines] == [day(42), day(42)]


@pytest.mark.parametrize(
    ("events", "reason"),
    [
        ((left(day(3)),), "no placement 'B1' is open to end"),
        ((placed(day(0)), placed(day(1))), "placement 'B1' is already open (event 1)"),
        (
            (placed(day(0)), PlacementEnded(on=day(3), placement="B1", kind=PlacementKind.HOSTEL)),
            "started as bed_and_breakfast (event 1), not hostel",
        ),
    ],
)
def test_placements_must_open_before_they_close(events: tuple[CaseEvent, ...], reason: str) -> None:
    refusal = refusal_of(APPLIED, *events)
    assert (refusal.index, reason in refusal.reason) == (len(events), True)


# The deadlines together


def test_deadlines_are_sorted_by_date_then_kind_overdue_ones_included() -> None:
    state = replay(
        history(
            APPLIED,
            PreventionDutyAccepted(on=day(0)),
            placed(day(14)),
            PriorityNeedDecided(on=day(21), priority_need=False),
            IntentionalityDecided(on=day(35), intentional=True),
            household=FAMILY,
        ),
        day(55),
    )
    # Same day: "prevention_period_end" sorts before "review_request_by"; the priority need
    # decision's request clock (day 41) has passed and is gone.
    assert deadlines_of(state) == [
        ("prevention_period_end", day(55), 1),
        ("review_request_by", day(55), 4),
        ("bed_and_breakfast_limit", day(56), 2),
    ]


# Which decisions the law allows next


def test_the_next_legal_decisions_after_relief_is_accepted() -> None:
    offered = legal_next_decisions(history(APPLIED, RELIEF_ACCEPTED), day(10))
    names = {
        (type(event).__name__, getattr(event, "reason", None), getattr(event, "of", None))
        for event in offered
    }
    assert ("ReliefDutyEnded", ReliefEnding.WITHDRAWN, None) in names
    assert ("ReliefDutyEnded", ReliefEnding.FIFTY_SIX_DAYS_COMPLIED, None) not in names
    assert ("NonCooperationNotice", None, None) not in names  # no warning yet
    assert ("RelevantWarning", None, None) in names
    assert ("ReviewRequested", None, 1) in names  # the relief decision itself
    assert ("MainDutyAccepted", None, None) not in names  # no findings yet
    assert ("MainDutyEnded", MainDutyEnding.ACCEPTED_PRSO, None) not in names


def test_no_decision_is_legal_before_the_last_event() -> None:
    assert legal_next_decisions(history(APPLIED, RELIEF_ACCEPTED), day(-1)) == ()
