"""The Deadlines view: every case's clocks on a day, soonest first, filtered, flagged, and always
what a fresh replay of each case's history says (the stored clocks are only a faster way there).
"""

import random
import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from hoclient.casework.case_events import PlacementKind, Reviewer, ReviewOutcome
from hoclient.casework.case_history import DeadlineKind, replay
from hoclient.casework.duties import Duty, ReliefEnding
from hoclient.models import DutyDecision
from hoclient.services.case_clocks import refresh_case_clocks
from hoclient.services.deadlines import deadlines, officers_answering_to
from hoclient.services.decisions import authorise_decision, duty_view, record_decision
from hoclient.services.duty_history import case_decisions
from hoclient.services.households import NewMember, add_household_member
from hoclient.services.officers import current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship, Role, Sex
from tests.conftest import TODAY
from tests.services.duty_helpers import APPLIED_ON, add_officer, day, decide
from tests.services.helpers import approach_for, record


def new_case(store: Store, officer: OfficerView, family: str) -> uuid.UUID:
    approach = approach_for(family, ni="", approached_on=APPLIED_ON)
    return record(store, officer, approach, confirmed_new_person=True).case_id


@pytest.fixture
def three_cases(store: Store, officer: OfficerView) -> dict[str, uuid.UUID]:
    """Relief (day 56 is day 59), prevention (day 56 is day 57) and an adverse finding whose
    review request runs to day 60 (notified day 40) - for another officer."""
    colleague = add_officer(store, "Cal Colleague", Role.OFFICER)
    relief = new_case(store, officer, "Adeyemi")
    decide(store, officer, relief, "application", day(4))
    decide(store, officer, relief, "relief_duty_accepted", day(4))
    prevention = new_case(store, officer, "Brennan")
    decide(store, officer, prevention, "application", day(2))
    decide(store, officer, prevention, "prevention_duty_accepted", day(2))
    finding = new_case(store, colleague, "Chowdhury")
    decide(store, colleague, finding, "application", day(0))
    decide(store, colleague, finding, "relief_duty_accepted", day(0))
    decide(store, colleague, finding, "priority_need_decided", day(40), priority_need=False)
    return {"relief": relief, "prevention": prevention, "finding": finding}


def test_every_case_s_clocks_are_listed_soonest_first(
    store: Store, three_cases: dict[str, uuid.UUID]
) -> None:
    rows = deadlines(store, current_officer(store), as_of=TODAY)  # day 55

    assert [(row.applicant_name, row.kind, row.due_on) for row in rows] == [
        ("CHOWDHURY, Grace", DeadlineKind.RELIEF_PERIOD_END, day(55)),
        ("BRENNAN, Grace", DeadlineKind.PREVENTION_PERIOD_END, day(57)),
        ("ADEYEMI, Grace", DeadlineKind.RELIEF_PERIOD_END, day(59)),
        ("CHOWDHURY, Grace", DeadlineKind.REVIEW_REQUEST_BY, day(60)),
    ]
    assert [row.days_left for row in rows] == [0, 2, 4, 5]
    assert all(row.due_soon and not row.overdue for row in rows)
    assert rows[0].officer_name == "Cal Colleague"
    assert rows[0].label == "Relief: day 56" and rows[0].basis == "HA 1996 s189B(4)"
    assert rows[1].reference.startswith("HO26-")


def test_overdue_clocks_stay_listed_and_are_flagged(
    store: Store, three_cases: dict[str, uuid.UUID]
) -> None:
    rows = deadlines(store, current_officer(store), as_of=day(70))

    by_case = {row.case_id: row for row in rows if row.kind is not DeadlineKind.REVIEW_REQUEST_BY}
    relief = by_case[three_cases["relief"]]
    assert (relief.days_left, relief.overdue, relief.due_soon) == (-11, True, False)
    # A review request deadline is not overdue: once past, the right has gone (s202(3)).
    assert DeadlineKind.REVIEW_REQUEST_BY not in {row.kind for row in rows}


def test_a_clock_more_than_7_days_away_is_not_due_soon(
    store: Store, three_cases: dict[str, uuid.UUID]
) -> None:
    rows = deadlines(store, current_officer(store), as_of=day(50))
    soon = {row.due_on: row.due_soon for row in rows}
    assert soon[day(55)] and soon[day(57)] and not soon[day(59)]  # 5, 7 and 9 days away


