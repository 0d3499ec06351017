"""My caseload as a Qt model: a page of case lines at a time, sorted by the database."""

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject, Qt

from hoclient.services.caseload import CaseloadQuery, CaseloadSort
from hoclient.services.views import CaseRow
from hoclient.ui.formatting import uk_date, uk_date_or
from hoclient.ui.table_model import AnyIndex, Column, RowsModel

LoadPage = Callable[[CaseloadQuery, int, int], list[CaseRow]]  # (query, offset, limit)

COLUMNS: tuple[tuple[Column[CaseRow], CaseloadSort], ...] = (
    (Column("Reference", lambda row: row.reference), CaseloadSort.REFERENCE),
    (Column("Applicant", lambda row: row.applicant_name), CaseloadSort.APPLICANT),
    (
        Column("Date of birth", lambda row: uk_date_or(row.date_of_birth, "Not known")),
        CaseloadSort.DATE_OF_BIRTH,
    ),
    (Column("Postcode", lambda row: row.postcode or ""), CaseloadSort.POSTCODE),
    (Column("Approached", lambda row: uk_date(row.approached_on)), CaseloadSort.APPROACHED_ON),
    (
        Column("Household", lambda row: str(row.household_size), centred=True),
        CaseloadSort.HOUSEHOLD_SIZE,
    ),
    (Column("Status", lambda row: row.status.value), CaseloadSort.STATUS),
    (Column("Officer", lambda row: row.officer_name or "Unassigned"), CaseloadSort.OFFICER),
)
APPLICANT_COLUMN = 1


def column_of(sort: CaseloadSort) -> int:
    return next(number for number, (_, key) in enumerate(COLUMNS) if key is sort)


class CaseloadModel(RowsModel[CaseRow]):
    """Holds only the rows the view has asked for, a page at a time (style.md)."""

    PAGE_SIZE = 200

    def __init__(
        self, load_page: LoadPage, query: CaseloadQuery, parent: QObject | None = None
    ) -> None:
        super().__init__([column for column, _ in COLUMNS], parent)
        self._load_page = load_page  # a services query, a few ms at 20k cases (benchmarks/)
        self._query = query
        self._all_loaded = self._inserting = False

    @property
    def query(self) -> CaseloadQuery:
        return self._query

    def set_query(self, query: CaseloadQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def canFetchMore(self, parent: AnyIndex) -> bool:  # QAbstractItemModel
        # Qt and qtmodeltester call fetchMore() unconditionally, even from our own insert
        # signals; the guard stops a re-entrant fetch from loading a page twice.
        return not (parent.isValid() or self._all_loaded or self._inserting)

    def fetchMore(self, parent: AnyIndex) -> None:  # QAbstractItemModel
        if not self.canFetchMore(parent):
            return
        page = self._load_page(self._query, len(self._rows), self.PAGE_SIZE)
        self._all_loaded = len(page) < self.PAGE_SIZE
        if page:
            first, self._inserting = len(self._rows), True
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
            self._inserting = False

    def reload(self) -> None:
        """Start again from the first page: after the query changed, or the cases did."""
        self.beginResetModel()
        self._rows, self._all_loaded = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())  # the view may not ask again until it scrolls

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The database sorts every matching case, not just the rows loaded so far.
        if 0 <= column < len(COLUMNS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self._query, sort=COLUMNS[column][1], descending=descending))
