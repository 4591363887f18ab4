"""Staff accounts and the sign-in throttle, on a fake clock, with the counts kept in the file store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ecosites.staffauth import (
    ACCOUNT_POLICY,
    CLIENT_POLICY,
    FORGET_AFTER_S,
    SHARED_ACCOUNT,
    SignIn,
    Throttle,
    account_problem,
    attempt_sign_in,
    clean_author,
    client_address,
    hash_password,
    password_matches,
    verify_password,
)
from ecosites.store import FileCatalogStore
from tests.conftest import REPO, FakeClock

PASSWORD = "correct horse battery staple"
STAFF = "Li Wei"
STAFF_CLIENT = "203.0.113.7"


pytestmark = pytest.mark.usefixtures("cheap_hashes")


@pytest.fixture
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def store(tmp_path: Path, password_hash: str) -> FileCatalogStore:
    accounts = FileCatalogStore(tmp_path)
    accounts.set_staff_account(STAFF, password_hash)
    return accounts


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def attempt(store: FileCatalogStore, clock: FakeClock, password: str, client: str = STAFF_CLIENT,
            name: str = STAFF, shared: str = "") -> SignIn:
    return attempt_sign_in(store, name, password, client, shared, clock, clock.sleep)


def test_hashes_are_argon2id_salted_and_verified(password_hash: str) -> None:
    assert password_hash.startswith("$argon2id$")
    assert hash_password(PASSWORD) != password_hash  # a fresh salt every time
    assert verify_password(password_hash, PASSWORD)
    assert not verify_password(password_hash, PASSWORD + " ")
    assert not verify_password("not a hash", PASSWORD)


def test_accounts_live_in_a_private_file_beside_the_catalogue(store: FileCatalogStore) -> None:
    assert sorted(store.staff_accounts()) == [STAFF]
    assert stat.S_IMODE(os.stat(store.staff_path).st_mode) == 0o600
    assert PASSWORD not in store.staff_path.read_text(encoding="utf-8")
    assert store.remove_staff_account(STAFF) is True
    assert store.remove_staff_account(STAFF) is False
    assert store.staff_accounts() == {}


def test_the_client_pair_backs_off_from_the_third_failure(store: FileCatalogStore, clock: FakeClock) -> None:
    outcomes = []
    for password in ["a", "b", "c", PASSWORD]:
        result = attempt(store, clock, password)
        outcomes.append((result.outcome, result.wait_s))
        clock.now += 1
    # 5 s after the third failure; one second later the right password is still refused.
    assert outcomes == [("wrong", 0.0), ("wrong", 0.0), ("wrong", 5.0), ("throttled", 4.0)]
    clock.now += 4
    assert attempt(store, clock, "d").wait_s == 10.0  # each further failure doubles it
    clock.now += 10
    assert attempt(store, clock, PASSWORD).outcome == "ok"
    assert attempt(store, clock, "e").outcome == "wrong"  # success cleared the pair's count
    assert clock.slept == []  # four failures on the account are below its ceiling


def test_the_client_wait_is_capped_and_forgotten_after_a_quiet_quarter_hour() -> None:
    throttle = Throttle()
    for _ in range(30):
        throttle = throttle.failed(0.0, CLIENT_POLICY)
    assert throttle.wait_s(0.0) == CLIENT_POLICY.max_delay_s == 300.0
    assert throttle.failed(901.0, CLIENT_POLICY).failures == 1


def test_another_process_sees_the_same_counts(store: FileCatalogStore, clock: FakeClock) -> None:
    """Guards against a fresh session or a second server process starting the count afresh."""
    for password in ["a", "b", "c"]:
        attempt(store, clock, password)
    other_process = FileCatalogStore(store.directory)
    assert attempt(other_process, clock, PASSWORD).outcome == "throttled"


def test_many_clients_guessing_one_account_only_delay_the_real_staff(
    store: FileCatalogStore, clock: FakeClock
) -> None:
    """Guards against strangers locking staff out: 100 guesses from 50 addresses, then staff sign in."""
    for client in range(50):
        for guess in ("123456", "password"):
            result = attempt(store, clock, guess, client=f"198.51.100.{client}")
            assert result.outcome == "wrong"  # never 'throttled': each address has failed twice
    assert max(clock.slept) == ACCOUNT_POLICY.max_delay_s == 30.0  # the ceiling only slowed them
    clock.slept.clear()
    result = attempt(store, clock, PASSWORD)  # during the attack, from the staff's own address
    assert (result.outcome, result.account) == ("ok", STAFF)
    assert clock.slept == [30.0]  # at most about 30 s, never a refusal


@pytest.mark.parametrize(
    ("failures", "delay_s"),
    [(10, 0.0), (11, 1.0), (12, 2.0), (15, 16.0), (16, 30.0), (100, 30.0)],
)
def test_the_account_ceiling_delays_past_ten_failures(
    store: FileCatalogStore, clock: FakeClock, failures: int, delay_s: float
) -> None:
    for client in range(failures):
        attempt(store, clock, "guess", client=f"client-{client}")  # each waits its delay too
    clock.slept.clear()
    assert attempt(store, clock, PASSWORD).outcome == "ok"
    assert clock.slept == ([delay_s] if delay_s else [])


def test_one_guess_every_five_minutes_does_not_keep_staff_out(
    store: FileCatalogStore, clock: FakeClock
) -> None:
    """Guards against a slow stranger holding the account shut."""
    for _ in range(12):
        attempt(store, clock, "guess", client="192.0.2.1")
        clock.now += 300
    result = attempt(store, clock, PASSWORD)
    assert result.outcome == "ok"
    assert sum(clock.slept) <= 30.0


def test_an_unknown_account_looks_like_a_wrong_password(store: FileCatalogStore, clock: FakeClock) -> None:
    assert attempt(store, clock, PASSWORD, name="Nobody").outcome == "wrong"
    assert attempt(store, clock, PASSWORD, name="li wei").outcome == "wrong"  # names are exact


def test_the_shared_password_signs_in_as_staff_until_an_account_replaces_it(
    store: FileCatalogStore, clock: FakeClock
) -> None:
    shared = "old shared password"
    result = attempt(store, clock, shared, name=SHARED_ACCOUNT, shared=shared)
    assert (result.outcome, result.account, result.shared_password) == ("ok", "staff", True)
    assert attempt(store, clock, shared, name=STAFF, shared=shared).outcome == "wrong"
    store.set_staff_account(SHARED_ACCOUNT, hash_password("a new own password"))
    assert attempt(store, clock, shared, name=SHARED_ACCOUNT, shared=shared).outcome == "wrong"


@pytest.mark.parametrize(
    ("name", "outcome"),
    [(STAFF, "not_configured"), ("  ", "not_configured")],
)
def test_without_accounts_or_shared_password_nobody_signs_in(
    tmp_path: Path, clock: FakeClock, name: str, outcome: str
) -> None:
    empty = FileCatalogStore(tmp_path)
    assert attempt(empty, clock, PASSWORD, name=name).outcome == outcome


def test_an_empty_name_is_asked_for(store: FileCatalogStore, clock: FakeClock) -> None:
    assert attempt(store, clock, PASSWORD, name="  ").outcome == "no_name"


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "client"),
    [
        ("198.51.100.9", None, (), "198.51.100.9"),
        ("198.51.100.9", "10.0.0.1", (), "198.51.100.9"),  # header from an untrusted peer: ignored
        ("127.0.0.1", "203.0.113.5", ("127.0.0.1",), "203.0.113.5"),
        ("127.0.0.1", "1.2.3.4, 203.0.113.5", ("127.0.0.1",), "203.0.113.5"),  # left part is the client's own
        ("10.0.0.2", "203.0.113.5, 10.0.0.3", ("10.0.0.2", "10.0.0.3"), "203.0.113.5"),
        ("127.0.0.1", "", ("127.0.0.1",), "127.0.0.1"),
        (None, None, (), "unknown"),
    ],
)
def test_the_client_is_the_remote_address_unless_a_trusted_proxy_says(
    remote: str | None, forwarded: str | None, trusted: tuple[str, ...], client: str
) -> None:
    assert client_address(remote, forwarded, trusted) == client


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [("secret", "secret", True), ("secret ", "secret", False), ("", "", False), ("密码", "密码", True)],
)
def test_the_shared_password_is_compared_in_constant_time(given: str, expected: str, matches: bool) -> None:
    assert password_matches(given, expected) is matches


@pytest.mark.parametrize(
    ("name", "problem"),
    [("Li Wei", ""), ("王芳", ""), ("", "empty"), (" x", "space"), ("a\nb", "control"), ("x" * 61, "60")],
)
def test_account_names(name: str, problem: str) -> None:
    assert problem in account_problem(name)
    assert bool(account_problem(name)) == bool(problem)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  Li Wei  ", "Li Wei"), ("a\x00b\nc", "abc"), ("x" * 100, "x" * 60), ("王芳", "王芳")],
)
def test_author_names_are_cleaned(raw: str, clean: str) -> None:
    assert clean_author(raw) == clean


def test_the_readme_states_the_policy_the_code_runs() -> None:
    """Guards against the documented sign-in policy drifting from the one enforced."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    policy = " ".join(readme[readme.index("**Sign-in throttle**"):readme.index("- **Upload**")].split())
    ordinals = {2: "two", 3: "third", 11: "11th"}
    phrases = [
        f"The first {ordinals[CLIENT_POLICY.free_attempts - 1]} cost nothing",
        f"after the {ordinals[CLIENT_POLICY.free_attempts]} that pair waits {CLIENT_POLICY.base_delay_s:g} s",
        f"up to {CLIENT_POLICY.max_delay_s / 60:g} min",
        f"From the {ordinals[ACCOUNT_POLICY.free_attempts]} on",
        f"waits until {ACCOUNT_POLICY.base_delay_s:g} s after it",
        f"up to {ACCOUNT_POLICY.max_delay_s:g} s",
        f"after at most {ACCOUNT_POLICY.max_delay_s:g} s",
        "A quarter of an hour without a failure forgets a count",
        "ECOSITES_TRUSTED_PROXIES",
    ]
    assert [phrase for phrase in phrases if phrase not in policy] == []
    assert FORGET_AFTER_S == CLIENT_POLICY.forget_after_s == ACCOUNT_POLICY.forget_after_s == 15 * 60
