"""The rough sleeping snapshot return as CSV: category rows and totals.

The national return counts people by sex, age band and nationality band
(../shared/domain/rough-sleeping.md §1). The exact layout DELTA collects (column headings,
row order and wording) is UNKNOWN, so it is not invented here: it lives in one ReturnLayout
value the council can change, and DEFAULT_LAYOUT is a plain reading of the domain notes.
"""

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from hoclient.vocabulary import AgeBand, NationalityBand, Sex

# (category, member name) -> number of people; e.g. ("sex", "MALE").
CategoryKey = tuple[str, str]


@dataclass(frozen=True)
class ReturnRow:
    category: str  # "sex", "age_band" or "nationality_band"
    member: str  # the vocabulary member's NAME
    label: str


@dataclass(frozen=True)
class ReturnCategory:
    key: str
    label: str
    rows: tuple[ReturnRow, ...]


@dataclass(frozen=True)
class ReturnLayout:
    header: tuple[str, str, str] = ("Category", "Band", "Number of people")
    total_label: str = "Total people seen sleeping rough"
    category_total_label: str = "Total"
    categories: tuple[ReturnCategory, ...] = ()


def _category(
    key: str, label: str, members: type[Sex | AgeBand | NationalityBand]
) -> ReturnCategory:
    return ReturnCategory(
        key, label, tuple(ReturnRow(key, member.name, member.value) for member in members)
    )


DEFAULT_LAYOUT = ReturnLayout(
    categories=(
        _category("sex", "Sex", Sex),
        _category("age_band", "Age", AgeBand),
        _category("nationality_band", "Nationality", NationalityBand),
    )
)


def return_csv(
    *,
    count_name: str,
    night_of: date,
    total: int,
    by_category: Mapping[CategoryKey, int],
    layout: ReturnLayout = DEFAULT_LAYOUT,
) -> str:
    """The return's text. Every category's rows add up to the total (each person has exactly
    one band in each category, "Not known" included)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Count", count_name])
    writer.writerow(["Night of", night_of.isoformat()])
    writer.writerow([])
    writer.writerow(layout.header)
    writer.writerow([layout.total_label, "", total])
    for category in layout.categories:
        for row in category.rows:
            writer.writerow(
                [category.label, row.label, by_category.get((row.category, row.member), 0)]
            )
        writer.writerow(
            [
                category.label,
                layout.category_total_label,
                sum(by_category.get((row.category, row.member), 0) for row in category.rows),
            ]
        )
    return out.getvalue()
