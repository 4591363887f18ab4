"""Staff sign-in: one account per member of staff, argon2 hashes, and a throttle strangers cannot abuse.

The policy (the README states it too, and a test keeps the two in step):

- Failures are counted per (account, client). The first two cost nothing; from the third on
  that pair waits 5 s, doubling with each further failure up to 5 min. During the wait that
  pair is refused, even with the right password (it is the pair that is guessing).
- Failures are also counted per account, from every client together. From the 11th on they
  only slow the account: an attempt waits until 1 s after the 11th failure, doubling with each
  further one, at most 30 s, after which the password is checked as usual. This ceiling never
  refuses, so a correct password from a client that has not itself failed always signs in,
  however many strangers guess at the account.
- A quarter of an hour without a failure forgets a count; a success clears its own pair.

There is no default password: without an account (or the shared migration password) nobody
can sign in. Time is passed in (``now``, seconds), so tests use a fake clock; nothing here
sleeps, the caller waits ``delay_s`` before checking. The throttle state lives in the store
(``StaffStore``), so every session and process sees the same counts.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_AUTHOR_CHARS = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SHARED_ACCOUNT = "staff"  # the name the shared ECOSITES_STAFF_PASSWORD signs in as (migration only)

Outcome = Literal["ok", "not_configured", "no_name", "throttled", "wrong"]


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are free, and how the wait grows after them."""

    free_attempts: int
    base_delay_s: float
    max_delay_s: float
    forget_after_s: float = 900.0  # a quiet quarter of an hour starts the count afresh


CLIENT_POLICY = ThrottlePolicy(free_attempts=3, base_delay_s=5.0, max_delay_s=300.0)
ACCOUNT_POLICY = ThrottlePolicy(free_attempts=11, base_delay_s=1.0, max_delay_s=30.0)
# After this long without a failure and with no wait left, a count can be dropped by any store.
FORGET_AFTER_S = max(CLIENT_POLICY.forget_after_s, ACCOUNT_POLICY.forget_after_s)


@dataclass(frozen=True)
class Throttle:
    """Failures so far and until when (seconds, caller's clock) the next attempt waits."""

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

    def forgotten(self, now: float, policy: ThrottlePolicy) -> bool:
        """True once the count no longer matters (quiet for ``forget_after_s`` and no wait left)."""
        quiet = self.last_failure is None or now - self.last_failure > policy.forget_after_s
        return quiet and self.wait_s(now) == 0


class StaffStore(Protocol):
    """Where accounts and the sign-in throttle are kept (beside the catalogue, or in the database)."""

    def staff_accounts(self) -> dict[str, str]:
        """Every account: name -> argon2 hash."""
        ...

    def set_staff_account(self, name: str, password_hash: str) -> None:
        """Add an account or replace its password hash."""
        ...

    def remove_staff_account(self, name: str) -> bool:
        """Remove an account; False when there was none of that name."""
        ...

    def update_throttle(self, key: str, change: Callable[[Throttle], Throttle]) -> Throttle:
        """Replace the sign-in throttle ``key`` by ``change(it)``, atomically; returns the new one."""
        ...


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # imported on first use: the light layer stays light

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of the password (salted; the parameters are stored in the hash)."""
    return _hasher().hash(password)


@cache
def _dummy_hash() -> str:
    return hash_password("no such account")


def verify_password(password_hash: str, given: str) -> bool:
    """True when ``given`` matches the hash; an unusable hash never matches."""
    from argon2.exceptions import Argon2Error, InvalidHashError

    try:
        return _hasher().verify(password_hash, given)
    except (Argon2Error, InvalidHashError, ValueError):
        return False


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (of digests, so the length does not leak); never true without a password."""
    if not expected:
        return False
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(),
                               hashlib.sha256(expected.encode()).digest())


def clean_author(name: str) -> str:
    """The name recorded with changes: control characters removed, trimmed, at most 60 characters."""
    return _CONTROL.sub("", name).strip()[:MAX_AUTHOR_CHARS]


def account_problem(name: str) -> str:
    """Why ``name`` cannot be an account name ('' when it can)."""
    if not name or name != name.strip():
        return "an account name cannot be empty or start or end with a space"
    if _CONTROL.search(name):
        return "an account name cannot hold control characters"
    if len(name) > MAX_AUTHOR_CHARS:
        return f"an account name has at most {MAX_AUTHOR_CHARS} characters"
    return ""


