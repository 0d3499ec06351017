"""Signing in offline against the laptop's verifier, and the lock-out (issue 7, part 2)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from hoclient.models import LocalSetting, OfflineSignIn
from hoclient.services.officers import current_officer
from hoclient.services.sign_in import (
    LOCKOUT_MINUTES_SETTING,
    MAX_FAILURES_SETTING,
    SignInRefused,
    can_anyone_sign_in,
    confirm_password,
    remember_for_offline_sign_in,
    sign_in,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store

PASSWORD = "blue kettle on the hob"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def enrolled(store: Store, officer: OfficerView) -> OfficerView:
    remember_for_offline_sign_in(store, officer.id, "a.okafor", PASSWORD)
    return officer


def test_a_store_with_no_verifier_lets_nobody_in(store: Store) -> None:
    assert not can_anyone_sign_in(store)
    with pytest.raises(SignInRefused, match="Wrong username or password"):
        sign_in(store, "anyone", "anything", now=NOW)


def test_the_password_is_never_stored_only_its_argon2id_verifier(
    store: Store, enrolled: OfficerView
) -> None:
    with store.begin() as session:
        verifier = session.get(OfflineSignIn, enrolled.id).verifier  # type: ignore[union-attr]
    assert verifier.startswith("$argon2id$")
    assert PASSWORD not in verifier
    store.close()
    assert PASSWORD.encode() not in store.path.read_bytes()


def test_signing_in_offline_makes_the_officer_current(store: Store, enrolled: OfficerView) -> None:
    signed_in = sign_in(store, " a.okafor ", PASSWORD, now=NOW)
    assert signed_in == enrolled
    assert current_officer(store) == enrolled
    assert can_anyone_sign_in(store)


def test_a_wrong_password_says_how_many_tries_are_left(store: Store, enrolled: OfficerView) -> None:
    with pytest.raises(SignInRefused, match=r"4 tries left .* for 15 minutes"):
        sign_in(store, "a.okafor", "not it", now=NOW)
    with pytest.raises(SignInRefused, match=r"^Wrong username or password.$"):
        sign_in(store, "someone.else", PASSWORD, now=NOW)  # no hint the username is unknown


def test_five_failures_lock_the_account_across_restarts_until_the_period_ends(
    store: Store, enrolled: OfficerView
) -> None:
    for minute in range(4):
        with pytest.raises(SignInRefused, match=r"(tries|try) left"):
            sign_in(store, "a.okafor", "guess", now=NOW + timedelta(minutes=minute))
    with pytest.raises(SignInRefused, match="locked on this laptop until 09:19"):
        sign_in(store, "a.okafor", "guess", now=NOW + timedelta(minutes=4))

    path = store.path
    store.close()
    reopened = open_store(path)  # a restart does not wipe the count
    try:
        with pytest.raises(SignInRefused, match="locked"):
            sign_in(reopened, "a.okafor", PASSWORD, now=NOW + timedelta(minutes=18))
        signed_in = sign_in(reopened, "a.okafor", PASSWORD, now=NOW + timedelta(minutes=20))
        assert signed_in.id == enrolled.id
        with reopened.begin() as session:
            entry = session.get(OfflineSignIn, enrolled.id)
            assert entry is not None and entry.failed_attempts == 0
    finally:
        reopened.close()


def test_the_lockout_is_a_setting(store: Store, enrolled: OfficerView) -> None:
    with store.begin() as session:
        session.add(LocalSetting(key=MAX_FAILURES_SETTING, value="2"))
        session.add(LocalSetting(key=LOCKOUT_MINUTES_SETTING, value="60"))
    with pytest.raises(SignInRefused, match=r"1 try left .* for 60 minutes"):
        sign_in(store, "a.okafor", "guess", now=NOW)
    with pytest.raises(SignInRefused, match=r"After 2 wrong passwords .* until 10:00"):
        sign_in(store, "a.okafor", "guess", now=NOW)


def test_unlocking_uses_the_same_verifier_and_the_same_lockout(
    store: Store, enrolled: OfficerView
) -> None:
    confirm_password(store, enrolled, PASSWORD, now=NOW)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            confirm_password(store, enrolled, "guess", now=NOW)
    with pytest.raises(SignInRefused, match="locked"):
        sign_in(store, "a.okafor", PASSWORD, now=NOW)


def test_enrolling_again_replaces_the_verifier_and_clears_the_count(
    store: Store, enrolled: OfficerView
) -> None:
    with pytest.raises(SignInRefused):
        sign_in(store, "a.okafor", "guess", now=NOW)
    remember_for_offline_sign_in(store, enrolled.id, "a.okafor", "a new password now")
    with pytest.raises(SignInRefused):
        sign_in(store, "a.okafor", PASSWORD, now=NOW)
    assert sign_in(store, "a.okafor", "a new password now", now=NOW) == enrolled
    with store.begin() as session:
        assert len(session.scalars(select(OfflineSignIn)).all()) == 1
