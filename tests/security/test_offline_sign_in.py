"""The verifier and the lock-out rules, without a store."""

from datetime import UTC, datetime, timedelta

from hoclient.security.offline_sign_in import (
    Attempts,
    LockoutRule,
    make_verifier,
    password_matches,
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_only_the_right_password_matches_its_verifier() -> None:
    verifier = make_verifier("blue kettle on the hob")
    assert password_matches(verifier, "blue kettle on the hob")
    assert not password_matches(verifier, "Blue kettle on the hob")
    assert not password_matches(None, "blue kettle on the hob")
    assert not password_matches("not a hash", "blue kettle on the hob")


def test_the_last_allowed_failure_locks_for_the_period_then_counting_starts_again() -> None:
    rule = LockoutRule(max_failures=3, period=timedelta(minutes=10))
    attempts = Attempts()
    for _ in range(2):
        attempts = attempts.after_failure(NOW, rule)
        assert not attempts.locked_at(NOW)
    attempts = attempts.after_failure(NOW, rule)
    assert attempts.locked_at(NOW + timedelta(minutes=9, seconds=59))
    assert not attempts.locked_at(NOW + timedelta(minutes=10))
    after = attempts.after_failure(NOW + timedelta(minutes=11), rule)
    assert after == Attempts(1, None)
    assert after.tries_left(rule) == 2
