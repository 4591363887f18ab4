"""Shared test builders: sites as GeoJSON features, catalogue directories."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import uuid
from collections.abc import Generator, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from pluggy import Result

REPO = Path(__file__).resolve().parent.parent
PG_CLUSTER_SCRIPT = REPO / "scripts" / "pg-test-cluster.sh"
TEST_DATABASE_URL = "ECOSITES_TEST_DATABASE_URL"


class Clock:
    """A fake UTC clock that moves a minute per reading."""

    def __init__(self) -> None:
        self.now = datetime(2025, 7, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


class FakeClock:
    """Seconds (the sign-in throttle's clock) that move only when a test says so, or when the code waits."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the wait and move the clock past it, instead of waiting."""
        self.slept.append(seconds)
        self.now += seconds


def make_site(**overrides: Any) -> dict[str, Any]:
    """A valid GeoJSON Feature for one site; keyword arguments override properties.

    ``geometry=`` replaces the geometry; ``lon=``/``lat=`` move the point.
    """
    lon = overrides.pop("lon", 106.63)
    lat = overrides.pop("lat", 26.64)
    geometry = overrides.pop("geometry", {"type": "Point", "coordinates": [lon, lat]})
    properties: dict[str, Any] = {
        "id": "test-site",
        "name_en": "Test Site",
        "name_zh": "测试点",
        "category": "urban-restoration",
        "highlight_en": "A site made for tests.",
        "highlight_zh": "测试用示范点。",
        "district": "Guanshanhu",
        "address_en": "",
        "address_zh": "",
        "tags": ["park"],
        "facts": [{"en": "12 bird species", "zh": "12 种鸟类", "source": "test-source"}],
        "hours": "09:00-17:00",
        "last_entry": None,
        "closed_weekdays": ["mon"],
        "fee": 0,
        "fee_note_en": "",
        "fee_note_zh": "",
        "visit_minutes": None,
        "website": None,
        "phone": None,
        "sources": [{"id": "test-source", "title": "Test fixture", "url": None,
                     "fields": ["facts", "hours", "fee"]}],
        "coordinate_accuracy_m": 1000,
        "coordinate_source": "approximate: test fixture",
        "unverified": [],
        "accessibility_en": "",
        "accessibility_zh": "",
        "group_suitable": None,
        "guide_languages": [],
        "status": None,
        "status_note_en": "",
        "status_note_zh": "",
        "transit": None,
        "parts": [],
        "dated_values": [],
        "media": [],
    }
    properties.update(overrides)
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap features in a FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def write_catalog(directory: Path, features: list[dict[str, Any]],
                  name: str = "sites.geojson") -> Path:
    """Write a catalogue file of ``features`` into ``directory``; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(feature_collection(features), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its lowest cost, for tests of the sign-in policy rather than of the hash's strength."""
    from argon2 import PasswordHasher

    from ecosites import staffauth

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(staffauth, "_hasher", lambda: cheap)
    monkeypatch.setattr(staffauth, "_dummy_hash", lambda: staffauth.hash_password("no such account"))


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """An empty catalogue directory."""
    directory = tmp_path / "geodata"
    directory.mkdir()
    return directory


def make_stop(**overrides: Any) -> Any:
    """A planner ``StopInfo`` built from ``make_site`` properties (same overrides, lon/lat too)."""
    from ecosites.planning.stops import StopInfo

    feature = make_site(**overrides)
    lon, lat = feature["geometry"]["coordinates"][:2]
    return StopInfo.from_row({**feature["properties"], "lon": lon, "lat": lat})


def stops_by_id(*stops: Any) -> dict[str, Any]:
    """Planner stops keyed by id, the way ``plan_visit`` looks them up."""
    return {s.id: s for s in stops}


def notice_codes(notices: Sequence[Any]) -> list[str]:
    """The codes of planner notices, in order."""
    return [n.code for n in notices]


@pytest.fixture(autouse=True)
def _no_database_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use the file store unless they ask for PostGIS (a developer's shell may set it)."""
    monkeypatch.delenv("ECOSITES_DATABASE_URL", raising=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, Result[pytest.TestReport], None]:
    """Under CI=true a skipped PostGIS test fails: CI must prove the database store."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true" and item.get_closest_marker("postgis"):
        report.outcome = "failed"
        report.longrepr = f"a PostGIS test was skipped under CI=true: {report.longrepr}"


@pytest.fixture(scope="session")
def postgis_server() -> Iterator[str]:
    """URL of a PostgreSQL server with PostGIS: $ECOSITES_TEST_DATABASE_URL, else a throw-away cluster.

    scripts/test-all.sh starts the cluster (installing PostGIS when missing) and sets the
    variable; a plain ``pytest`` starts one itself when PostgreSQL and PostGIS are installed.
    """
    url = os.environ.get(TEST_DATABASE_URL)
    if url:
        yield url
        return
    started = subprocess.run(["bash", str(PG_CLUSTER_SCRIPT), "start"], capture_output=True,
                             text=True, check=False)
    if started.returncode != 0 or not started.stdout.strip():
        pytest.skip(f"no PostgreSQL test server (bash {PG_CLUSTER_SCRIPT.name} install): "
                    f"{started.stderr.strip()[-300:]}")
    directory, url = started.stdout.split()
    try:
        yield url
    finally:
        subprocess.run(["bash", str(PG_CLUSTER_SCRIPT), "stop", directory], check=False)


@contextlib.contextmanager
def fresh_schema(server_url: str) -> Iterator[str]:
    """A URL whose tables land in a new schema of their own, dropped afterwards."""
    import psycopg

    schema_name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        for extension in ("postgis", "pg_trgm", "intarray"):  # one per database, not per schema
            connection.execute(f"CREATE EXTENSION IF NOT EXISTS {extension} SCHEMA public")
        connection.execute(f"CREATE SCHEMA {schema_name}")
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options={quote(f'-csearch_path={schema_name},public')}"
    finally:
        from ecosites.pgstore import close_pools

        close_pools()
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema_name} CASCADE")


@pytest.fixture
def pg_url(postgis_server: str) -> Iterator[str]:
    """A database URL on an empty schema of this test's own."""
    with fresh_schema(postgis_server) as url:
        yield url
