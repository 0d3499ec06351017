"""Signing in to the app, and unlocking it after the idle lock, with no signal needed.

Verifiers are made at enrolment (online, once) and checked here; the lock-out rules are
hoclient.security.offline_sign_in's. There is no officer yet when someone signs in, so these
services check no permission: they are what makes an officer.

A store with no verifier at all (a developer's fresh store, a store from before sign-in)
lets nobody in: `can_anyone_sign_in` is False and the app says to enrol the laptop, or to
make a demo store. Opening casework unsigned would defeat the point.
"""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.models import LocalSetting, Officer, OfflineSignIn
from hoclient.security.offline_sign_in import (
    Attempts,
    LockoutRule,
    make_verifier,
    password_matches,
)
from hoclient.services.clock import LONDON
from hoclient.services.errors import ServiceError
from hoclient.services.officers import officer_view, set_current_officer
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.settings import CURRENT_OFFICER_KEY

# Local settings (never synced): a council may tighten them per laptop.
MAX_FAILURES_SETTING = "sign_in_max_failures"
LOCKOUT_MINUTES_SETTING = "sign_in_lockout_minutes"
IDLE_LOCK_SECONDS_SETTING = "idle_lock_seconds"
DEFAULT_IDLE_LOCK = timedelta(minutes=5)

WRONG = "Wrong username or password."


class SignInRefused(ServiceError):
    """Wrong password, unknown username, or locked out: the message says which may be told."""


def can_anyone_sign_in(store: Store) -> bool:
    with store.begin() as session:
        return session.scalars(select(OfflineSignIn.officer_id).limit(1)).first() is not None


def sign_in(
    store: Store, username: str, password: str, *, now: datetime | None = None
) -> OfficerView:
    """The officer whose password this is; they become this laptop's current officer."""
    now = now or datetime.now(UTC)
    signed_in: OfficerView | None = None
    # Refusals are raised after the transaction commits, so a failure just counted is kept.
    with store.begin() as session:
        entry = session.scalars(
            select(OfflineSignIn).where(OfflineSignIn.username == username.strip())
        ).first()
        if entry is None:
            password_matches(None, password)  # the same time as a wrong password
            refusal: str | None = WRONG
        else:
            refusal = _check(session, entry, password, now)
            officer = session.get(Officer, entry.officer_id)
            if refusal is None and (officer is None or officer.deleted_at is not None):
                refusal = f"{username.strip()} is no longer an officer on this laptop."
            if refusal is None and officer is not None:
                set_current_officer(session, officer.id)
                signed_in = officer_view(session, officer)
    if signed_in is None:
        raise SignInRefused(refusal or WRONG)
    return signed_in


def confirm_password(
    store: Store, officer: OfficerView, password: str, *, now: datetime | None = None
) -> None:
    """Unlock after the idle lock: the signed-in officer's password, with the same lock-out."""
    now = now or datetime.now(UTC)
    with store.begin() as session:
        entry = session.get(OfflineSignIn, officer.id)
        if entry is None:
            refusal: str | None = f"{officer.display_name} has no password on this laptop."
        else:
            refusal = _check(session, entry, password, now)
    if refusal is not None:
        raise SignInRefused(refusal)


def _check(session: Session, entry: OfflineSignIn, password: str, now: datetime) -> str | None:
    """None when the password is right; otherwise the refusal, with the failure counted."""
    rule = lockout_rule(session)
    attempts = Attempts(entry.failed_attempts, entry.locked_until)
    if attempts.locked_at(now):
        # Not even checked: a locked account gives a guesser nothing.
        return _locked_message(attempts, rule)
    if password_matches(entry.verifier, password):
        entry.failed_attempts, entry.locked_until = 0, None
        return None
    attempts = attempts.after_failure(now, rule)
    entry.failed_attempts, entry.locked_until = attempts.failures, attempts.locked_until
    if attempts.locked_at(now):
        return _locked_message(attempts, rule)
    left = attempts.tries_left(rule)
    return (
        f"{WRONG} {left} {'try' if left == 1 else 'tries'} left before this laptop locks "
        f"the account for {_minutes(rule)}."
    )


def _locked_message(attempts: Attempts, rule: LockoutRule) -> str:
    assert attempts.locked_until is not None
    until = attempts.locked_until.astimezone(LONDON).strftime("%H:%M")
    return (
        f"After {rule.max_failures} wrong passwords this account is locked on this laptop "
        f"until {until}. Try again then, or ask your team leader."
    )


def _minutes(rule: LockoutRule) -> str:
    minutes = int(rule.period.total_seconds() // 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def lockout_rule(session: Session) -> LockoutRule:
    failures = _int_setting(session, MAX_FAILURES_SETTING)
    minutes = _int_setting(session, LOCKOUT_MINUTES_SETTING)
    default = LockoutRule()
    return LockoutRule(
        max_failures=failures or default.max_failures,
        period=timedelta(minutes=minutes) if minutes else default.period,
    )


def idle_lock_after(store: Store) -> timedelta:
    with store.begin() as session:
        seconds = _int_setting(session, IDLE_LOCK_SECONDS_SETTING)
    return timedelta(seconds=seconds) if seconds else DEFAULT_IDLE_LOCK


def _int_setting(session: Session, key: str) -> int | None:
    setting = session.get(LocalSetting, key)
    if setting is None:
        return None
    try:
        value = int(setting.value)
    except ValueError:
        return None
    return value if value > 0 else None


def remember_for_offline_sign_in(
    store: Store, officer_id: uuid.UUID, username: str, password: str
) -> None:
    """At enrolment, online: keep the officer's verifier so later sign-ins need no signal."""
    verifier = make_verifier(password)
    with store.begin() as session:
        _keep_verifier(session, officer_id, username.strip(), verifier)


def _keep_verifier(session: Session, officer_id: uuid.UUID, username: str, verifier: str) -> None:
    # One username, one officer: a username that moved to another officer follows them.
    for stale in session.scalars(
        select(OfflineSignIn).where(
            OfflineSignIn.username == username, OfflineSignIn.officer_id != officer_id
        )
    ):
        session.delete(stale)
    session.flush()
    entry = session.get(OfflineSignIn, officer_id)
    if entry is None:
        session.add(OfflineSignIn(officer_id=officer_id, username=username, verifier=verifier))
    else:
        entry.username, entry.verifier = username, verifier
        entry.failed_attempts, entry.locked_until = 0, None


def username_of(store: Store, officer_id: uuid.UUID) -> str | None:
    """The username this officer signs in with here: the sign-in dialog offers the last one."""
    with store.begin() as session:
        entry = session.get(OfflineSignIn, officer_id)
        return entry.username if entry else None


def last_username(store: Store) -> str | None:
    """The username of the officer who last worked here, to offer at sign-in. Reads only: an
    empty store must not get a local officer, or enrolling it would be refused."""
    with store.begin() as session:
        setting = session.get(LocalSetting, CURRENT_OFFICER_KEY)
        if setting is None:
            return None
        entry = session.get(OfflineSignIn, uuid.UUID(setting.value))
        return entry.username if entry else None


def demo_username(display_name: str) -> str:
    return ".".join(display_name.lower().split())


def give_demo_officers_a_password(session: Session, password: str) -> None:
    """Generated demo data only: every demo officer signs in with the documented password."""
    verifier = make_verifier(password)  # one hash for all: they are fictional officers
    for officer in session.scalars(select(Officer).where(Officer.deleted_at.is_(None))):
        if session.get(OfflineSignIn, officer.id) is None:
            _keep_verifier(session, officer.id, demo_username(officer.display_name), verifier)
