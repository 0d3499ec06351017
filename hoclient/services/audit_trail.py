"""The audit view's query: who opened or changed what, newest first, a page at a time.

A senior officer (or an administrator) asks "who looked at this person's case?" or "what did
this officer do?": the trail is filtered by a person's name, a case reference or an officer.
A laptop holds only the events made on it (they sync to the centre push-only).
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import aliased

from hoclient.models import AuditEvent, HouseholdMember, HousingCase, Officer, Person
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_reference import reference_prefix
from hoclient.services.persons import display_name
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store


@dataclass(frozen=True)
class AuditQuery:
    person_name: str = ""  # words beginning a family or given name
    case_reference: str = ""  # a reference or its beginning
    officer_id: uuid.UUID | None = None


@dataclass(frozen=True)
class AuditRow:
    event_id: uuid.UUID
    happened_at: datetime
    officer_name: str  # "Unknown officer" when the store does not know them
    action: str
    case_reference: str | None  # None: no case, or a case no longer on this laptop
    case_id: uuid.UUID | None
    person_name: str | None
    detail: str


def audit_page(
    store: Store, officer: OfficerView, query: AuditQuery, offset: int, limit: int
) -> list[AuditRow]:
    require(officer, Permission.READ_AUDIT)
    acting = aliased(Officer, name="acting")
    statement: Select[*tuple[Any, ...]] = (
        select(
            AuditEvent,
            acting.display_name,
            HousingCase.reference,
            Person.family_name,
            Person.given_names,
        )
        .outerjoin(acting, acting.id == AuditEvent.officer_id)
        .outerjoin(HousingCase, HousingCase.id == AuditEvent.case_id)
        .outerjoin(Person, Person.id == AuditEvent.person_id)
    )
    statement = _filtered(statement, query)
    # Newest first; the id breaks ties so paging never repeats or skips an event.
    statement = statement.order_by(AuditEvent.happened_at.desc(), AuditEvent.id.desc())
    with store.begin() as session:
        rows = session.execute(statement.offset(offset).limit(limit)).all()
        return [
            AuditRow(
                event_id=event.id,
                happened_at=event.happened_at,
                officer_name=officer_name or "Unknown officer",
                action=event.action,
                case_reference=reference,
                case_id=event.case_id,
                person_name=display_name(family, given) if family is not None else None,
                detail=event.detail,
            )
            for event, officer_name, reference, family, given in rows
        ]


def _filtered(statement: Select[*tuple[Any, ...]], query: AuditQuery) -> Select[*tuple[Any, ...]]:
    if query.officer_id is not None:
        statement = statement.where(AuditEvent.officer_id == query.officer_id)
    if reference := reference_prefix(query.case_reference):
        cases = select(HousingCase.id).where(
            HousingCase.reference.like(_escape_like(reference) + "%", escape="\\")
        )
        statement = statement.where(AuditEvent.case_id.in_(cases))
    if (named := _person_name_condition(query.person_name)) is not None:
        # The person's own rows, and everything about the cases they are in.
        persons = select(Person.id).where(named)
        their_cases = select(HouseholdMember.case_id).where(HouseholdMember.person_id.in_(persons))
        statement = statement.where(
            or_(AuditEvent.person_id.in_(persons), AuditEvent.case_id.in_(their_cases))
        )
    return statement


def _person_name_condition(text: str) -> ColumnElement[bool] | None:
    words = re.findall(r"[^\s,]+", text.lower())
    if not words:
        return None
    conditions = []
    for word in words:
        like = _escape_like(word) + "%"
        conditions.append(
            or_(
                func.lower(Person.family_name).like(like, escape="\\"),
                func.lower(Person.given_names).like(like, escape="\\"),
                func.lower(Person.given_names).like("% " + like, escape="\\"),
            )
        )
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined & condition
    return combined


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
