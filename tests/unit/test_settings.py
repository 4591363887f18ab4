"""Settings: one default per setting, bad values fall back with a message."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ecosites.paths import BUNDLED_GEODATA
from ecosites.settings import (
    DEFAULT_MAP_BROWSER_LIMIT,
    DEFAULT_MAP_MARKER_LIMIT,
    DEFAULT_MAX_FEATURES,
    DEFAULT_MAX_UPLOAD_MB,
    Settings,
    load_settings,
    local_now,
)
from ecosites.validate import Limits


def test_nothing_set_gives_the_documented_defaults() -> None:
    settings = load_settings({}, {})
    assert settings == Settings()
    assert (settings.geodata_dir, settings.max_upload_mb, settings.max_features,
            settings.map_marker_limit) == (BUNDLED_GEODATA, 10.0, 20_000, 20_000)


def test_upload_limits_default_to_the_settings_defaults() -> None:
    """Guards against the validator's limits drifting from the settings' defaults."""
    assert Limits() == Limits.from_settings(DEFAULT_MAX_UPLOAD_MB, DEFAULT_MAX_FEATURES)


@pytest.mark.parametrize(
    ("environ", "field", "value", "problems"),
    [
        ({"ECOSITES_MAX_UPLOAD_MB": "2.5"}, "max_upload_mb", 2.5, 0),
        ({"ECOSITES_MAX_UPLOAD_MB": "-1"}, "max_upload_mb", DEFAULT_MAX_UPLOAD_MB, 1),
        ({"ECOSITES_MAX_FEATURES": "many"}, "max_features", DEFAULT_MAX_FEATURES, 1),
        ({"ECOSITES_MAP_MARKER_LIMIT": "500"}, "map_marker_limit", 500, 0),
        ({"ECOSITES_MAP_MARKER_LIMIT": "0"}, "map_marker_limit", DEFAULT_MAP_MARKER_LIMIT, 1),
        ({"ECOSITES_MAP_BROWSER_LIMIT": "1"}, "map_browser_limit", 1, 0),
        ({"ECOSITES_MAP_BROWSER_LIMIT": "-5"}, "map_browser_limit", DEFAULT_MAP_BROWSER_LIMIT, 1),
        ({}, "map_browser_limit", 250_000, 0),
    ],
)
def test_numbers_from_the_environment(environ: dict[str, str], field: str, value: float,
                                      problems: int) -> None:
    settings = load_settings({}, environ)
    assert getattr(settings, field) == value
    assert len(settings.problems) == problems


@pytest.mark.parametrize(
    ("secrets", "environ", "proxies"),
    [
        ({}, {}, ()),
        ({}, {"ECOSITES_TRUSTED_PROXIES": "127.0.0.1"}, ("127.0.0.1",)),
        ({}, {"ECOSITES_TRUSTED_PROXIES": " 10.0.0.2 , 10.0.0.3,"}, ("10.0.0.2", "10.0.0.3")),
        ({"trusted_proxies": "::1"}, {}, ("::1",)),
    ],
)
def test_trusted_proxies_are_a_comma_separated_list(
    secrets: dict[str, str], environ: dict[str, str], proxies: tuple[str, ...]
) -> None:
    """Only these proxies' X-Forwarded-For names the client for the sign-in throttle."""
    settings = load_settings(secrets, environ)
    assert (settings.trusted_proxies, settings.problems) == (proxies, ())


@pytest.mark.parametrize(("raw", "expected", "problems"), [
    ("", None, 0),
    ("2026-12-02T10:00", "2026-12-02T10:00:00+08:00", 0),
    ("2026-12-02T02:00+00:00", "2026-12-02T02:00:00+00:00", 0),
    ("tomorrow", None, 1),
])
def test_a_fixed_clock_for_tests(raw: str, expected: str | None, problems: int) -> None:
    """ECOSITES_NOW fixes "now" for open-now (Guiyang time without an offset); bad text is said."""
    settings = load_settings({}, {"ECOSITES_NOW": raw})
    shown = settings.fixed_now.isoformat() if settings.fixed_now else None
    assert shown == expected
    assert len(settings.problems) == problems


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-12-02T10:00", "2026-12-02T10:00:00+08:00"),
    ("2026-12-02T17:30+00:00", "2026-12-03T01:30:00+08:00"),  # already tomorrow in Guiyang
])
def test_local_now_is_guiyangs_wall_clock(raw: str, expected: str) -> None:
    """The one clock: the fixed moment on Guiyang's wall clock, so its date is Guiyang's day."""
    assert local_now(load_settings({}, {"ECOSITES_NOW": raw})).isoformat() == expected


def test_local_now_without_a_fixed_moment_is_in_guiyang() -> None:
    assert local_now(Settings()).utcoffset() == timedelta(hours=8)
