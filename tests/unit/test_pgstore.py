"""The PostGIS store beyond the shared contract: schema, spatial table, NOTIFY, the db command, messages."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import psycopg
import pytest

from ecosites.__main__ import main
from ecosites.pgstore import NOTIFY_CHANNEL, Migration, PostgisCatalogStore, ordered_feature
from ecosites.settings import load_settings
from ecosites.store import FileCatalogStore, StoreError, open_store
from tests.conftest import Clock, feature_collection, make_site, write_catalog

pytestmark = pytest.mark.postgis


@pytest.fixture
def store(pg_url: str) -> PostgisCatalogStore:
    database = PostgisCatalogStore(pg_url, clock=Clock())
    database.init_schema()
    return database


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_init_applies_each_migration_once(pg_url: str) -> None:
    database = PostgisCatalogStore(pg_url)
    assert database.schema_version() == 0
    assert database.init_schema() == ["001_catalogue.sql", "002_throttle.sql", "003_reports.sql",
                                      "004_staff_accounts.sql", "005_site_markers.sql",
                                      "006_version_chunks.sql", "007_marker_search.sql"]
    assert (database.init_schema(), database.schema_version()) == ([], 7)


def test_current_sites_have_a_4326_geometry_with_a_gist_index(
    store: PostgisCatalogStore, pg_url: str
) -> None:
    sites = [make_site(id="lake", lon=106.63, lat=26.64), make_site(id="hill", lon=106.70, lat=26.50)]
    store.publish(sites, author="a", expected_sha256=store.current_sha256())
    with psycopg.connect(pg_url) as connection:
        column = connection.execute(
            "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'sites'").fetchone()
        index = connection.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'sites' "
                                   "AND indexname = 'sites_geom'").fetchone()
        in_box = connection.execute(
            "SELECT id FROM sites WHERE geom && ST_MakeEnvelope(106.6, 26.6, 106.65, 26.7, 4326)").fetchall()
    assert column == ("GEOMETRY", 4326)
    assert index is not None
    assert "USING gist (geom)" in index[0]
    assert in_box == [("lake",)]


def test_view_queries_read_marker_rows_indexed_by_point_category_district_and_tags(
    store: PostgisCatalogStore, pg_url: str
) -> None:
    store.publish([make_site(id="lake", lon=106.63, lat=26.64, tags=["lake", "park"], district=None)],
                  author="a", expected_sha256=store.current_sha256())
    with psycopg.connect(pg_url) as connection:
        indexes: dict[str, str] = dict(connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'site_markers'").fetchall())
        row = connection.execute("SELECT id, lon, lat, ST_AsText(point), category, district, tags, "
                                 "name_en, name_zh FROM site_markers").fetchall()
    assert ["USING gist (point)" in indexes["site_markers_point"],
            "(category)" in indexes["site_markers_category"],
            "(district)" in indexes["site_markers_district"],
            "USING gin (tags)" in indexes["site_markers_tags"]] == [True] * 4
    assert row == [("lake", 106.63, 26.64, "POINT(106.63 26.64)", "urban-restoration", None,
                    ["lake", "park"], "Test Site", "测试点")]


def test_versions_are_append_only(store: PostgisCatalogStore, pg_url: str) -> None:
    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    with psycopg.connect(pg_url) as connection, pytest.raises(psycopg.Error, match="append-only"):
        connection.execute("UPDATE versions SET author = 'someone else'")
    assert [v.author for v in store.history()] == ["a"]


def test_a_publish_notifies_listeners_on_commit(store: PostgisCatalogStore, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        version = store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
        received = [n.payload for n in listener.notifies(timeout=30, stop_after=1)]
    assert received == [str(version.number)]


def test_features_come_back_in_file_key_order(store: PostgisCatalogStore) -> None:
    """Guards against jsonb's length-sorted keys reshuffling dumped files and staff diffs."""
    site = make_site(id="a")
    store.publish([site], author="a", expected_sha256=store.current_sha256())
    feature = store.snapshot().features[0]
    assert list(feature) == list(site)
    assert list(feature["properties"]) == list(site["properties"])
    assert ordered_feature({"properties": {"zz": 1, "id": "x"}, "type": "Feature"}) == {
        "type": "Feature", "properties": {"id": "x", "zz": 1}}


