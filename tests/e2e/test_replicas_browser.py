"""Two ``streamlit run`` replicas on one PostGIS catalogue, in a real browser.

A publish on one replica shows on a fresh page of the other; a publisher from a stale
preview is told who won; wrong passwords spread over both replicas count in one throttle.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecosites.pgstore import PostgisCatalogStore
from ecosites.staffauth import account_key, client_key, hash_password
from tests.conftest import feature_collection, fresh_schema, make_site
from tests.e2e.conftest import Server, open_app, start_server, stop_server, wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.postgis]

PASSWORD = "replica staff password"
SIGNIN_NAME = "Account name (recorded with every change)"


@pytest.fixture(scope="module")
def database_url(postgis_server: str) -> Iterator[str]:
    """One schema for the module's two replicas, holding one site as version 1."""
    with fresh_schema(postgis_server) as url:
        store = PostgisCatalogStore(url)
        store.init_schema()
        store.publish([make_site(id="existing-site", name_en="Existing Site", lon=106.45, lat=26.45)],
                      author="setup", expected_sha256=store.current_sha256())
        for account in ("Replica Tester", "Second Publisher"):
            store.set_staff_account(account, hash_password(PASSWORD))
        yield url


@pytest.fixture(scope="module")
def replicas(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    """Two servers with the same ECOSITES_DATABASE_URL (what a load balancer would stand in front of)."""
    env = {"ECOSITES_DATABASE_URL": database_url}
    started: list[Server] = []
    try:
        for _ in range(2):
            started.append(start_server(env, tmp_path_factory.mktemp("replica")))
        yield started
    finally:
        for running in started:
            stop_server(running)


def sign_in(page: Any, server: Server, name: str, password: str) -> None:
    open_app(page, server, "staff_signin")
    page.get_by_label(SIGNIN_NAME).fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def upload(page: Any, path: Path, site_id: str, name_en: str) -> None:
    path.write_text(json.dumps(feature_collection([make_site(id=site_id, name_en=name_en, lon=107.0,
                                                                lat=27.0)])), encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("1 added · 0 changed").wait_for()
    wait_for_app(page)


def test_a_publish_on_one_replica_shows_on_a_fresh_page_of_the_other(
    page: Any, browser: Any, replicas: list[Server], tmp_path: Path
) -> None:
    sign_in(page, replicas[0], "Replica Tester", PASSWORD)
    page.get_by_role("heading", name="Staff: add and correct sites").wait_for()
    upload(page, tmp_path / "first.geojson", "replica-wetland", "Replica Wetland")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published version 2").wait_for()

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US").new_page()
    open_app(other, replicas[1])
    other.get_by_text("2 of 2 sites").wait_for()
    other.context.close()


def test_a_stale_preview_on_the_other_replica_is_told_who_won(
    page: Any, replicas: list[Server], database_url: str, tmp_path: Path
) -> None:
    sign_in(page, replicas[1], "Second Publisher", PASSWORD)
    page.get_by_role("heading", name="Staff: add and correct sites").wait_for()
    upload(page, tmp_path / "second.geojson", "stale-site", "Stale Site")
    elsewhere = PostgisCatalogStore(database_url)
    winner = elsewhere.publish([*elsewhere.snapshot().features, make_site(id="meanwhile")],
                               author="Wang Fang", expected_sha256=elsewhere.current_sha256())
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text(f"Version {winner.number} by Wang Fang at {winner.time} (UTC) is the catalogue now.",
                     exact=False).wait_for()
    assert "stale-site" not in [f["properties"]["id"] for f in elsewhere.snapshot().features]


def test_wrong_passwords_over_both_replicas_count_in_one_throttle(
    browser: Any, replicas: list[Server], database_url: str
) -> None:
    """Guards against N replicas allowing N times the guesses."""
    for attempt in range(3):
        # A new browser session each time: the per-session count must not be what stops them.
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        sign_in(page, replicas[attempt % 2], "Guesser", f"wrong guess {attempt}")
        page.get_by_text("Wrong account name or password").wait_for()
        if attempt == 2:  # the third failure over both replicas makes this client wait
            page.get_by_text("Too many failed attempts. Try again in 5 seconds.").wait_for()
        context.close()
    database = PostgisCatalogStore(database_url)
    shared = database.update_throttle(account_key("Guesser"), lambda throttle: throttle)
    pair = database.update_throttle(client_key("Guesser", "127.0.0.1"), lambda throttle: throttle)
    assert (shared.failures, pair.failures) == (3, 3)
