"""Signing in on the laptop with no signal: the verifier and the lock-out rules (pure).

The laptop keeps an argon2id hash of each enrolled officer's password (the verifier), never
the password. Repeated failures lock the account on this laptop for a while, so a stolen
laptop cannot be used to guess at leisure; the count survives restarts because the caller
keeps it in the store.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT = timedelta(minutes=15)

# argon2-cffi's defaults (argon2id, RFC 9106's low-memory profile): ~50 ms a check here, too
# slow to guess at, quick enough for an officer.
_hasher = PasswordHasher()
# Checked when the username is unknown, so it costs what a wrong password does.
_DUMMY_VERIFIER = _hasher.hash("no officer has this password")


def make_verifier(password: str) -> str:
    return _hasher.hash(password)


def password_matches(verifier: str | None, password: str) -> bool:
    try:
        return _hasher.verify(verifier or _DUMMY_VERIFIER, password) and verifier is not None
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class LockoutRule:
    max_failures: int = DEFAULT_MAX_FAILURES
    period: timedelta = DEFAULT_LOCKOUT


@dataclass(frozen=True)
class Attempts:
    """An officer's failed attempts on this laptop since their last success."""

    failures: int = 0
    locked_until: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime, rule: LockoutRule) -> "Attempts":
        # A failure after a lock-out ran out starts a fresh count.
        failures = 1 if self.locked_until is not None else self.failures + 1
        if failures >= rule.max_failures:
            return Attempts(failures, now + rule.period)
        return Attempts(failures, None)

    def tries_left(self, rule: LockoutRule) -> int:
        return max(rule.max_failures - self.failures, 0)