def test_a_damaged_current_version_is_reported_not_merged(store: PostgisCatalogStore, pg_url: str) -> None:
    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    with psycopg.connect(pg_url) as connection:
        connection.execute("SET session_replication_role = replica")
        connection.execute("UPDATE version_features SET features = '[]'::jsonb")
    snapshot = store.snapshot()
    assert snapshot.features == []
    assert "does not match its recorded SHA-256" in snapshot.problem


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql://ecosites:s3cret-pw@127.0.0.1:{port}/catalogue",
         "the catalogue database at 127.0.0.1:{port} (database catalogue) cannot be reached"),
        ("not a url", "ECOSITES_DATABASE_URL is not a PostgreSQL URL"),
    ],
)
def test_an_unreachable_database_is_one_plain_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, words: str
) -> None:
    port = closed_port()
    monkeypatch.setenv("ECOSITES_DATABASE_URL", url.format(port=port))
    for command in (["history"], ["db", "init"], ["search", "lake"]):
        assert main(command) == 1
        captured = capsys.readouterr()
        assert captured.err.startswith("error: " + words.format(port=port)), captured
        assert "s3cret-pw" not in captured.err + captured.out
        assert "Traceback" not in captured.err


def test_an_unknown_user_is_told_apart_from_an_unreachable_server(pg_url: str) -> None:
    with pytest.raises(StoreError, match=r"refused the user name or password \(role \"nobody\""):
        PostgisCatalogStore(pg_url.replace("postgres@", "nobody:pw@")).history()


