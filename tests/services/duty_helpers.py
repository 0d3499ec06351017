"""Builders for the tests of decisions and deadlines: officers of each role, decisions by name."""

import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from hoclient.models import CaseClock, DecisionAuthorisation, DutyDecision, Officer
from hoclient.services.decisions import record_decision
from hoclient.services.duty_views import DecisionInput, DecisionView
from hoclient.services.officers import officer_view
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Role
from tests.conftest import TODAY

APPLIED_ON = date(2026, 10, 1)


def day(n: int) -> date:
    """Day n of the test case, the application being day 0 (1 October 2026)."""
    return APPLIED_ON + timedelta(days=n)


def add_officer(store: Store, name: str, role: Role) -> OfficerView:
    with store.begin() as session:
        officer = Officer(id=uuid.uuid4(), display_name=name, role=role)
        officer.updated_by = officer.id
        session.add(officer)
        session.flush()
        return officer_view(session, officer)


def decide(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    what: str,
    on: date,
    *,
    today: date = TODAY,
    **details: object,
) -> DecisionView:
    """Record a decision; adverse ones get a reason unless the test gives its own."""
    details.setdefault("reasons", "Reasons given to the applicant in writing.")
    decision = DecisionInput(what=what, decided_on=on, **details)  # type: ignore[arg-type]
    return record_decision(store, officer, case_id, decision, today=today)


def rows_of(store: Store) -> tuple[int, int, int]:
    """How many decision, authorisation and clock rows the store holds."""
    with store.begin() as session:
        return (
            session.scalar(select(func.count()).select_from(DutyDecision)) or 0,
            session.scalar(select(func.count()).select_from(DecisionAuthorisation)) or 0,
            session.scalar(select(func.count()).select_from(CaseClock)) or 0,
        )
