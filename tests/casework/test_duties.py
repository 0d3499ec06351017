"""The duties, the ways each ends, and where the law says so."""

from datetime import date
from pathlib import Path

import pytest

import hoclient.casework
from hoclient.casework.case_events import (
    MainDutyEnded,
    NoticeKind,
    NoticeToQuit,
    PlacementKind,
    PlacementStarted,
    PreventionDutyEnded,
    ReliefDutyAccepted,
    legal_basis,
)
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.casework.unverified import CITATIONS_NOT_CHECKED_AGAINST_THE_STATUTE

ON = date(2026, 3, 2)
CASEWORK = Path(hoclient.casework.__file__).parent


@pytest.mark.parametrize(
    ("ending", "basis"),
    [
        (PreventionEnding.SUITABLE_ACCOMMODATION, "HA 1996 s195(8)(a)"),
        (PreventionEnding.BECAME_HOMELESS, "HA 1996 s195(8)(c)"),
        (PreventionEnding.WITHDRAWN, "HA 1996 s195(8)(g)"),
        (ReliefEnding.FIFTY_SIX_DAYS_COMPLIED, "HA 1996 s189B(7)(b)"),
        (ReliefEnding.REFUSED_FINAL_OFFER, "HA 1996 s193A(2)"),
        (ReliefEnding.REFERRED_LOCAL_CONNECTION, "HA 1996 s198(A1)"),
        (MainDutyEnding.REFUSED_SUITABLE_OFFER, "HA 1996 s193(5)"),
        (MainDutyEnding.ACCEPTED_ASSURED_TENANCY, "HA 1996 s193(6)(cc)"),
        (MainDutyEnding.REFUSED_FINAL_PART6_OFFER, "HA 1996 s193(7)"),
        (MainDutyEnding.REFUSED_PRSO, "HA 1996 s193(7AA)"),
    ],
)
def test_each_way_a_duty_ends_names_its_subsection(
    ending: PreventionEnding | ReliefEnding | MainDutyEnding, basis: str
) -> None:
    assert ending.basis == basis


def test_every_ending_and_every_owed_duty_has_a_basis() -> None:
    for ending in [*PreventionEnding, *ReliefEnding, *MainDutyEnding]:
        assert ending.basis.startswith("HA 1996 s")
    assert {duty for duty in Duty if duty.basis is None} == {Duty.ENDED}
    assert Duty.S193C.basis == "HA 1996 s193C(4)"


def test_a_decision_on_the_timeline_shows_its_section_and_a_plain_fact_none() -> None:
    on = ON
    assert legal_basis(ReliefDutyAccepted(on=on)) == "HA 1996 s189B(1)"
    ended = PreventionDutyEnded(on=on, reason=PreventionEnding.BECAME_HOMELESS)
    assert legal_basis(ended) == "HA 1996 s195(8)(c)"
    assert legal_basis(MainDutyEnded(on=on, reason=MainDutyEnding.ACCEPTED_PRSO)) == (
        "HA 1996 s193(7AA)"
    )
    notice = NoticeToQuit(on=on, kind=NoticeKind.SECTION_21, expires_on=on)
    placement = PlacementStarted(on=on, placement="P", kind=PlacementKind.HOSTEL)
    assert (legal_basis(notice), legal_basis(placement)) == (None, None)


def test_every_unverified_citation_is_one_the_rules_actually_cite() -> None:
    # unverified.py lists them for the solicitor; a stale entry would mislead.
    sources = "".join(
        path.read_text() for path in CASEWORK.glob("*.py") if path.name != "unverified.py"
    )
    for citation in CITATIONS_NOT_CHECKED_AGAINST_THE_STATUTE:
        assert f'"{citation}' in sources, citation