def client_key(account: str, client: str) -> str:
    """The throttle key of one (account, client) pair."""
    return f"client\x1f{account}\x1f{client}"


def account_key(account: str) -> str:
    """The throttle key of an account's ceiling (all clients together)."""
    return f"account\x1f{account}"


def policy_for(key: str) -> ThrottlePolicy:
    """The policy a throttle key is counted by."""
    return ACCOUNT_POLICY if key.startswith("account\x1f") else CLIENT_POLICY


@dataclass(frozen=True)
class Gate:
    """Before checking a password: refused for ``wait_s``, or checked after ``delay_s``."""

    wait_s: float = 0.0
    delay_s: float = 0.0


def gate(store: StaffStore, account: str, client: str, now: float) -> Gate:
    """Whether this pair may try now, and how long the account's ceiling delays the check."""
    pair = store.update_throttle(client_key(account, client), _unchanged)
    ceiling = store.update_throttle(account_key(account), _unchanged)
    return Gate(pair.wait_s(now), ceiling.wait_s(now))


def _unchanged(throttle: Throttle) -> Throttle:
    return throttle


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt: who, whether it worked, and any wait now due."""

    outcome: Outcome
    account: str = ""
    wait_s: float = 0.0
    shared_password: bool = False  # signed in with ECOSITES_STAFF_PASSWORD (migration path)


def check_password(store: StaffStore, account: str, given: str, shared_password: str) -> tuple[bool, bool]:
    """(matches, by the shared password): an account's hash, else the shared password for 'staff'."""
    accounts = store.staff_accounts()
    if account in accounts:
        return verify_password(accounts[account], given), False
    if account == SHARED_ACCOUNT and shared_password:
        return password_matches(given, shared_password), True
    verify_password(_dummy_hash(), given)  # the same work, so timing does not reveal unknown names
    return False, False


def sign_in_configured(store: StaffStore, shared_password: str) -> bool:
    """True when someone can sign in at all (an account exists or the shared password is set)."""
    return bool(shared_password) or bool(store.staff_accounts())


def attempt_sign_in(
    store: StaffStore, name: str, given: str, client: str, shared_password: str,
    clock: Callable[[], float], sleep: Callable[[float], None],
) -> SignIn:
    """One sign-in attempt under the policy in the module docstring; the store keeps the counts."""
    if not sign_in_configured(store, shared_password):
        return SignIn("not_configured")
    account = clean_author(name)
    if not account:
        return SignIn("no_name")
    before = gate(store, account, client, clock())
    if before.wait_s > 0:
        return SignIn("throttled", account, before.wait_s)
    if before.delay_s > 0:
        sleep(before.delay_s)
    now = clock()
    # The pair's failure is counted *before* the password is checked, in one atomic step with
    # the wait check: attempts racing in parallel sessions from one client are refused from
    # the third on, instead of all passing the look above. A success takes it back.
    refused: list[float] = []

    def reserve(old: Throttle) -> Throttle:
        if old.wait_s(now) > 0:
            refused.append(old.wait_s(now))
            return old
        return old.failed(now, CLIENT_POLICY)

    pair = store.update_throttle(client_key(account, client), reserve)
    if refused:
        return SignIn("throttled", account, refused[0])
    matches, shared = check_password(store, account, given, shared_password)
    if matches:
        store.update_throttle(client_key(account, client), lambda _old: Throttle())
        return SignIn("ok", account, shared_password=shared)
    store.update_throttle(account_key(account), lambda old: old.failed(now, ACCOUNT_POLICY))
    return SignIn("wrong", account, pair.wait_s(now))


def client_address(remote: str | None, forwarded_for: str | None, trusted_proxies: Sequence[str]) -> str:
    """The client's address: the remote address, or the X-Forwarded-For entry the trusted proxy added.

    The header is believed only when the remote address is a proxy named in
    ``ECOSITES_TRUSTED_PROXIES``; then the rightmost address not itself a trusted proxy
    is the client (entries further left are whatever the client chose to send).
    """
    remote = (remote or "").strip() or "unknown"
    if remote not in trusted_proxies or not forwarded_for:
        return remote
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if hop and hop not in trusted_proxies:
            return hop[:64]
    return remote


def prune(throttles: Mapping[str, Throttle], now: float) -> dict[str, Throttle]:
    """The throttles still worth keeping (the store drops the rest when it writes)."""
    return {key: value for key, value in throttles.items() if not value.forgotten(now, policy_for(key))}
