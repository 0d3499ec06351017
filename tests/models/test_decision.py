"""Decision records are append-only, and a decision is authorised at most once."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hoclient.models import DecisionAuthorisation, DutyDecision
from hoclient.models.change_capture import UncapturableChange
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.helpers import approach_for, record


def stored_notice(store: Store, officer: OfficerView) -> DutyDecision:
    case = record(store, officer, approach_for())
    with store.begin() as session:
        notice = DutyDecision(
            case_id=case.case_id,
            what="non_cooperation_notice",
            decided_on=date(2026, 11, 20),
            decided_by=officer.id,
            needs_authorisation=True,
        )
        session.add(notice)
        session.flush()
        return notice


def test_a_decision_record_refuses_any_update(store: Store, officer: OfficerView) -> None:
    notice = stored_notice(store, officer)
    for column, value in (("reasons", "Afterthought"), ("needs_authorisation", False)):
        with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
            loaded = session.get_one(DutyDecision, notice.id)
            setattr(loaded, column, value)
    with store.begin() as session:
        unchanged = session.get_one(DutyDecision, notice.id)
        assert (unchanged.reasons, unchanged.needs_authorisation) == (None, True)


def test_an_authorisation_refuses_any_update(store: Store, officer: OfficerView) -> None:
    notice = stored_notice(store, officer)
    with store.begin() as session:
        session.add(
            DecisionAuthorisation(
                case_id=notice.case_id, decision_id=notice.id, authorised_by=officer.id
            )
        )
    with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
        session.scalars(select(DecisionAuthorisation)).one().authorised_by = uuid.uuid4()


def test_a_decision_is_authorised_at_most_once(store: Store, officer: OfficerView) -> None:
    notice = stored_notice(store, officer)
    with pytest.raises(IntegrityError), store.begin() as session:
        for _ in range(2):
            session.add(
                DecisionAuthorisation(
                    case_id=notice.case_id, decision_id=notice.id, authorised_by=officer.id
                )
            )
            session.flush()
