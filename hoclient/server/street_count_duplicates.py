"""Possible duplicates on a street count, found at the centre as teams' entries arrive.

Two teams walking neighbouring areas may see the same person. When a push brings entries, each
new current version is compared with the current entries other teams recorded on the same
count: seen close in time, not told apart by sex or age band, and at a similar place or with a
similar description. Each such pair is flagged once (a synced row the coordinator settles);
nothing is counted or uncounted until they do.

The thresholds are hoclient's own choice, not a rule of the snapshot guidance, which says only
"same place, time and description" (../shared/domain/rough-sleeping.md §4).
"""

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, insert, select

from hoclient.models import StreetCountDuplicate, StreetCountEntry, StreetCountTeam
from hoclient.models.sync_codec import table_of
from hoclient.models.types import utc_now
from hoclient.server.feed_writer import FeedWriter
from hoclient.server.scope import RowScope
from hoclient.vocabulary import AgeBand, Sex

SEEN_WITHIN = timedelta(minutes=60)
PLACE_OVERLAP = 0.5  # share of place words in common (Jaccard)
DESCRIPTION_OVERLAP = 0.3
# Words that say nothing about where or who: "High Street" and "Church Street" differ.
_PLAIN_WORDS = frozenset(
    [
        "the",
        "and",
        "with",
        "near",
        "outside",
        "opposite",
        "by",
        "of",
        "in",
        "on",
        "at",
        "a",
        "an",
        "to",
        "street",
        "st",
        "road",
        "rd",
        "lane",
        "avenue",
        "ave",
        "wearing",
        "has",
        "had",
        "man",
        "woman",
        "person",
    ]
)

_entry = table_of(StreetCountEntry)
_flag = table_of(StreetCountDuplicate)
_team = table_of(StreetCountTeam)
Entry = Mapping[str, Any]


def flag_possible_duplicates(
    connection: Connection, feed: FeedWriter, entry_ids: Iterable[uuid.UUID]
) -> int:
    """Flag every new pair among the counts these entries belong to; the number flagged."""
    ids = list(entry_ids)
    if not ids:
        return 0
    counts = set(connection.scalars(select(_entry.c.street_count_id).where(_entry.c.id.in_(ids))))
    flagged = 0
    for count_id in sorted(counts):
        current = _current_entries(connection, count_id)
        arrived = [entry for entry in current.values() if entry["id"] in set(ids)]
        known = _flagged_pairs(connection, count_id)
        teams = _pairs(
            connection.execute(
                select(_team.c.id, _team.c.name).where(_team.c.street_count_id == count_id)
            )
        )
        for entry in arrived:
            for other in current.values():
                pair = frozenset({entry["sighting_id"], other["sighting_id"]})
                if len(pair) < 2 or pair in known or not _other_team(entry, other):
                    continue
                reason = possible_duplicate_reason(entry, other, teams)
                if reason is None:
                    continue
                _raise_flag(connection, feed, count_id, entry, other, reason)
                known.add(pair)
                flagged += 1
    return flagged


def possible_duplicate_reason(
    entry: Entry, other: Entry, teams: Mapping[uuid.UUID, str]
) -> str | None:
    """Why two entries may be one person, in words for the coordinator; None if they cannot."""
    apart = abs(entry["seen_at"] - other["seen_at"])
    if apart > SEEN_WITHIN:
        return None
    if not _compatible(entry["sex"], other["sex"], Sex.NOT_KNOWN):
        return None
    if not _compatible(entry["age_band"], other["age_band"], AgeBand.NOT_KNOWN):
        return None
    same_grid = bool(_grid(entry)) and _grid(entry) == _grid(other)
    place = same_grid or _overlap(_place_words(entry), _place_words(other)) >= PLACE_OVERLAP
    described = (
        _overlap(_words(entry["description"]), _words(other["description"])) >= DESCRIPTION_OVERLAP
    )
    if not (place or described):
        return None
    minutes = int(apart.total_seconds() // 60)
    why = [
        f"seen {minutes} minutes apart by {_team_name(other, teams)} and {_team_name(entry, teams)}"
    ]
    if place:
        why.append("at the same place" if same_grid else "at a similar place")
    if described:
        why.append("with a similar description")
    text = ", ".join(why) + "."
    return text[0].upper() + text[1:]


def _current_entries(connection: Connection, count_id: uuid.UUID) -> dict[uuid.UUID, Entry]:
    """The current version of each sighting on the count (the one no other version corrects,
    as hoclient.services.street_count_entries reads it), leaving out those withdrawn."""
    versions = [
        dict(entry)
        for entry in connection.execute(
            select(_entry).where(_entry.c.street_count_id == count_id)
        ).mappings()
    ]
    corrected = {entry["corrects_entry_id"] for entry in versions}
    current: dict[uuid.UUID, Entry] = {}
    for entry in sorted(versions, key=lambda entry: (entry["created_at"], str(entry["id"]))):
        if entry["id"] not in corrected:
            current[entry["sighting_id"]] = entry
    return {key: entry for key, entry in current.items() if not entry["withdrawn"]}


def _flagged_pairs(connection: Connection, count_id: uuid.UUID) -> set[frozenset[uuid.UUID]]:
    return {
        frozenset(pair)
        for pair in connection.execute(
            select(_flag.c.sighting_id, _flag.c.other_sighting_id).where(
                _flag.c.street_count_id == count_id
            )
        )
    }


def _raise_flag(
    connection: Connection,
    feed: FeedWriter,
    count_id: uuid.UUID,
    entry: Entry,
    other: Entry,
    reason: str,
) -> None:
    flag_id, now = uuid.uuid4(), utc_now()
    connection.execute(
        insert(_flag).values(
            id=flag_id,
            created_at=now,
            updated_at=now,
            updated_by=None,
            version=1,
            street_count_id=count_id,
            sighting_id=entry["sighting_id"],
            other_sighting_id=other["sighting_id"],
            entry_id=entry["id"],
            other_entry_id=other["id"],
            reason=reason,
            verdict=None,
        )
    )
    feed.moved(_flag.name, flag_id, RowScope(None, None))


def _other_team(entry: Entry, other: Entry) -> bool:
    if entry["team_id"] is not None and other["team_id"] is not None:
        return bool(entry["team_id"] != other["team_id"])
    return bool(entry["author_id"] != other["author_id"])


def _team_name(entry: Entry, teams: Mapping[uuid.UUID, str]) -> str:
    name = teams.get(entry["team_id"]) if entry["team_id"] is not None else None
    return name or "another team"


def _compatible(first: object, second: object, unknown: object) -> bool:
    return first == second or unknown in (first, second)


def _grid(entry: Entry) -> str:
    return re.sub(r"\s+", "", str(entry["grid_reference"] or "")).upper()


def _place_words(entry: Entry) -> set[str]:
    return _words(f"{entry['street']} {entry['landmark']}")


def _words(text: str | None) -> set[str]:
    return {
        word
        for word in re.findall(r"[a-z0-9]+", (text or "").lower())
        if len(word) > 1 and word not in _PLAIN_WORDS
    }


def _overlap(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _pairs(result: Iterable[Any]) -> dict[Any, Any]:
    """A two-column result as a dict (a Result has keys(), so dict() would misread it)."""
    return {key: value for key, value in result}
