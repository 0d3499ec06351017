"""Search by name, date of birth, NI number, postcode or case reference.

What was typed decides the kind of search: digits in a date shape are a date of birth, two
letters and four or more digits an NI number, HO and two digits a case reference, a postcode
shape a postcode; anything else is a name, matched word by word as prefixes in the FTS5 index.
"""

import re
import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Uuid, and_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from hoclient.casework.identity import normalise_ni_number, postcode_key
from hoclient.models import HouseholdMember, HousingCase, Person
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_reference import REFERENCE_START, reference_prefix
from hoclient.services.persons import display_name
from hoclient.services.views import OfficerView, SearchHit, SearchKind, SearchResult
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


def search(
    store: Store, officer: OfficerView, typed: str, *, limit: int = MAX_HITS
) -> SearchResult:
    require(officer, Permission.READ_CASEWORK)
    kind = classify(typed)
    if kind is None:
        return SearchResult(kind=None, hits=())
    with store.begin() as session:
        if kind is SearchKind.NAME:
            hits = _hits_for_people(session, _people_by_name(session, typed, limit))
        elif kind is SearchKind.POSTCODE:
            hits = _by_postcode(session, postcode_key(typed), limit)
        elif kind is SearchKind.CASE_REFERENCE:
            hits = _by_reference(session, reference_prefix(typed), limit)
        elif kind is SearchKind.DATE_OF_BIRTH:
            hits = _by_person_condition(session, Person.date_of_birth == parse_date(typed), limit)
        else:
            ni_start = _prefix_range(Person.ni_number, normalise_ni_number(typed))
            hits = _by_person_condition(session, ni_start, limit)
    return SearchResult(kind, hits[:limit])


# Past this many matches ranking costs more than it helps: bm25 is worked out for every match
# before the best are kept (two letters match ~10,000 of 100k people: 27 ms), and the
# officer types on anyway. benchmarks/README.md has the figures.
_MOST_MATCHES_TO_RANK = 500


def _people_by_name(session: Session, typed: str, limit: int) -> list[uuid.UUID]:
    expression = name_match_expression(typed)
    matches = session.scalar(
        text("SELECT count(*) FROM person_search WHERE person_search MATCH :expression"),
        {"expression": expression},
    )
    order = "rank" if (matches or 0) <= _MOST_MATCHES_TO_RANK else "person_search.rowid DESC"
    ranked = text(
        "SELECT k.person_id FROM person_search JOIN person_search_key AS k "
        "ON k.fts_rowid = person_search.rowid "
        f"WHERE person_search MATCH :expression ORDER BY {order} LIMIT :limit"
    ).columns(person_id=Uuid)
    return list(session.scalars(ranked, {"expression": expression, "limit": limit}))


def _prefix_range(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    # A range, not LIKE, so SQLite walks the ordinary index (benchmarks/: 0.01 ms).
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _by_person_condition(
    session: Session, condition: ColumnElement[bool], limit: int
) -> tuple[SearchHit, ...]:
    """People found by an indexed column of their own (date of birth, NI number)."""
    person_ids = session.scalars(
        select(Person.id).where(condition, Person.deleted_at.is_(None)).limit(limit)
    ).all()
    hits = _hits_for_people(session, list(person_ids))
    return tuple(sorted(hits, key=lambda hit: hit.name))


def _by_postcode(session: Session, key: str, limit: int) -> tuple[SearchHit, ...]:
    """People whose own postcode, or whose case's address at approach, starts with `key`.

    Two index ranges, one a table, each stopping at the limit: an OR across the two tables of
    one outer join would read every person instead.
    """
    own = session.scalars(
        select(Person.id)
        .where(_prefix_range(Person.postcode_key, key), Person.deleted_at.is_(None))
        .order_by(Person.postcode_key)
        .limit(limit)
    ).all()
    by_case = session.scalars(
        select(HouseholdMember.person_id)
        .join(HousingCase, HousingCase.id == HouseholdMember.case_id)
        .where(
            _prefix_range(HousingCase.postcode_key, key),
            HousingCase.deleted_at.is_(None),
            HouseholdMember.deleted_at.is_(None),
        )
        .order_by(HousingCase.postcode_key)
        .limit(limit)
    ).all()
    person_ids = list(dict.fromkeys([*own, *by_case]))[:limit]
    hits = _hits_for_people(session, person_ids)
    return tuple(sorted(hits, key=lambda hit: (hit.postcode or "", hit.name)))


def _by_reference(session: Session, prefix: str, limit: int) -> tuple[SearchHit, ...]:
    """Cases whose reference starts with `prefix`, each with its household, applicant first.

    Starting from housing_case lets SQLite walk the unique reference index and stop early.
    """
    rows = session.execute(
        _hit_columns()
        .select_from(HousingCase)
        .join(
            HouseholdMember,
            and_(HouseholdMember.case_id == HousingCase.id, HouseholdMember.deleted_at.is_(None)),
        )
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(
            _prefix_range(HousingCase.reference, prefix),
            HousingCase.deleted_at.is_(None),
            Person.deleted_at.is_(None),
        )
        .order_by(
            HousingCase.reference,
            HouseholdMember.relationship_to_applicant != Relationship.APPLICANT,
            Person.family_name,
            Person.given_names,
        )
        .limit(limit)
    ).all()
    return tuple(_hit(row) for row in rows)


def _hit_columns() -> Select[*tuple[Any, ...]]:
    # Only the columns a SearchHit shows: loading whole Person and HousingCase entities cost
    # 9-16 ms per search at 100k people (benchmarks/README.md).
    return select(
        Person.id,
        Person.family_name,
        Person.given_names,
        Person.date_of_birth,
        Person.ni_number,
        Person.postcode,
        HouseholdMember.relationship_to_applicant,
        HousingCase.id,
        HousingCase.reference,
        HousingCase.status,
        HousingCase.approached_on,
        HousingCase.postcode,
    )


def _hits_for_people(session: Session, person_ids: list[uuid.UUID]) -> tuple[SearchHit, ...]:
    """Every live case of each person, in the order the people came, newest case first."""
    if not person_ids:
        return ()
    rows = session.execute(
        _hit_columns()
        .select_from(Person)
        .outerjoin(
            HouseholdMember,
            and_(HouseholdMember.person_id == Person.id, HouseholdMember.deleted_at.is_(None)),
        )
        .outerjoin(
            HousingCase,
            and_(HousingCase.id == HouseholdMember.case_id, HousingCase.deleted_at.is_(None)),
        )
        .where(Person.id.in_(person_ids), Person.deleted_at.is_(None))
    ).all()
    position = {person_id: index for index, person_id in enumerate(person_ids)}

    def order(row: Row[*tuple[Any, ...]]) -> tuple[int, int]:
        approached_on: date | None = row[10]
        return position[row[0]], -approached_on.toordinal() if approached_on else 0

    return tuple(_hit(row) for row in sorted(rows, key=order))


def _hit(row: Row[*tuple[Any, ...]]) -> SearchHit:
    (
        person_id,
        family_name,
        given_names,
        born_on,
        ni_number,
        own_postcode,
        relationship,
        case_id,
        reference,
        status,
        approached_on,
        case_postcode,
    ) = row
    return SearchHit(
        person_id=person_id,
        name=display_name(family_name, given_names),
        date_of_birth=born_on,
        ni_number=ni_number,
        postcode=own_postcode or case_postcode,
        case_id=case_id,
        case_reference=reference,
        relationship=relationship if case_id else None,
        case_status=status,
        approached_on=approached_on,
    )