def test_the_list_is_filtered_by_officer_and_kind(
    store: Store, officer: OfficerView, three_cases: dict[str, uuid.UUID]
) -> None:
    mine = deadlines(store, officer, as_of=TODAY, officer_id=officer.id)
    assert {row.case_id for row in mine} == {three_cases["relief"], three_cases["prevention"]}
    assert {row.officer_id for row in mine} == {officer.id}

    relief = deadlines(store, officer, as_of=TODAY, kinds={DeadlineKind.RELIEF_PERIOD_END})
    assert {row.case_id for row in relief} == {three_cases["relief"], three_cases["finding"]}
    both = deadlines(
        store, officer, as_of=TODAY, officer_id=officer.id, kinds={DeadlineKind.RELIEF_PERIOD_END}
    )
    assert [row.case_id for row in both] == [three_cases["relief"]]
    assert deadlines(store, officer, as_of=TODAY, officer_id=uuid.uuid4()) == []


def test_the_list_is_filtered_by_team(
    store: Store, officer: OfficerView, three_cases: dict[str, uuid.UUID]
) -> None:
    assert officer.team_id is not None
    team = deadlines(store, officer, as_of=TODAY, team_id=officer.team_id)
    assert {row.case_id for row in team} == {three_cases["relief"], three_cases["prevention"]}


def test_a_day_before_a_case_s_last_decision_is_answered_by_replaying_that_case(
    store: Store, three_cases: dict[str, uuid.UUID]
) -> None:
    # On day 30 the adverse finding of day 40 has not been made: only relief runs.
    rows = deadlines(store, current_officer(store), as_of=day(30))
    finding = [row for row in rows if row.case_id == three_cases["finding"]]
    assert [(row.kind, row.due_on) for row in finding] == [
        (DeadlineKind.RELIEF_PERIOD_END, day(55))
    ]
    # Before a case's application it has no clocks at all.
    early = deadlines(store, current_officer(store), as_of=day(1))
    assert {row.case_id for row in early} == {three_cases["finding"]}


def test_officers_are_found_by_id_or_by_name(store: Store, officer: OfficerView) -> None:
    add_officer(store, "Pat Jones", Role.OFFICER)
    add_officer(store, "pat jones", Role.SENIOR)
    assert [o.id for o in officers_answering_to(store, str(officer.id))] == [officer.id]
    assert [o.id for o in officers_answering_to(store, officer.display_name.upper())] == [
        officer.id
    ]
    assert len(officers_answering_to(store, " Pat Jones ")) == 2
    assert officers_answering_to(store, "Nobody") == []


# --- The stored clocks always match a fresh replay ---------------------------------------------


def _random_case(
    store: Store, officer: OfficerView, senior: OfficerView, rng: random.Random, number: int
) -> uuid.UUID:
    """A case walked at random through the decisions the law allows, with a household whose
    children are born or turn 18 during the walk, and B&B placements."""
    case_id = new_case(store, officer, f"Walker{chr(65 + number)}")
    for child_born in rng.sample(
        [date(2008, 11, 10), date(2008, 12, 20), date(2020, 1, 1), date(2026, 10, 20)], 2
    ):
        member = NewMember(
            PersonDetails("Walker", "Kid", child_born, Sex.FEMALE), Relationship.CHILD
        )
        add_household_member(
            store, officer, case_id, member, today=TODAY, confirmed_new_person=True
        )
    on = APPLIED_ON + timedelta(days=rng.randint(0, 20))
    decide(store, officer, case_id, "application", on, today=date(2027, 12, 31))
    for _step in range(rng.randint(2, 9)):
        on += timedelta(days=rng.choice([0, 1, 5, 20, 40, 60]))
        actions = duty_view(store, officer, case_id, as_of=on).next_actions
        if not actions:
            break
        reviews = [action for action in actions if action.group == "review"]
        # Reviews are few among the choices; favour them so the walk reaches appeals.
        action = rng.choice(reviews if reviews and rng.random() < 0.4 else actions)
        decision = replace(
            action.template,
            reasons="Reasons.",
            notified_on=on + timedelta(days=rng.choice([0, 0, 3])),
            reviewer=rng.choice(list(Reviewer)) if action.template.reviewer else None,
            outcome=rng.choice(list(ReviewOutcome)) if action.template.outcome else None,
        )
        if decision.what == "notice_to_quit":
            continue  # a fact that changes no clock; the engine's own tests cover s195(6)
        if decision.what == "placement_started":
            decision = replace(decision, placement_kind=PlacementKind.BED_AND_BREAKFAST)
        recorded = record_decision(store, officer, case_id, decision, today=date(2027, 12, 31))
        if recorded.needs_authorisation:
            authorise_decision(store, senior, recorded.decision_id)
    return case_id


