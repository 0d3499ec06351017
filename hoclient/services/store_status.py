"""Figures for the status bar."""

from sqlalchemy import func, select

from hoclient.models import CaseNote, HousingCase, Person
from hoclient.services.views import StoreCounts
from hoclient.store.handle import Store
from hoclient.vocabulary import CaseStatus


def store_counts(store: Store) -> StoreCounts:
    with store.begin() as session:
        persons = session.scalar(
            select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
        )
        cases = session.scalar(
            select(func.count()).select_from(HousingCase).where(HousingCase.deleted_at.is_(None))
        )
        open_cases = session.scalar(
            select(func.count())
            .select_from(HousingCase)
            .where(HousingCase.deleted_at.is_(None), HousingCase.status == CaseStatus.OPEN)
        )
        notes = session.scalar(select(func.count()).select_from(CaseNote))
    return StoreCounts(persons or 0, cases or 0, open_cases or 0, notes or 0)