def test_a_database_without_postgis_says_so(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stands in for a server without the PostGIS package: an extension that is not installed."""
    missing = Migration(1, "001_catalogue.sql", "CREATE EXTENSION IF NOT EXISTS postgis_not_installed_here;")
    monkeypatch.setattr("ecosites.pgstore.migrate.migrations", lambda: [missing])
    with pytest.raises(StoreError, match=r"PostGIS is not installed on the database server at 127\.0\.0\.1"):
        PostgisCatalogStore(pg_url).init_schema()


def test_before_db_init_the_store_says_what_to_run(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no catalogue tables yet: run 'python -m ecosites db init'"):
        PostgisCatalogStore(pg_url).snapshot()


def test_the_setting_chooses_the_store_and_is_never_printed(pg_url: str, catalog_dir: Path) -> None:
    settings = load_settings({"database_url": pg_url}, {"ECOSITES_GEODATA": str(catalog_dir)})
    chosen = open_store(settings)
    assert isinstance(chosen, PostgisCatalogStore)
    assert chosen.reference_dir == catalog_dir
    secret = load_settings({}, {"ECOSITES_DATABASE_URL": "postgresql://u:hidden-pw@db:5432/x"})
    assert secret.database_url.endswith("/x")
    assert "hidden-pw" not in repr(secret)
    assert open_store(secret).location == "the catalogue database at db:5432 (database x)"


def test_db_without_a_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "init"]) == 2
    assert "set ECOSITES_DATABASE_URL" in capsys.readouterr().out


@pytest.fixture
def file_catalogue_with_history(catalog_dir: Path) -> Path:
    """A file catalogue as staff intake leaves it: a bundled file, two publishes, an audit log."""
    write_catalog(catalog_dir, [make_site(id="bundled")])
    files = FileCatalogStore(catalog_dir, clock=Clock())
    files.record("Li Wei", "sign-in")
    files.publish([make_site(id="bundled"), make_site(id="added")], author="Li Wei",
                  expected_sha256=files.current_sha256(), note="1 added")
    files.publish([make_site(id="added")], author="Wang Fang", expected_sha256=files.current_sha256(),
                  note="1 removed")
    return catalog_dir


def test_db_load_keeps_the_file_history_and_dump_writes_it_back(
    file_catalogue_with_history: Path, pg_url: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = FileCatalogStore(file_catalogue_with_history)
    monkeypatch.setenv("ECOSITES_DATABASE_URL", pg_url)
    assert main(["db", "load", str(file_catalogue_with_history)]) == 0
    assert "loaded 3 version(s) and 3 audit entries" in capsys.readouterr().out
    database = PostgisCatalogStore(pg_url)
    summary = [(v.number, v.time, v.author, v.action, v.site_count, v.note) for v in database.history()]
    assert summary == [(v.number, v.time, v.author, v.action, v.site_count, v.note) for v in files.history()]
    assert database.snapshot().features == files.snapshot().features
    assert [e["action"] for e in database.audit_entries()] == ["sign-in", "publish", "publish", "load"]

    assert main(["db", "load", str(file_catalogue_with_history)]) == 2
    assert "already holds a catalogue" in capsys.readouterr().out
    assert main(["db", "load", "--if-empty", str(file_catalogue_with_history)]) == 0  # compose's init
    assert len(database.history()) == 3

    dumped = tmp_path / "dumped"
    assert main(["db", "dump", str(dumped)]) == 0
    copy = FileCatalogStore(dumped)
    assert [(v.number, v.author, v.note) for v in copy.history()] == [
        (v.number, v.author, v.note) for v in files.history()]
    assert copy.snapshot().features == files.snapshot().features
    assert sorted(p.name for p in dumped.iterdir()) == [
        ".audit.jsonl", ".versions", "categories.json", "sites.geojson", "tags.json"]
    assert [f["properties"]["id"] for f in json.loads(
        copy.version_bytes(1))["features"]] == ["bundled"]
    copy.rollback(1, author="check")  # the file store verifies the dumped SHA-256s
    assert main(["db", "dump", str(dumped)]) == 2


def test_commands_use_the_database_when_it_is_configured(
    store: PostgisCatalogStore, pg_url: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ECOSITES_DATABASE_URL", pg_url)
    upload = tmp_path / "new.geojson"
    upload.write_text(json.dumps(feature_collection([make_site(id="db-lake", name_en="Database Lake")])))
    assert main(["import", "--author", "Li Wei", str(upload)]) == 0
    assert "published version 1 to the catalogue database at 127.0.0.1" in capsys.readouterr().out
    assert main(["search", "database", "lake"]) == 0
    assert capsys.readouterr().out.split("\t")[0] == "db-lake"
    assert main(["history"]) == 0
    assert "Li Wei" in capsys.readouterr().out
    assert main(["rollback", "1"]) == 0
    assert [v.action for v in store.history()] == ["publish", "rollback"]


def test_session_threads_share_one_pool_of_connections(store: PostgisCatalogStore, pg_url: str) -> None:
    """Guards against a connection per call (tens of ms each) or per thread (too many for the server)."""
    from concurrent.futures import ThreadPoolExecutor

    from ecosites.pgstore.connection import CONNECT_TIMEOUT_S, POOL_MAX_CONNECTIONS, _pool

    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    with ThreadPoolExecutor(max_workers=16) as threads:
        tokens = list(threads.map(lambda _: PostgisCatalogStore(pg_url).change_token(), range(200)))
    opened = _pool(pg_url, CONNECT_TIMEOUT_S).get_stats().get("connections_num", 0)
    assert (set(tokens), 1 <= opened <= POOL_MAX_CONNECTIONS) == ({"version 1"}, True)


def test_a_connection_the_server_dropped_is_replaced(store: PostgisCatalogStore, pg_url: str) -> None:
    """Guards against a pooled connection killed by a server restart failing the next rerun."""
    from ecosites.pgstore.connection import CONNECT_TIMEOUT_S, _pool

    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    with _pool(pg_url, CONNECT_TIMEOUT_S).connection() as connection:
        row = connection.execute("SELECT pg_backend_pid()").fetchone()
    with psycopg.connect(pg_url, autocommit=True) as connection:  # only this test's own connection
        connection.execute("SELECT pg_terminate_backend(%s)", (row[0] if row else 0,))
    assert store.head_number() == 1