def fresh_replays(store: Store, case_ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, Any, list]]:
    """Each case's history and record ids, read from its decisions, for the engine to replay."""
    with store.begin() as session:
        found = []
        for case_id in case_ids:
            decisions = case_decisions(session, case_id)
            records = decisions.in_history()
            found.append((case_id, decisions.history(records), [r.id for r in records]))
        return found


def test_the_stored_clocks_list_what_a_fresh_replay_lists_on_every_day(
    store: Store, officer: OfficerView
) -> None:
    rng = random.Random(4)
    senior = add_officer(store, "Sam Senior", Role.SENIOR)
    cases = [_random_case(store, officer, senior, rng, number) for number in range(8)]
    histories = fresh_replays(store, cases)
    kinds_seen = set()

    for as_of in (APPLIED_ON + timedelta(days=n) for n in range(700)):
        listed = {
            (row.case_id, row.kind, row.due_on, row.decision_id)
            for row in deadlines(store, officer, as_of=as_of)
        }
        replayed = {
            (case_id, deadline.kind, deadline.due_on, record_ids[deadline.event])
            for case_id, history, record_ids in histories
            if as_of >= history.events[0].on
            for deadline in replay(history, as_of).deadlines
        }
        assert listed == replayed, as_of
        kinds_seen |= {kind for _, kind, _, _ in listed}
    assert kinds_seen == set(DeadlineKind)  # the walk reached every kind of clock


def test_a_relief_clock_that_ends_by_itself_drops_off_the_next_day(
    store: Store, officer: OfficerView
) -> None:
    case_id = new_case(store, officer, "Okafor")
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "relief_duty_accepted", day(0))
    decide(store, officer, case_id, "priority_need_decided", day(5), priority_need=True)
    decide(store, officer, case_id, "intentionality_decided", day(5), intentional=False)

    assert [row.kind for row in deadlines(store, officer, as_of=day(55))] == [
        DeadlineKind.RELIEF_PERIOD_END
    ]
    assert deadlines(store, officer, as_of=day(56)) == []  # s189B(4): the main duty is owed
    assert duty_view(store, officer, case_id, as_of=day(56)).duty.value == "main"


def test_ending_relief_takes_its_clock_away_and_starts_the_review_request_clock(
    store: Store, officer: OfficerView
) -> None:
    case_id = new_case(store, officer, "Okafor")
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "relief_duty_accepted", day(0))
    decide(
        store, officer, case_id, "relief_duty_ended", day(20),
        reason=ReliefEnding.SUITABLE_ACCOMMODATION,
    )  # fmt: skip

    rows = deadlines(store, officer, as_of=day(20))
    assert [(row.kind, row.due_on) for row in rows] == [(DeadlineKind.REVIEW_REQUEST_BY, day(40))]


def test_a_history_the_engine_refuses_lists_no_clocks_and_its_duty_tab_says_why(
    store: Store, officer: OfficerView
) -> None:
    # Only records merged from two laptops can do this: each service refuses it alone.
    case_id = new_case(store, officer, "Okafor")
    decide(store, officer, case_id, "application", day(0))
    decide(store, officer, case_id, "relief_duty_accepted", day(0))
    with store.begin() as session:
        session.add(
            DutyDecision(
                case_id=case_id,
                what="prevention_duty_accepted",
                decided_on=day(3),
                decided_by=officer.id,
                needs_authorisation=False,
            )
        )
        refresh_case_clocks(session, case_id)

    assert deadlines(store, officer, as_of=day(4)) == []
    view = duty_view(store, officer, case_id, as_of=day(4))
    assert view.problem == (
        'The records do not make a lawful history at "Prevention duty accepted" of '
        f'{day(3).day} {day(3):%B %Y}: "Prevention duty accepted" is allowed only while the '
        f"duty is none; the relief duty is owed since {day(0).day} {day(0):%B %Y}."
    )
    assert (view.duty, view.clocks, view.next_actions) == (Duty.NONE, (), ())
