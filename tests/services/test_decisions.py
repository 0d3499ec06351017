"""Decisions on a case: append-only records, checked by the duty engine, the duty derived.

Every refusal leaves the store as it was. The case is approached on 1 October 2026 (day 0);
the tests' today is 25 November 2026 (day 55).
"""

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from hoclient.casework.case_events import (
    Application,
    CaseHistory,
    Household,
    HouseholdMember,
    NoticeKind,
    NoticeToQuit,
    PlacementKind,
    PreventionDutyAccepted,
    Reviewer,
    ReviewOutcome,
    event_type_name,
)
from hoclient.casework.case_history import DeadlineKind, legal_next_decisions, replay
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.models import CaseClock, DutyDecision, Officer
from hoclient.models.change_capture import UncapturableChange
from hoclient.services.case_clocks import refresh_every_case_clock
from hoclient.services.decisions import (
    DecisionRefused,
    authorise_decision,
    correct_decision,
    decision_problems,
    duty_view,
    record_decision,
    strike_out_decision,
)
from hoclient.services.duty_views import DecisionInput, DecisionStatus
from hoclient.services.errors import InvalidInput, NotAllowed, NotFound
from hoclient.services.households import NewMember, add_household_member
from hoclient.services.officers import current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship, Role, Sex
from tests.conftest import TODAY
from tests.services.duty_helpers import APPLIED_ON, add_officer, day, decide, rows_of
from tests.services.helpers import approach_for, record


@pytest.fixture
def case_id(store: Store, officer: OfficerView) -> uuid.UUID:
    return record(store, officer, approach_for(approached_on=APPLIED_ON)).case_id


@pytest.fixture
def senior(store: Store) -> OfficerView:
    return add_officer(store, "Sam Senior", Role.SENIOR)


def in_relief(store: Store, officer: OfficerView, case_id: uuid.UUID) -> None:
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "relief_duty_accepted", day(0))


# --- The history is the records, replayed -----------------------------------------------------


def test_a_case_with_no_decisions_owes_no_duty_and_offers_only_the_application(
    store: Store, case_id: uuid.UUID
) -> None:
    view = duty_view(store, current_officer(store), case_id, as_of=TODAY)
    assert view.duty is Duty.NONE
    assert (view.timeline, view.clocks, view.pending) == ((), (), ())
    assert [action.action_id for action in view.next_actions] == ["application"]
    assert view.next_actions[0].template.decided_on == APPLIED_ON  # the approach day


def test_the_duty_shown_is_the_engines_replay_of_the_recorded_decisions(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    notice = {"notice_kind": NoticeKind.SECTION_21, "notice_expires_on": day(40)}
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "notice_to_quit", day(0), **notice)
    decide(store, officer, case_id, "prevention_duty_accepted", day(2), notified_on=day(3))

    view = duty_view(store, officer, case_id, as_of=TODAY)

    by_hand = CaseHistory(
        Household(HouseholdMember("applicant", date(1990, 3, 2))),
        (
            Application(on=day(0)),
            NoticeToQuit(on=day(0), kind=NoticeKind.SECTION_21, expires_on=day(40)),
            PreventionDutyAccepted(on=day(2), notified_on=day(3)),
        ),
    )
    state = replay(by_hand, TODAY)
    assert (
        (view.duty, view.duty_since) == (state.duty, state.duty_since) == (Duty.PREVENTION, day(2))
    )
    assert [(c.kind, c.due_on, c.basis) for c in view.clocks] == [
        (d.kind, d.due_on, d.basis) for d in state.deadlines
    ]
    assert view.clocks[0].due_on == day(57)  # 56 days beginning with day 2
    assert view.clocks[0].days_left == 2
    assert view.clocks[0].due_soon and not view.clocks[0].overdue
    assert view.duty_label == "Prevention duty"
    assert view.duty_basis == "HA 1996 s195(2)"
    assert [entry.label for entry in view.timeline] == [
        "Application",
        f"Notice to quit: section 21 notice, expires {day(40).day} {day(40):%B %Y}",
        "Prevention duty accepted",
    ]
    assert view.timeline[2].notified_on == day(3)
    assert view.timeline[2].legal_basis == "HA 1996 s195(1)"
    assert {entry.status for entry in view.timeline} == {DecisionStatus.IN_HISTORY}
    assert view.clocks[0].decision_id == view.timeline[2].decision_id


