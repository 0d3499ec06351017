"""The Deadlines view: every case's statutory clocks on a day, soonest first.

The clocks come from case_clock, kept by services/case_clocks.py; a case whose last event
falls after the day asked for is replayed on the spot instead (its stored clocks hold only from
that event on), so any day gives the engine's own answer.
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from hoclient.casework.case_history import DeadlineKind, replay
from hoclient.models import (
    CaseClock,
    CaseClockReplay,
    HouseholdMember,
    HousingCase,
    Officer,
    Person,
)
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.decisions import clock_view
from hoclient.services.duty_history import many_case_decisions
from hoclient.services.duty_views import DeadlineRow
from hoclient.services.officers import officer_view
from hoclient.services.persons import display_name
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship

# Well under SQLite's 32,766 bound parameters a statement.
_IDS_PER_QUERY = 5000


@dataclass(frozen=True)
class _CaseFacts:
    reference: str
    applicant_name: str
    officer_id: uuid.UUID | None
    officer_name: str | None


def deadlines(
    store: Store,
    officer: OfficerView,
    *,
    as_of: date,
    officer_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
    kinds: Collection[DeadlineKind] | None = None,
) -> list[DeadlineRow]:
    """Every clock listed on `as_of` for the cases on this laptop, soonest first (then by kind
    and case reference); overdue ones included. `officer_id` keeps the cases assigned to that
    officer, `team_id` those of a team, `kinds` the kinds of clock given."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        # The clocks first, then their cases. Joined in one statement, SQLite starts from the
        # 20,000 applicants rather than the clocks of the day: 260 ms, against ~20 ms in two.
        stored = session.execute(
            select(
                CaseClock.case_id,
                CaseClock.kind,
                CaseClock.due_on,
                CaseClock.basis,
                CaseClock.decision_id,
            ).where(
                CaseClock.shown_from <= as_of,
                or_(CaseClock.shown_until.is_(None), CaseClock.shown_until >= as_of),
                *([CaseClock.kind.in_([kind.value for kind in kinds])] if kinds else []),
            )
        ).all()
        # Stored clocks hold from a case's last event on; a case with events after `as_of`
        # is replayed as of that day instead.
        later = session.scalars(
            select(CaseClockReplay.case_id).where(CaseClockReplay.replayed_from > as_of)
        ).all()
        facts = _case_facts(
            session, {row.case_id for row in stored} | set(later), officer_id, team_id
        )
        rows = [
            _row(case_id, DeadlineKind(kind), due_on, basis, decision_id, as_of, facts[case_id])
            for case_id, kind, due_on, basis, decision_id in stored
            if case_id in facts
        ]
        rows += _replayed_on_the_day(
            session, as_of, [case_id for case_id in later if case_id in facts], facts, kinds
        )
    rows.sort(key=lambda row: (row.due_on, row.kind.value, row.reference))
    return rows


def _case_facts(
    session: Session,
    case_ids: Collection[uuid.UUID],
    officer_id: uuid.UUID | None,
    team_id: uuid.UUID | None,
) -> dict[uuid.UUID, _CaseFacts]:
    """Reference, applicant and officer of each case asked for that the filters keep."""
    facts: dict[uuid.UUID, _CaseFacts] = {}
    ordered = sorted(case_ids)
    for start in range(0, len(ordered), _IDS_PER_QUERY):
        query = (
            select(
                HousingCase.id,
                HousingCase.reference,
                Person.family_name,
                Person.given_names,
                HousingCase.assigned_officer_id,
                Officer.display_name,
            )
            .join(
                HouseholdMember,
                and_(
                    HouseholdMember.case_id == HousingCase.id,
                    HouseholdMember.relationship_to_applicant == Relationship.APPLICANT,
                    HouseholdMember.deleted_at.is_(None),
                ),
            )
            .join(Person, Person.id == HouseholdMember.person_id)
            .outerjoin(Officer, Officer.id == HousingCase.assigned_officer_id)
            .where(
                HousingCase.id.in_(ordered[start : start + _IDS_PER_QUERY]),
                HousingCase.deleted_at.is_(None),
            )
        )
        if officer_id is not None:
            query = query.where(HousingCase.assigned_officer_id == officer_id)
        if team_id is not None:
            query = query.where(HousingCase.team_id == team_id)
        for case_id, reference, family, given, officer, officer_name in session.execute(query):
            facts[case_id] = _CaseFacts(
                reference, display_name(family, given), officer, officer_name
            )
    return facts


def _replayed_on_the_day(
    session: Session,
    as_of: date,
    case_ids: list[uuid.UUID],
    facts: dict[uuid.UUID, _CaseFacts],
    kinds: Collection[DeadlineKind] | None,
) -> list[DeadlineRow]:
    """The clocks of cases with events after `as_of`, from a replay of each as of that day."""
    rows = []
    for start in range(0, len(case_ids), _IDS_PER_QUERY):
        chosen = select(HousingCase.id).where(
            HousingCase.id.in_(case_ids[start : start + _IDS_PER_QUERY])
        )
        for decisions in many_case_decisions(session, chosen):
            records = decisions.in_history()
            history = decisions.history(records)
            if as_of < history.events[0].on:
                continue  # no application yet on that day
            rows += [
                _row(
                    decisions.case_id,
                    deadline.kind,
                    deadline.due_on,
                    deadline.basis,
                    records[deadline.event].id,
                    as_of,
                    facts[decisions.case_id],
                )
                for deadline in replay(history, as_of).deadlines
                if not kinds or deadline.kind in kinds
            ]
    return rows


def _row(
    case_id: uuid.UUID,
    kind: DeadlineKind,
    due_on: date,
    basis: str,
    decision_id: uuid.UUID,
    as_of: date,
    facts: _CaseFacts,
) -> DeadlineRow:
    clock = clock_view(kind, due_on, basis, decision_id, as_of)
    return DeadlineRow(
        case_id=case_id,
        reference=facts.reference,
        applicant_name=facts.applicant_name,
        kind=kind,
        label=clock.label,
        due_on=due_on,
        days_left=clock.days_left,
        overdue=clock.overdue,
        due_soon=clock.due_soon,
        basis=basis,
        officer_id=facts.officer_id,
        officer_name=facts.officer_name,
        decision_id=decision_id,
    )


def officers_answering_to(store: Store, text: str) -> list[OfficerView]:
    """The officers `text` names: by id, or else by display name (any case, spaces trimmed)."""
    try:
        officer_id: uuid.UUID | None = uuid.UUID(text.strip())
    except ValueError:
        officer_id = None
    with store.begin() as session:
        query = select(Officer).where(Officer.deleted_at.is_(None))
        if officer_id is not None:
            query = query.where(Officer.id == officer_id)
        else:
            query = query.where(func.lower(Officer.display_name) == text.strip().lower())
        return [officer_view(session, officer) for officer in session.scalars(query)]
