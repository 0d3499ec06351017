"""Search by name, date of birth, NI number, postcode or case reference.

What was typed decides the kind of search: digits in a date shape are a date of birth, two
letters and four or more digits an NI number, HO and two digits a case reference, a postcode
shape a postcode; anything else is a name, matched word by word as prefixes in the FTS5 index.
"""

import re
import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Uuid, and_, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from hoclient.casework.identity import normalise_ni_number, postcode_key
from hoclient.models import HouseholdMember, HousingCase, Person
from hoclient.services.case_reference import REFERENCE_START, reference_prefix
from hoclient.services.persons import display_name
from hoclient.services.views import SearchHit, SearchKind, SearchResult
from hoclient.store.handle import Store
from hoclient.store.search_index import name_match_expression
from hoclient.vocabulary import Relationship

MAX_HITS = 100

_NI_START = re.compile(r"^[A-Z]{2}[0-9]{4,6}[A-D]?$")
_POSTCODE_START = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{0,2})?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EIGHT_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_date(typed: str) -> date | None:
    """A UK-style date as officers type it: 2/3/1990, 02.03.1990, 02031990 or 1990-03-02."""
    typed = typed.strip()
    for pattern, order in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_EIGHT_DIGITS, "dmy"),
        (_YEAR_MONTH_DAY, "ymd"),
    ):
        if match := pattern.match(typed):
            parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


def classify(typed: str) -> SearchKind | None:
    stripped = typed.strip()
    if not stripped:
        return None
    if parse_date(stripped) is not None:
        return SearchKind.DATE_OF_BIRTH
    plain = re.sub(r"[\s\-]", "", stripped).upper()
    if REFERENCE_START.match(plain):
        return SearchKind.CASE_REFERENCE
    if _NI_START.match(plain):
        return SearchKind.NI_NUMBER
    if _POSTCODE_START.match(plain):
        return SearchKind.POSTCODE
    if name_match_expression(stripped) is None:
        return None
    return SearchKind.NAME


def search(store: Store, typed: str, *, limit: int = MAX_HITS) -> SearchResult:
    kind = classify(typed)
    if kind is None:
        return SearchResult(kind=None, hits=())
    with store.begin() as session:
        if kind is SearchKind.NAME:
            person_ids = _people_by_name(session, typed, limit)
            return SearchResult(kind, _hits_for_people(session, person_ids, limit))
        condition = _condition(kind, typed)
        return SearchResult(kind, _hits_where(session, condition, limit))


def _people_by_name(session: Session, typed: str, limit: int) -> list[uuid.UUID]:
    expression = name_match_expression(typed)
    ranked = text(
        "SELECT k.person_id FROM person_search JOIN person_search_key AS k "
        "ON k.fts_rowid = person_search.rowid "
        "WHERE person_search MATCH :expression ORDER BY rank LIMIT :limit"
    ).columns(person_id=Uuid)
    return list(session.scalars(ranked, {"expression": expression, "limit": limit}))


def _prefix_range(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    # A range, not LIKE, so SQLite walks the ordinary index (benchmarks/: 0.01 ms).
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _condition(kind: SearchKind, typed: str) -> ColumnElement[bool]:
    if kind is SearchKind.DATE_OF_BIRTH:
        return Person.date_of_birth == parse_date(typed)
    if kind is SearchKind.NI_NUMBER:
        return _prefix_range(Person.ni_number, normalise_ni_number(typed))
    if kind is SearchKind.POSTCODE:
        key = postcode_key(typed)
        return or_(
            _prefix_range(Person.postcode_key, key),
            _prefix_range(HousingCase.postcode_key, key),
        )
    return _prefix_range(HousingCase.reference, reference_prefix(typed))


def _base_select() -> Select[Person, Relationship, HousingCase]:
    return (
        select(Person, HouseholdMember.relationship_to_applicant, HousingCase)
        .outerjoin(
            HouseholdMember,
            and_(HouseholdMember.person_id == Person.id, HouseholdMember.deleted_at.is_(None)),
        )
        .outerjoin(
            HousingCase,
            and_(HousingCase.id == HouseholdMember.case_id, HousingCase.deleted_at.is_(None)),
        )
        .where(Person.deleted_at.is_(None))
    )


def _hits_where(
    session: Session, condition: ColumnElement[bool], limit: int
) -> tuple[SearchHit, ...]:
    rows = session.execute(
        _base_select()
        .where(condition)
        .order_by(Person.family_name, Person.given_names, HousingCase.approached_on.desc())
        .limit(limit)
    ).all()
    return tuple(_hit(person, relationship, case) for person, relationship, case in rows)


def _hits_for_people(
    session: Session, person_ids: list[uuid.UUID], limit: int
) -> tuple[SearchHit, ...]:
    if not person_ids:
        return ()
    rank = {person_id: position for position, person_id in enumerate(person_ids)}
    rows = list(session.execute(_base_select().where(Person.id.in_(person_ids))).all())
    rows.sort(key=lambda row: (rank[row[0].id], _newest_first(row[2])))
    return tuple(_hit(person, relationship, case) for person, relationship, case in rows[:limit])


def _newest_first(case: HousingCase | None) -> int:
    return -case.approached_on.toordinal() if case else 0


def _hit(person: Person, relationship: Relationship | None, case: HousingCase | None) -> SearchHit:
    return SearchHit(
        person_id=person.id,
        name=display_name(person.family_name, person.given_names),
        date_of_birth=person.date_of_birth,
        ni_number=person.ni_number,
        postcode=person.postcode or (case.postcode if case else None),
        case_id=case.id if case else None,
        case_reference=case.reference if case else None,
        relationship=relationship if case else None,
        case_status=case.status if case else None,
        approached_on=case.approached_on if case else None,
    )
