"""Sealing a bundle: AES-256-GCM under the council's key, its envelope bound to the key id."""

import json
import os

import pytest

from hoclient.sync.bundle_seal import SEALED_FORMAT, SealError, key_id, seal, unseal

KEY = bytes(range(32))
PLAIN = json.dumps({"format": "hoclient.case-bundle/1", "case": {"reference": "HO26-AAAA-BBBB"}})


def test_a_sealed_bundle_opens_with_the_key_it_was_sealed_with() -> None:
    envelope = json.loads(seal(PLAIN, KEY))
    assert envelope["format"] == SEALED_FORMAT and envelope["key_id"] == key_id(KEY)
    assert unseal(envelope, KEY) == PLAIN


def test_each_bundle_gets_its_own_nonce() -> None:
    # GCM with a repeated nonce under one key gives away the plaintexts' XOR.
    first, second = json.loads(seal(PLAIN, KEY)), json.loads(seal(PLAIN, KEY))
    assert first["nonce"] != second["nonce"] and first["ciphertext"] != second["ciphertext"]


def test_a_key_id_edited_to_this_laptops_cannot_open_another_councils_bundle() -> None:
    other = os.urandom(32)
    envelope = json.loads(seal(PLAIN, other))
    with pytest.raises(SealError, match="made for another council's sync service"):
        unseal(envelope, KEY)
    envelope["key_id"] = key_id(KEY)  # the key id is associated data: the tag fails
    with pytest.raises(SealError, match="damaged or altered"):
        unseal(envelope, KEY)


@pytest.mark.parametrize("broken", [{"nonce": "not base64!"}, {"ciphertext": ""}, {"key_id": 7}])
def test_a_broken_envelope_is_damaged_not_a_crash(broken: dict[str, object]) -> None:
    envelope = {**json.loads(seal(PLAIN, KEY)), **broken}
    with pytest.raises(SealError, match="damaged or altered"):
        unseal(envelope, KEY)


def test_without_a_key_the_officer_is_told_to_enrol() -> None:
    with pytest.raises(SealError, match="enrol this laptop with the sync service to open it"):
        unseal(json.loads(seal(PLAIN, KEY)), None)
