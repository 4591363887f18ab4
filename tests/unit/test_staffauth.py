"""Staff sign-in rules: no default password, constant-time check, back-off on a fake clock."""

from __future__ import annotations

import pytest

from ecosites.staffauth import (
    PROCESS_POLICY,
    SESSION_POLICY,
    Throttle,
    attempt_sign_in,
    clean_author,
    password_matches,
)


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        ("secret", "secret", True),
        ("secret ", "secret", False),
        ("", "", False),  # no password configured: nobody signs in, not even with an empty one
        ("anything", "", False),
        ("密码", "密码", True),
    ],
)
def test_password_matches(given: str, expected: str, matches: bool) -> None:
    assert password_matches(given, expected) is matches


@pytest.mark.parametrize(
    ("failures_at", "expected_waits"),
    [
        ([0, 1, 2], [0.0, 0.0, 5.0]),  # the third failure in a row costs 5 s
        ([0, 1, 2, 8, 20], [0.0, 0.0, 5.0, 10.0, 20.0]),  # then each one doubles
        ([0, 1, 1000, 1001], [0.0, 0.0, 0.0, 0.0]),  # a quiet quarter of an hour forgets
    ],
)
def test_session_back_off_doubles_after_three_failures(
    failures_at: list[float], expected_waits: list[float]
) -> None:
    throttle = Throttle()
    waits = []
    for now in failures_at:
        throttle = throttle.failed(now, SESSION_POLICY)
        waits.append(throttle.wait_s(now))
    assert waits == expected_waits


def test_back_off_is_capped() -> None:
    throttle = Throttle()
    for now in range(30):
        throttle = throttle.failed(float(now), SESSION_POLICY)
    assert throttle.wait_s(29.0) == SESSION_POLICY.max_delay_s


def test_sign_in_outcomes_on_a_fake_clock() -> None:
    session, process = Throttle(), Throttle()
    outcomes = []
    for now, password in [(0, "a"), (1, "b"), (2, "c"), (3, "secret"), (8, "secret")]:
        result = attempt_sign_in("Li Wei", password, "secret", session, process, float(now))
        session, process = result.session, result.process
        outcomes.append((result.outcome, result.wait_s))
    assert outcomes == [("wrong", 0.0), ("wrong", 0.0), ("wrong", 5.0), ("throttled", 4.0), ("ok", 0.0)]
    assert session == Throttle()  # success clears the session's count ...
    assert process.failures == 3  # ... but not the process-wide one


def test_a_new_session_does_not_escape_the_process_wide_count() -> None:
    """Guards against brute force by opening a fresh browser session for every guess."""
    process = Throttle()
    for now in range(PROCESS_POLICY.free_attempts):
        process = attempt_sign_in("x", "guess", "secret", Throttle(), process, float(now)).process
    result = attempt_sign_in("x", "secret", "secret", Throttle(), process, 20.0)
    assert (result.outcome, result.wait_s) == ("throttled", 4.0)


@pytest.mark.parametrize(
    ("name", "password", "configured", "outcome"),
    [
        ("Li", "x", "", "not_configured"),
        ("  ", "secret", "secret", "no_name"),
        ("Li", "secret", "secret", "ok"),
    ],
)
def test_sign_in_needs_a_password_and_a_name(name: str, password: str, configured: str, outcome: str) -> None:
    result = attempt_sign_in(name, password, configured, Throttle(), Throttle(), 0.0)
    assert result.outcome == outcome


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  Li Wei  ", "Li Wei"), ("a\x00b\nc", "abc"), ("x" * 100, "x" * 60), ("王芳", "王芳")],
)
def test_author_names_are_cleaned(raw: str, clean: str) -> None:
    assert clean_author(raw) == clean
