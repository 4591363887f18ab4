"""The pages on a PostGIS catalogue (AppTest): fresh after a publish elsewhere, calm when it is down."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from ecosites import state
from ecosites.pgstore import PostgisCatalogStore
from tests.app.conftest import markdown_text, run_app, shown_site_ids
from tests.app.test_staff_app import PASSWORD, app, staff_page, texts, upload
from tests.conftest import make_site

pytestmark = pytest.mark.postgis


def unescaped(elements: Any) -> str:
    """The elements' text joined, with Markdown backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", " ".join(e.value for e in elements))


@pytest.fixture
def database(pg_url: str) -> PostgisCatalogStore:
    store = PostgisCatalogStore(pg_url)
    store.init_schema()
    store.publish([make_site(id="db-lake", name_en="Database Lake"), make_site(id="db-hill")],
                  author="Li Wei", expected_sha256=store.current_sha256())
    return store


@pytest.mark.usefixtures("database")
def test_a_publish_on_another_replica_shows_on_the_next_rerun(
    pg_url: str, app_env: Callable[..., None]
) -> None:
    app_env(database_url=pg_url)
    at = run_app()
    assert not at.exception
    assert "2 of 2 sites" in markdown_text(at)
    assert sorted(shown_site_ids(at)) == ["db-hill", "db-lake"]
    other_replica = PostgisCatalogStore(pg_url)
    other_replica.publish([*other_replica.snapshot().features, make_site(id="db-new")], author="Wang Fang",
                          expected_sha256=other_replica.current_sha256())
    at.run()
    assert "3 of 3 sites" in markdown_text(at)
    assert "db-new" in shown_site_ids(at)


@pytest.mark.usefixtures("database")
def test_when_the_database_fails_the_last_catalogue_is_shown_as_possibly_out_of_date(
    pg_url: str, app_env: Callable[..., None]
) -> None:
    app_env(database_url=pg_url)
    at = run_app()
    assert "2 of 2 sites" in markdown_text(at)
    with psycopg.connect(pg_url) as connection:
        connection.execute("ALTER TABLE head RENAME TO head_away")  # the store can no longer answer
    at.run()
    assert not at.exception
    assert "may be out of date" in " ".join(w.value for w in at.warning)
    assert "2 of 2 sites" in markdown_text(at)


def test_with_no_catalogue_read_yet_the_page_says_it_is_unavailable(app_env: Callable[..., None]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app_env(database_url=f"postgresql://ecosites:pw-not-shown@127.0.0.1:{port}/catalogue")
    at = run_app({"lang": "zh"})
    assert not at.exception
    errors = unescaped(at.error)
    assert errors.startswith("示范点目录暂时无法使用")
    assert f"127.0.0.1:{port}" in errors
    assert "pw-not-shown" not in errors


def test_staff_publish_goes_to_the_database_and_a_stale_preview_is_told_who_won(
    database: PostgisCatalogStore, pg_url: str, app_env: Callable[..., None]
) -> None:
    """The upload waits for "preview again" after the conflict (it used to be re-previewed unasked)."""
    app_env(database_url=pg_url, staff_password=PASSWORD)
    at = staff_page()
    upload(at, "mine.geojson", make_site(id="mine", lon=106.9))
    other_replica = PostgisCatalogStore(pg_url)
    other_replica.publish([*other_replica.snapshot().features, make_site(id="theirs")],
                          author="Wang Fang", expected_sha256=other_replica.current_sha256())
    at.button(key="staff.publish").click().run()
    assert texts(at.error)[0].startswith("Not published: someone else published after your preview")
    winner = database.history()[-1]
    assert texts(at.warning)[0].startswith(
        f"Version 2 by Wang Fang at {winner.time} (UTC) is the catalogue now.")
    at.button(key=state.STAFF_UPLOAD_PREVIEW_AGAIN).click().run()
    at.button(key="staff.publish").click().run()
    assert [f["properties"]["id"] for f in database.snapshot().features] == [
        "db-lake", "db-hill", "theirs", "mine"]
    assert [v.author for v in database.history()] == ["Li Wei", "Wang Fang", "Li Wei"]


@pytest.mark.usefixtures("database")
def test_the_staff_page_stops_plainly_when_the_database_fails(
    pg_url: str, app_env: Callable[..., None]
) -> None:
    app_env(database_url=pg_url, staff_password=PASSWORD)
    staff_page()
    with psycopg.connect(pg_url) as connection:
        connection.execute("ALTER TABLE head RENAME TO head_away")
    at = app(signed_in=True)
    at.switch_page("pages/staff.py").run()
    assert not at.exception
    assert unescaped(at.error).startswith("The catalogue cannot be changed right now: the catalogue "
                                          "database at 127.0.0.1")
