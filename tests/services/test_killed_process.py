"""Killing the app at any moment loses no saved record and leaves nothing half-written."""

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import func, select

from hoclient.models import HouseholdMember, HousingCase
from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.store.handle import open_store
from hoclient.vocabulary import Relationship
from tests.memory_keyring import MemoryKeyring, child_environment

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from hoclient.services.approaches import NewApproach, record_new_approach
    from hoclient.services.officers import current_officer
    from hoclient.services.persons import PersonDetails
    from hoclient.store.handle import open_store
    from hoclient.vocabulary import AccommodationAtApproach, ApproachMethod

    store = open_store(Path(sys.argv[1]))
    officer = current_officer(store)
    number = 0
    while True:
        number += 1
        approach = NewApproach(
            applicant=PersonDetails(f"Killtest{number}", "Alex", date(1980, 1, 1)),
            approached_on=date(2026, 11, 2),
            approach_method=ApproachMethod.PHONE,
            accommodation_at_approach=AccommodationAtApproach.WITH_FRIENDS,
        )
        case = record_new_approach(store, officer, approach, today=date(2026, 11, 25))
        print(case.reference, flush=True)  # printed only once the transaction committed
    """
)


def test_every_saved_approach_survives_a_kill_and_the_store_stays_whole(
    store_path: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=child_environment(tmp_path, memory_keyring),  # the store's key, for the writer
    ) as writer:
        assert writer.stdout is not None
        saved = [writer.stdout.readline().strip() for _ in range(40)]
        writer.send_signal(signal.SIGKILL)  # mid-way through the next transaction, most likely
        writer.wait(timeout=30)

    store = open_store(store_path)
    with store.begin() as session:
        references = set(session.scalars(select(HousingCase.reference)))
        applicants_per_case = session.execute(
            select(HouseholdMember.case_id, func.count())
            .where(HouseholdMember.relationship_to_applicant == Relationship.APPLICANT)
            .group_by(HouseholdMember.case_id)
        ).all()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        connection.exec_driver_sql(
            "INSERT INTO person_search (person_search) VALUES ('integrity-check')"
        )
    assert set(saved) <= references
    assert len(applicants_per_case) == len(references)
    assert all(count == 1 for _case, count in applicants_per_case)
    assert search(store, current_officer(store), "killtest40").hits
    store.close()
