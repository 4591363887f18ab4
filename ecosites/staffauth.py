"""Staff sign-in: a constant-time password check and back-off after failed attempts.

There is no default password: with none configured, nobody can sign in. Failed
attempts are counted per session and across every session (a new browser session must
not reset the count): in the process with files, in the database shared by every
replica with PostGIS (``CatalogStore.update_throttle``); after a few free attempts each
further failure doubles the wait. Nothing sleeps: an attempt during the wait is refused with the time left.
Time is passed in (``now``), so tests use a fake clock.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Literal

MAX_AUTHOR_CHARS = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Outcome = Literal["ok", "not_configured", "no_name", "throttled", "wrong"]


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are free, and how the wait grows after them."""

    free_attempts: int
    base_delay_s: float
    max_delay_s: float
    forget_after_s: float = 900.0  # a quiet quarter of an hour starts the count afresh


SESSION_POLICY = ThrottlePolicy(free_attempts=3, base_delay_s=5.0, max_delay_s=300.0)
PROCESS_POLICY = ThrottlePolicy(free_attempts=20, base_delay_s=5.0, max_delay_s=300.0)


@dataclass(frozen=True)
class Throttle:
    """Failures so far and until when (seconds, caller's clock) attempts are refused."""

    failures: int = 0
    locked_until: float = 0.0
    last_failure: float | None = None

    def wait_s(self, now: float) -> float:
        """Seconds until the next attempt is allowed (0 when allowed now)."""
        return max(0.0, self.locked_until - now)

    def failed(self, now: float, policy: ThrottlePolicy) -> Throttle:
        """The throttle after one more failure at ``now``."""
        recent = self.last_failure is not None and now - self.last_failure <= policy.forget_after_s
        failures = (self.failures if recent else 0) + 1
        if failures < policy.free_attempts:
            return Throttle(failures, 0.0, now)
        delay = min(policy.max_delay_s, policy.base_delay_s * 2 ** (failures - policy.free_attempts))
        return Throttle(failures, now + delay, now)


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt and the throttles after it."""

    outcome: Outcome
    session: Throttle
    process: Throttle
    wait_s: float = 0.0


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (of digests, so the length does not leak); never true without a password."""
    if not expected:
        return False
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(),
                               hashlib.sha256(expected.encode()).digest())


def clean_author(name: str) -> str:
    """The name recorded with changes: control characters removed, trimmed, at most 60 characters."""
    return _CONTROL.sub("", name).strip()[:MAX_AUTHOR_CHARS]


def attempt_sign_in(
    name: str, given: str, expected: str, session: Throttle, process: Throttle, now: float
) -> SignIn:
    """Check one sign-in attempt against the password and both throttles."""
    if not expected:
        return SignIn("not_configured", session, process)
    wait = max(session.wait_s(now), process.wait_s(now))
    if wait > 0:
        return SignIn("throttled", session, process, wait)
    if not clean_author(name):
        return SignIn("no_name", session, process)
    if password_matches(given, expected):
        return SignIn("ok", Throttle(), process)
    session = session.failed(now, SESSION_POLICY)
    process = process.failed(now, PROCESS_POLICY)
    return SignIn("wrong", session, process, max(session.wait_s(now), process.wait_s(now)))
