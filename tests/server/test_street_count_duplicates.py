"""When the centre thinks two teams may have counted one person."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from hoclient.server.street_count_duplicates import possible_duplicate_reason
from hoclient.services.clock import LONDON
from hoclient.vocabulary import AgeBand, Sex

TEAMS = {uuid.UUID(int=1): "Team A", uuid.UUID(int=2): "Team B"}
ONE_AM = datetime(2026, 11, 20, 1, 0, tzinfo=LONDON)


def entry(team: int, minutes: int = 0, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "team_id": uuid.UUID(int=team),
        "seen_at": ONE_AM + timedelta(minutes=minutes),
        "sex": Sex.MALE,
        "age_band": AgeBand.AGED_26_AND_OVER,
        "street": "High Street",
        "landmark": "Doorway of the old bank",
        "grid_reference": "",
        "description": "Green sleeping bag, red hat",
    }
    return values | changes


def test_the_same_place_and_description_within_the_hour_may_be_one_person() -> None:
    reason = possible_duplicate_reason(entry(2, 25), entry(1), TEAMS)
    assert reason == (
        "Seen 25 minutes apart by Team A and Team B, at a similar place, "
        "with a similar description."
    )


def test_a_different_sex_or_age_band_tells_them_apart_unless_not_known() -> None:
    assert possible_duplicate_reason(entry(2, sex=Sex.FEMALE), entry(1), TEAMS) is None
    assert possible_duplicate_reason(entry(2, age_band=AgeBand.UNDER_18), entry(1), TEAMS) is None
    assert possible_duplicate_reason(entry(2, sex=Sex.NOT_KNOWN), entry(1), TEAMS) is not None


def test_more_than_an_hour_apart_or_nothing_alike_is_not_flagged() -> None:
    assert possible_duplicate_reason(entry(2, 61), entry(1), TEAMS) is None
    elsewhere = entry(2, street="Towpath", landmark="Marina", description="Blue tent")
    assert possible_duplicate_reason(elsewhere, entry(1), TEAMS) is None


def test_the_same_grid_reference_is_the_same_place() -> None:
    first = entry(1, street="", landmark="", grid_reference="TQ 301 801", description="")
    second = entry(2, 5, street="", landmark="", grid_reference="tq301801", description="")
    assert "at the same place" in (possible_duplicate_reason(second, first, TEAMS) or "")
