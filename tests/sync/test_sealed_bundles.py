"""Encrypted case bundles (DESIGN.md, Sync): a case on a USB stick is personal data, so a
laptop enrolled with the council's sync service seals it with the council's bundle key; only
a laptop of the same council opens it, a changed byte is refused, and a store that is not
enrolled still writes a plain bundle but says it is NOT encrypted."""

import base64
import io
import json
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from sqlalchemy import func, select

from hoclient.cli import main
from hoclient.models import CentralSecret, SyncOutbox
from hoclient.server.app import create_app
from hoclient.server.bundle_key import council_bundle_key
from hoclient.server.central import Central, open_central
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.store.handle import Store, open_store
from hoclient.sync.bundle import BundleError, export_bundle, import_bundle
from hoclient.sync.bundle_seal import SEALED_FORMAT, key_id
from hoclient.sync.credentials import BUNDLE_KEY_SERVICE, load_bundle_key
from hoclient.sync.dump import dump_synced_rows
from hoclient.sync.settings import read_device_id
from hoclient.vocabulary import Role
from tests.services.helpers import approach_for, record
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import PASSWORD, Laptop, Laptops

NO_KEY = "enrol this laptop with the sync service to open it"
OTHER_COUNCIL = "made for another council's sync service"
DAMAGED = "damaged or altered"


def state(store: Store) -> object:
    """Everything an import could change: every synced row (conflicts too) and the outbox."""
    with store.engine.connect() as connection:
        outbox = connection.scalar(select(func.count()).select_from(SyncOutbox))
        return dump_synced_rows(connection), outbox


def device_of(laptop: Laptop) -> str:
    with laptop.store.engine.connect() as connection:
        device_id = read_device_id(connection)
    assert device_id is not None
    return str(device_id)


def key_of(laptop: Laptop) -> bytes | None:
    return load_bundle_key(uuid.UUID(device_of(laptop)))


def forget_key(laptop: Laptop) -> None:
    """As a laptop enrolled before enrolment gave the key: no key in its keyring."""
    keyring.delete_password(BUNDLE_KEY_SERVICE, device_of(laptop))


def two_laptops(laptops: Laptops) -> tuple[Laptop, Laptop]:
    laptops.officer("grace")
    laptops.officer("kofi")
    return laptops.enrolled("grace"), laptops.enrolled("kofi")


def test_a_bundle_between_two_laptops_of_one_council_is_encrypted_and_merges_once(
    laptops: Laptops, tmp_path: Path
) -> None:
    first, second = two_laptops(laptops)
    case = record(first.store, first.officer, approach_for("Okafor", "Grace"))
    path = tmp_path / "case.hocase"

    written = export_bundle(first.store, case.reference, path)

    assert written.sealed and written.rows > 0
    content = path.read_bytes()
    envelope = json.loads(content)
    assert set(envelope) == {"format", "key_id", "nonce", "ciphertext"}
    assert envelope["format"] == SEALED_FORMAT
    for clear in (case.reference, "Okafor", "OKAFOR", "Grace", "1990-03-02", str(case.case_id)):
        assert clear.encode() not in content, clear
    result = import_bundle(second.store, path, after_apply=refresh_derived_rows)
    assert result.sealed and result.added > 0
    before = state(second.store)
    with second.store.engine.connect() as connection:
        (row,) = dump_synced_rows(connection)["housing_case"]
    assert row["reference"] == case.reference
    again = import_bundle(second.store, path, after_apply=refresh_derived_rows)
    assert (again.added, again.updated, again.conflicts) == (0, 0, 0)
    assert state(second.store) == before


def test_a_laptop_without_the_key_refuses_the_bundle_and_changes_nothing(
    laptops: Laptops, tmp_path: Path
) -> None:
    first, second = two_laptops(laptops)
    case = record(first.store, first.officer, approach_for())
    path = tmp_path / "case.hocase"
    export_bundle(first.store, case.reference, path)
    forget_key(second)
    before = state(second.store)

    with pytest.raises(BundleError, match=NO_KEY):
        import_bundle(second.store, path)

    assert state(second.store) == before