def test_the_next_actions_are_the_engines_legal_next_decisions_and_the_facts(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "prevention_duty_accepted", day(0))

    view = duty_view(store, officer, case_id, as_of=TODAY)

    history = CaseHistory(Household(), (Application(on=day(0)), PreventionDutyAccepted(on=day(0))))
    engine = [event_type_name(event) for event in legal_next_decisions(history, TODAY)]
    offered = [action.template.what for action in view.next_actions]
    # The engine's decisions, in its order, then the facts that can be recorded at any time.
    assert offered == [*engine, "notice_to_quit", "placement_started"]
    ids = {action.action_id for action in view.next_actions}
    assert "prevention_duty_ended:became_homeless" in ids
    assert "relief_duty_accepted" in ids
    assert "main_duty_accepted" not in ids  # not from prevention
    assert {"notice_to_quit", "placement_started"} <= ids
    review = next(a for a in view.next_actions if a.action_id.startswith("review_requested:"))
    assert review.template.refers_to_decision_id == view.timeline[1].decision_id
    ending = next(a for a in view.next_actions if a.action_id.endswith(":withdrawn"))
    assert ending.label == "End the prevention duty: application withdrawn"
    assert ending.reasons_required and ending.legal_basis == "HA 1996 s195(8)(g)"


def test_a_template_from_the_next_actions_records_that_decision(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    in_relief(store, officer, case_id)
    view = duty_view(store, officer, case_id, as_of=day(10))
    action = next(a for a in view.next_actions if a.action_id == "priority_need_decided:yes")

    record_decision(store, officer, case_id, action.template, today=TODAY)

    assert duty_view(store, officer, case_id, as_of=day(10)).priority_need is True


# --- Refusals: the engine's reason, nothing written -------------------------------------------


def test_a_transition_the_act_does_not_allow_is_refused_with_the_engines_reason(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "prevention_duty_accepted", day(0))
    before = rows_of(store)

    with pytest.raises(DecisionRefused) as refused:
        decide(
            store, officer, case_id, "main_duty_ended", day(5),
            reason=MainDutyEnding.ACCEPTED_PART6_OFFER,
        )  # fmt: skip

    assert str(refused.value) == (
        '"Main duty ended" is allowed only while the duty is main; '
        f"the prevention duty is owed since {day(0).day} {day(0):%B %Y}."
    )
    assert rows_of(store) == before


def test_ending_prevention_on_56_days_is_refused_where_a_section_21_notice_was_served(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    notice = {"notice_kind": NoticeKind.SECTION_21, "notice_expires_on": day(30)}
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "notice_to_quit", day(0), **notice)
    decide(store, officer, case_id, "prevention_duty_accepted", day(0))
    before = rows_of(store)

    with pytest.raises(DecisionRefused, match="s195\\(6\\)"):
        decide(
            store, officer, case_id, "prevention_duty_ended", day(60), today=day(60),
            reason=PreventionEnding.FIFTY_SIX_DAYS_COMPLIED,
        )  # fmt: skip
    assert rows_of(store) == before


def test_a_backdated_decision_that_would_make_a_later_one_unlawful_is_refused(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "prevention_duty_accepted", day(5))
    before = rows_of(store)

    with pytest.raises(DecisionRefused, match='would leave "Prevention duty accepted" of'):
        decide(store, officer, case_id, "no_duty", day(2))
    assert rows_of(store) == before


def test_the_first_record_must_be_the_application(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    with pytest.raises(DecisionRefused, match="begins with the application"):
        decide(store, officer, case_id, "relief_duty_accepted", day(0))
    assert rows_of(store) == (0, 0, 0)


def test_a_decision_against_the_applicant_needs_its_reasons(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    before = rows_of(store)

    with pytest.raises(InvalidInput) as refused:
        decide(store, officer, case_id, "not_eligible", day(3), reasons="  ")

    assert set(refused.value.problems) == {"reasons"}
    assert rows_of(store) == before
    reasons = "Subject to immigration control."
    decide(store, officer, case_id, "not_eligible", day(3), reasons=reasons)
    view = duty_view(store, officer, case_id, as_of=day(3))
    assert view.duty is Duty.NO_DUTY
    assert view.timeline[-1].reasons == reasons


def test_a_decision_for_the_applicant_needs_no_reasons() -> None:
    accepted = DecisionInput(what="relief_duty_accepted", decided_on=day(0))
    assert decision_problems(accepted, today=TODAY) == {}
    found = DecisionInput(what="priority_need_decided", decided_on=day(0), priority_need=False)
    assert set(decision_problems(found, today=TODAY)) == {"reasons"}


@pytest.mark.parametrize(
    ("decision", "field"),
    [
        (DecisionInput(what="relief_duty_accepted", decided_on=date(2026, 11, 26)), "decided_on"),
        (
            DecisionInput(what="relief_duty_accepted", decided_on=day(5), notified_on=day(4)),
            "notified_on",
        ),
        (DecisionInput(what="relief_duty_ended", decided_on=day(5), reasons="x"), "reason"),
        (
            DecisionInput(
                what="relief_duty_ended",
                decided_on=day(5),
                reasons="x",
                reason=PreventionEnding.BECAME_HOMELESS,
            ),
            "reason",
        ),
        (DecisionInput(what="notice_to_quit", decided_on=day(5)), "notice_kind"),
        (DecisionInput(what="review_requested", decided_on=day(5)), "refers_to_decision_id"),
        (DecisionInput(what="placement_ended", decided_on=day(5)), "placement"),
        (DecisionInput(what="tea_break", decided_on=day(5)), "what"),
    ],
)
def test_an_incomplete_decision_names_the_field_to_fix(decision: DecisionInput, field: str) -> None:
    assert field in decision_problems(decision, today=TODAY)


def test_a_volunteer_cannot_record_decisions(store: Store, case_id: uuid.UUID) -> None:
    volunteer = add_officer(store, "Val Volunteer", Role.VOLUNTEER)
    with pytest.raises(NotAllowed, match="volunteer, who may not record decisions"):
        decide(store, volunteer, case_id, "application", day(0))
    assert rows_of(store) == (0, 0, 0)


def test_a_decision_on_a_case_not_on_this_laptop_is_not_found(
    store: Store, officer: OfficerView
) -> None:
    with pytest.raises(NotFound):
        decide(store, officer, uuid.uuid4(), "application", day(0))


# --- Append-only: corrections and strike-outs are new records ---------------------------------


def test_a_decision_record_cannot_be_changed_once_written(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
        stored = session.scalars(select(DutyDecision)).one()
        stored.decided_on = day(1)
        session.flush()
    with store.begin() as session:
        assert session.scalars(select(DutyDecision.decided_on)).one() == day(0)


def test_a_correction_is_a_new_record_that_takes_the_old_ones_place(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    wrong = decide(store, officer, case_id, "prevention_duty_accepted", day(3))

    corrected = correct_decision(
        store,
        officer,
        wrong.decision_id,
        DecisionInput(what="relief_duty_accepted", decided_on=day(2)),
        why="The applicant was already homeless: typed in the wrong form.",
        today=TODAY,
    )

    view = duty_view(store, officer, case_id, as_of=TODAY)
    assert (view.duty, view.duty_since) == (Duty.RELIEF, day(2))
    assert rows_of(store)[0] == 3  # nothing was removed or changed
    old = next(entry for entry in view.timeline if entry.decision_id == wrong.decision_id)
    assert old.status is DecisionStatus.CORRECTED
    assert old.corrected_by_decision_id == corrected.decision_id
    assert old.decided_on == day(3) and old.what == "prevention_duty_accepted"
    assert corrected.corrects_decision_id == wrong.decision_id
    assert corrected.correction_reason.startswith("The applicant was already homeless")
    with pytest.raises(DecisionRefused, match="already been corrected"):
        strike_out_decision(store, officer, wrong.decision_id, why="again", today=TODAY)


def test_a_correction_needs_a_reason_and_must_itself_be_lawful(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    accepted = decide(store, officer, case_id, "relief_duty_accepted", day(1))
    before = rows_of(store)
    main = DecisionInput(what="main_duty_accepted", decided_on=day(1))

    with pytest.raises(InvalidInput) as no_reason:
        correct_decision(store, officer, accepted.decision_id, main, why=" ", today=TODAY)
    with pytest.raises(DecisionRefused, match="allowed only while the duty is relief"):
        correct_decision(store, officer, accepted.decision_id, main, why="Typo", today=TODAY)

    assert set(no_reason.value.problems) == {"why"}
    assert rows_of(store) == before


def test_a_record_made_in_error_can_be_struck_out_and_the_history_replays_without_it(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    decide(store, officer, case_id, "application", day(0))
    mistake = decide(store, officer, case_id, "prevention_duty_accepted", day(1))

    strike = strike_out_decision(
        store, officer, mistake.decision_id, why="Recorded on the wrong case.", today=TODAY
    )

    view = duty_view(store, officer, case_id, as_of=TODAY)
    assert view.duty is Duty.NONE and view.clocks == ()
    assert strike.status is DecisionStatus.STRIKES_OUT
    assert strike.label == "Struck out: Prevention duty accepted"
    assert [entry.status for entry in view.timeline] == [
        DecisionStatus.IN_HISTORY,
        DecisionStatus.CORRECTED,
        DecisionStatus.STRIKES_OUT,
    ]


def test_a_reviewed_decision_cannot_be_struck_out_from_under_its_review(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    in_relief(store, officer, case_id)
    finding = decide(store, officer, case_id, "priority_need_decided", day(5), priority_need=False)
    decide(
        store, officer, case_id, "review_requested", day(10),
        refers_to_decision_id=finding.decision_id, reviewer=Reviewer.OFFICER,
    )  # fmt: skip
    before = rows_of(store)

    with pytest.raises(DecisionRefused, match="A review refers to this decision"):
        strike_out_decision(store, officer, finding.decision_id, why="Error", today=TODAY)
    assert rows_of(store) == before


# --- Reviews point at records, not at positions ------------------------------------------------


def test_a_review_follows_its_decision_and_starts_the_reviewers_clock(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    in_relief(store, officer, case_id)
    finding = decide(store, officer, case_id, "priority_need_decided", day(5), priority_need=False)
    assert DeadlineKind.REVIEW_REQUEST_BY in {
        c.kind for c in duty_view(store, officer, case_id, as_of=day(6)).clocks
    }

    request = decide(
        store, officer, case_id, "review_requested", day(10),
        refers_to_decision_id=finding.decision_id, reviewer=Reviewer.OFFICER,
    )  # fmt: skip

    view = duty_view(store, officer, case_id, as_of=day(10))
    review = next(c for c in view.clocks if c.kind is DeadlineKind.REVIEW_DECISION_BY)
    assert review.due_on == day(10 + 55)  # 8 weeks beginning with the request day
    assert review.decision_id == request.decision_id
    assert DeadlineKind.REVIEW_REQUEST_BY not in {c.kind for c in view.clocks}
    assert (
        request.label
        == "Review requested: by a reviewing officer, of Priority need: not in priority need"
    )

    decide(
        store, officer, case_id, "review_decided", day(20),
        refers_to_decision_id=request.decision_id, outcome=ReviewOutcome.UPHELD,
    )  # fmt: skip
    after = duty_view(store, officer, case_id, as_of=day(20))
    appeal = next(c for c in after.clocks if c.kind is DeadlineKind.APPEAL_BY)
    assert appeal.due_on == day(41)  # within 21 days of notification


def test_a_review_of_a_decision_not_in_the_history_is_refused(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    in_relief(store, officer, case_id)
    with pytest.raises(InvalidInput) as refused:
        decide(
            store, officer, case_id, "review_requested", day(3),
            refers_to_decision_id=uuid.uuid4(), reviewer=Reviewer.OFFICER,
        )  # fmt: skip
    assert set(refused.value.problems) == {"refers_to_decision_id"}


# --- A s193B notice waits for a second, senior officer -----------------------------------------


def warned_and_noticed(store: Store, officer: OfficerView, case_id: uuid.UUID) -> uuid.UUID:
    in_relief(store, officer, case_id)
    decide(store, officer, case_id, "priority_need_decided", day(1), priority_need=True)
    decide(store, officer, case_id, "intentionality_decided", day(1), intentional=False)
    decide(store, officer, case_id, "relevant_warning", day(10))
    return decide(store, officer, case_id, "non_cooperation_notice", day(30)).decision_id


def test_a_non_cooperation_notice_is_pending_and_changes_nothing_until_authorised(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)

    view = duty_view(store, officer, case_id, as_of=day(31))

    assert view.duty is Duty.RELIEF
    assert [entry.decision_id for entry in view.pending] == [notice_id]
    assert view.pending[0].status is DecisionStatus.PENDING
    assert view.pending[0].needs_authorisation
    assert DeadlineKind.REVIEW_REQUEST_BY not in {c.kind for c in view.clocks}
    assert "non_cooperation_notice" not in {a.action_id for a in view.next_actions}


def test_the_officer_who_made_the_decision_cannot_authorise_it(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)
    with store.begin() as session:  # even once promoted to senior
        session.get_one(Officer, officer.id).role = Role.SENIOR
    before = rows_of(store)

    with pytest.raises(DecisionRefused, match="cannot also authorise"):
        authorise_decision(store, replace(officer, role=Role.SENIOR), notice_id)
    assert rows_of(store) == before


def test_an_officer_of_officer_role_cannot_authorise(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)
    colleague = add_officer(store, "Oli Officer", Role.OFFICER)
    before = rows_of(store)

    with pytest.raises(NotAllowed, match="may not authorise as a second officer"):
        authorise_decision(store, colleague, notice_id)
    assert rows_of(store) == before
    assert duty_view(store, officer, case_id, as_of=day(31)).duty is Duty.RELIEF


def test_a_different_senior_officer_authorises_it_and_only_then_the_duty_changes(
    store: Store, officer: OfficerView, senior: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)

    authorised = authorise_decision(store, senior, notice_id)

    view = duty_view(store, officer, case_id, as_of=day(31))
    assert (view.duty, view.duty_since) == (Duty.S193C, day(30))  # s193C(4)
    assert view.pending == ()
    assert authorised.status is DecisionStatus.IN_HISTORY
    assert authorised.authorised_by_name == "Sam Senior"
    assert authorised.authorised_at is not None
    assert DeadlineKind.REVIEW_REQUEST_BY in {c.kind for c in view.clocks}
    with pytest.raises(DecisionRefused, match="already been authorised"):
        authorise_decision(store, add_officer(store, "Sue Senior", Role.SENIOR), notice_id)


def test_a_pending_notice_is_checked_again_when_authorised(
    store: Store, officer: OfficerView, senior: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)
    # Relief ends another way while the notice waits.
    decide(
        store, officer, case_id, "relief_duty_ended", day(35),
        reason=ReliefEnding.SUITABLE_ACCOMMODATION,
    )  # fmt: skip
    before = rows_of(store)

    with pytest.raises(DecisionRefused) as refused:
        authorise_decision(store, senior, notice_id)
    assert str(refused.value).startswith(
        'That would leave "Relief duty ended: suitable accommodation secured" of 5 November 2026 '
        'unlawful: "Relief duty ended" is allowed only while the duty is relief'
    )
    assert rows_of(store) == before


def test_a_decision_that_needs_no_second_officer_cannot_be_authorised(
    store: Store, officer: OfficerView, senior: OfficerView, case_id: uuid.UUID
) -> None:
    application = decide(store, officer, case_id, "application", day(0))
    with pytest.raises(DecisionRefused, match="does not need"):
        authorise_decision(store, senior, application.decision_id)


def test_a_senior_officer_may_strike_out_a_notice_they_will_not_authorise(
    store: Store, officer: OfficerView, senior: OfficerView, case_id: uuid.UUID
) -> None:
    notice_id = warned_and_noticed(store, officer, case_id)
    strike_out_decision(
        store, senior, notice_id, why="Not authorised: no agreed step.", today=TODAY
    )
    view = duty_view(store, officer, case_id, as_of=day(31))
    assert view.pending == ()
    assert view.duty is Duty.RELIEF


# --- Placements and the household -----------------------------------------------------------


def test_a_family_in_bed_and_breakfast_gets_its_limit_once_a_child_joins_the_household(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    in_relief(store, officer, case_id)
    placed = decide(
        store, officer, case_id, "placement_started", day(1),
        placement_kind=PlacementKind.BED_AND_BREAKFAST,
    )  # fmt: skip
    assert placed.label == "Placement started: P1, bed and breakfast"
    assert DeadlineKind.BED_AND_BREAKFAST_LIMIT not in {
        c.kind for c in duty_view(store, officer, case_id, as_of=day(2)).clocks
    }

    child = NewMember(
        PersonDetails("Okafor", "Tobi", date(2019, 5, 1), Sex.MALE), Relationship.CHILD
    )
    add_household_member(store, officer, case_id, child, today=TODAY)

    view = duty_view(store, officer, case_id, as_of=day(2))
    limit = next(c for c in view.clocks if c.kind is DeadlineKind.BED_AND_BREAKFAST_LIMIT)
    assert limit.due_on == day(1 + 42)
    assert view.bed_and_breakfast_nights == 1
    ended = [a for a in view.next_actions if a.action_id == "placement_ended:P1"]
    assert ended and ended[0].template.placement == "P1"


def test_the_clocks_table_is_rebuilt_the_same_from_the_records(
    store: Store, officer: OfficerView, case_id: uuid.UUID
) -> None:
    warned_and_noticed(store, officer, case_id)
    with store.begin() as session:
        before = sorted(
            (c.kind, c.due_on, c.decision_id, c.shown_from, c.shown_until)
            for c in session.scalars(select(CaseClock))
        )
        assert refresh_every_case_clock(session) == 1
        after = sorted(
            (c.kind, c.due_on, c.decision_id, c.shown_from, c.shown_until)
            for c in session.scalars(select(CaseClock))
        )
    assert before == after and before