@pytest.mark.parametrize("part", ["ciphertext", "nonce"])
def test_a_changed_byte_is_refused_as_damaged_and_changes_nothing(
    laptops: Laptops, tmp_path: Path, part: str
) -> None:
    first, second = two_laptops(laptops)
    case = record(first.store, first.officer, approach_for())
    path = tmp_path / "case.hocase"
    export_bundle(first.store, case.reference, path)
    envelope = json.loads(path.read_text())
    raw = bytearray(base64.b64decode(envelope[part]))
    raw[len(raw) // 2] ^= 0x01  # one bit, mid-file
    envelope[part] = base64.b64encode(bytes(raw)).decode()
    path.write_text(json.dumps(envelope))
    before = state(second.store)

    with pytest.raises(BundleError, match=DAMAGED):
        import_bundle(second.store, path)

    assert state(second.store) == before


@pytest.fixture
def other_council(
    tmp_path: Path, plain_migrated_template: Path, migrated_template: Path
) -> Iterator[Laptops]:
    """Another council's centre (its own SQLite database, so its own key) and its laptops."""
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copyfile(plain_migrated_template, folder / "central.sqlite")
    central = open_central(f"sqlite:///{folder / 'central.sqlite'}")
    transport = InProcessTransport(create_app(central))
    with httpx.Client(transport=transport, base_url="http://other.test") as client:
        made = Laptops(central, client, folder, migrated_template)
        yield made
        made.close()
    central.close()


def test_a_bundle_from_another_councils_centre_is_refused(
    laptops: Laptops, tmp_path: Path, other_council: Laptops
) -> None:
    other_council.officer("amara")
    theirs = other_council.enrolled("amara")
    laptops.officer("kofi")
    ours = laptops.enrolled("kofi")
    case = record(theirs.store, theirs.officer, approach_for())
    path = tmp_path / "case.hocase"
    assert export_bundle(theirs.store, case.reference, path).sealed
    before = state(ours.store)

    with pytest.raises(BundleError, match=OTHER_COUNCIL):
        import_bundle(ours.store, path)

    assert state(ours.store) == before
    assert None is not key_of(ours) != key_of(theirs) is not None  # truly another key


def test_the_centre_makes_one_key_when_two_first_requests_race(central_url: str) -> None:
    # Two centres on one database, as behind a balancer, each asked at the same moment.
    centres = [open_central(central_url), open_central(central_url)]
    start = threading.Barrier(len(centres) * 2)
    keys: list[bytes] = []

    def ask(centre: Central) -> None:
        start.wait()
        keys.append(council_bundle_key(centre))

    threads = [threading.Thread(target=ask, args=(c,)) for c in centres for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert len(keys) == 4 and len(set(keys)) == 1 and len(keys[0]) == 32
        with centres[0].read() as connection:
            rows = connection.scalar(select(func.count()).select_from(CentralSecret))
        assert rows == 1
        assert council_bundle_key(centres[1]) == keys[0]  # and it stays the key
    finally:
        for centre in centres:
            centre.close()


def test_a_volunteers_device_gets_no_key(laptops: Laptops, client: httpx.Client) -> None:
    laptops.officer("vera", role=Role.VOLUNTEER)
    response = client.post("/v1/devices", json={"username": "vera", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["bundle_key"] is None
    token = response.json()["token"]
    refused = client.get("/v1/bundle-key", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403
    assert client.get("/v1/bundle-key").status_code == 401

    volunteer = laptops.enrolled("vera")
    report = volunteer.sync()
    assert report.bundle_key_problem is None and not report.bundle_key_received
    assert key_of(volunteer) is None


def test_a_laptop_enrolled_before_the_key_gets_it_at_its_next_sync(
    laptops: Laptops, central: Central, tmp_path: Path
) -> None:
    first, second = two_laptops(laptops)
    forget_key(first)
    case = record(first.store, first.officer, approach_for())
    path = tmp_path / "case.hocase"
    # Enrolled, so it holds real casework: not written in the clear for want of a key.
    with pytest.raises(BundleError, match="sync it once"):
        export_bundle(first.store, case.reference, path)
    assert not path.exists()

    report = first.sync()

    assert report.bundle_key_received and "case-bundle key" in report.summary()
    assert key_of(first) == council_bundle_key(central)
    assert export_bundle(first.store, case.reference, path).sealed
    assert import_bundle(second.store, path).sealed
    assert not first.sync().bundle_key_received  # asked once, not at every sync


def test_enrolment_hands_the_laptop_the_councils_key(laptops: Laptops, central: Central) -> None:
    first, second = two_laptops(laptops)
    key = council_bundle_key(central)
    for laptop in (first, second):
        assert key_of(laptop) == key
    # Never in the store: not in a local setting, not in a synced row.
    with first.store.engine.connect() as connection:
        everything = json.dumps(dump_synced_rows(connection), default=str)
        settings = connection.exec_driver_sql("SELECT value FROM local_setting").all()
    encoded = base64.b64encode(key).decode()
    assert encoded not in everything and key_id(key) not in everything
    assert all(encoded not in value for (value,) in settings)


def run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return main(list(argv))


def test_the_bundle_commands_seal_open_and_refuse_with_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    laptops: Laptops,
    tmp_path: Path,
) -> None:
    first, second = two_laptops(laptops)
    case = record(first.store, first.officer, approach_for())
    out = tmp_path / "case.hocase"
    first.store.close()
    second.store.close()
    source, target = str(first.store.path), str(second.store.path)

    assert run(monkeypatch, "bundle", "export", "--case", case.reference, "--out", str(out),
               "--db", source) == 0  # fmt: skip
    written = capsys.readouterr()
    assert "encrypted" in written.out and "NOT" not in written.out + written.err
    assert json.loads(out.read_text())["format"] == SEALED_FORMAT
    assert run(monkeypatch, "bundle", "import", str(out), "--db", target) == 0
    assert f"{case.reference}: " in capsys.readouterr().out

    tampered = tmp_path / "tampered.hocase"
    envelope = json.loads(out.read_text())
    envelope["ciphertext"] = "A" + envelope["ciphertext"][1:]
    tampered.write_text(json.dumps(envelope))
    assert run(monkeypatch, "bundle", "import", str(tampered), "--db", target) == 2
    assert DAMAGED in capsys.readouterr().err

    keyring.delete_password(BUNDLE_KEY_SERVICE, device_of(second))
    assert run(monkeypatch, "bundle", "import", str(out), "--db", target) == 2
    assert NO_KEY in capsys.readouterr().err


def test_a_store_that_is_not_enrolled_writes_a_plain_bundle_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    store_path: Path,
) -> None:
    demo = tmp_path / "demo.sqlite"
    assert run(monkeypatch, "demo", "--db", str(demo), "--persons", "4", "--cases", "2") == 0
    opened = open_store(demo)
    with opened.engine.connect() as connection:
        reference = connection.exec_driver_sql("SELECT reference FROM housing_case").scalar()
    opened.close()
    assert isinstance(reference, str)
    capsys.readouterr()
    out = tmp_path / "case.hocase"

    assert run(monkeypatch, "bundle", "export", "--case", reference, "--out", str(out),
               "--db", str(demo)) == 0  # fmt: skip

    said = capsys.readouterr()
    assert "NOT encrypted" in said.out
    assert "NOT encrypted: this laptop is not enrolled" in said.err
    content = out.read_text()
    assert json.loads(content)["format"] == "hoclient.case-bundle/1" and reference in content
    assert run(monkeypatch, "bundle", "import", str(out), "--db", str(store_path)) == 0
    assert f"{reference}: " in capsys.readouterr().out
    assert run(monkeypatch, "bundle", "import", str(out), "--db", str(store_path)) == 0
    assert f"{reference}: 0 record(s) added, 0 updated" in capsys.readouterr().out


def test_a_bundle_between_two_stores_made_apart_is_refused_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Two demo stores each make their own team "Housing Options North" (and, with one seed,
    # the same case references for different cases): not laptops of one council.
    one, other = tmp_path / "one.sqlite", tmp_path / "other.sqlite"
    for seed, demo in enumerate((one, other)):
        assert run(monkeypatch, "demo", "--db", str(demo), "--persons", "4", "--cases", "2",
                   "--seed", str(seed + 1)) == 0  # fmt: skip
    opened = open_store(one)
    with opened.engine.connect() as connection:
        reference = connection.exec_driver_sql("SELECT reference FROM housing_case").scalar()
    opened.close()
    out = tmp_path / "case.hocase"
    assert run(monkeypatch, "bundle", "export", "--case", str(reference), "--out", str(out),
               "--db", str(one)) == 0  # fmt: skip
    target = open_store(other)
    before = state(target)
    target.close()
    capsys.readouterr()

    assert run(monkeypatch, "bundle", "import", str(out), "--db", str(other)) == 2

    assert "does not fit this laptop's records" in capsys.readouterr().err
    target = open_store(other)
    assert state(target) == before
    target.close()
