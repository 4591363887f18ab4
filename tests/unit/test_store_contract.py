"""One contract, two stores: the file store and the PostGIS store pass the same tests.

Publish, stale-preview conflict, rollback, history, audit log (and what a publish says
when its audit line cannot be written), a process killed mid-publish, a damaged version,
two racing ``import`` processes, staff accounts and the sign-in throttle's policy, and
view queries (markers in bounds by filters and text, counts per grid cell beyond a limit).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest

from ecosites.__main__ import main
from ecosites.filters import Criteria
from ecosites.sitequery import Bounds, SiteQuery
from ecosites.staffauth import (
    ACCOUNT_POLICY,
    CLIENT_POLICY,
    FORGET_AFTER_S,
    SignIn,
    Throttle,
    attempt_sign_in,
    client_key,
    hash_password,
)
from ecosites.store import (
    AUDIT_FILE,
    CatalogConflict,
    CatalogStore,
    FileCatalogStore,
    NotRecorded,
    StoreError,
    sha256_hex,
)
from tests.conftest import REPO, Clock, FakeClock, feature_collection, make_site


@dataclass
class StoreKit:
    """How to open, damage and name one kind of store in the tests."""

    kind: str  # 'files' or 'postgis'
    location: str  # the catalogue directory, or the database URL
    env: dict[str, str]  # what a command needs to use this store

    def open(self, clock: Callable[[], datetime] | None = None) -> CatalogStore:
        """A store on the kit's location (each call a new one, as in another process)."""
        if self.kind == "files":
            return FileCatalogStore(Path(self.location), clock=clock or Clock())
        from ecosites.pgstore import PostgisCatalogStore

        return PostgisCatalogStore(self.location, clock=clock or Clock())

    def damage_version(self, number: int) -> None:
        """Change a stored version behind the store's back (disk or row corruption)."""
        if self.kind == "files":
            store = FileCatalogStore(Path(self.location))
            store.version_path(number).write_text(json.dumps(feature_collection([make_site(id="forged")])))
            return
        import psycopg

        with psycopg.connect(self.location) as connection:
            connection.execute("SET session_replication_role = replica")  # past the append-only trigger
            connection.execute("UPDATE version_features SET features = %s::jsonb WHERE version = %s",
                               (json.dumps([make_site(id="forged")]), number))

    def break_audit(self) -> None:
        """Make the audit log refuse every new line (a full disk, a revoked grant)."""
        if self.kind == "files":
            log = Path(self.location) / AUDIT_FILE
            if log.exists():
                log.rename(log.with_name(log.name + ".saved"))
            log.mkdir()  # appending to a directory fails like a full disk
            return
        import psycopg

        with psycopg.connect(self.location) as connection:
            connection.execute(
                "CREATE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$")
            connection.execute("CREATE TRIGGER audit_refused BEFORE INSERT ON audit "
                               "FOR EACH ROW EXECUTE FUNCTION audit_refused()")


@pytest.fixture(params=["files", pytest.param("postgis", marks=pytest.mark.postgis)])
def kit(request: pytest.FixtureRequest, tmp_path: Path) -> StoreKit:
    """An empty catalogue of each kind."""
    if request.param == "files":
        directory = tmp_path / "geodata"
        directory.mkdir()
        return StoreKit("files", str(directory), {"ECOSITES_GEODATA": str(directory)})
    from ecosites.pgstore import PostgisCatalogStore

    url = request.getfixturevalue("pg_url")
    PostgisCatalogStore(url).init_schema()
    return StoreKit("postgis", url, {"ECOSITES_DATABASE_URL": url})


def site_ids(store: CatalogStore) -> list[str]:
    return [f["properties"]["id"] for f in store.snapshot().features]


def test_an_empty_store_has_no_versions_and_the_empty_sha(kit: StoreKit) -> None:
    store = kit.open()
    assert (store.history(), site_ids(store), store.current_sha256()) == ([], [], sha256_hex(None))


def test_a_publish_becomes_the_current_version(kit: StoreKit) -> None:
    store = kit.open()
    version = store.publish([make_site(id="a"), make_site(id="b")], author="Li Wei",
                            expected_sha256=store.current_sha256(), note="two sites")
    assert (version.number, version.author, version.action, version.site_count, version.note) == (
        1, "Li Wei", "publish", 2, "two sites")
    assert version.time == "2025-07-05T09:01:00+00:00"
    assert site_ids(kit.open()) == ["a", "b"]
    assert store.current_sha256() == store.snapshot().sha256 == version.sha256
    assert store.history() == [version]


def test_the_catalogue_read_for_pages_follows_the_change_token(kit: StoreKit) -> None:
    store = kit.open()
    before = store.change_token()
    assert store.change_token() == before  # nothing changed: the app keeps its cached catalogue
    store.publish([make_site(id="a", name_en="Lake")], author="a", expected_sha256=store.current_sha256())
    assert kit.open().change_token() != before
    catalog = kit.open().read_catalog()
    assert (list(catalog.sites.index), catalog.sites.loc["a", "name_en"], catalog.problems) == (
        ["a"], "Lake", [])
    assert [c.slug for c in catalog.categories][:1] == ["urban-restoration"]


def test_a_stale_preview_is_refused_and_names_who_won(kit: StoreKit) -> None:
    """Guards against a lost update: someone published between this preview and publish."""
    mine, theirs = kit.open(), kit.open()
    previewed = mine.current_sha256()
    theirs.publish([make_site(id="theirs")], author="Wang Fang", expected_sha256=previewed)
    with pytest.raises(CatalogConflict) as raised:
        mine.publish([make_site(id="mine")], author="me", expected_sha256=previewed)
    assert "version 1 was published by Wang Fang at 2025-07-05T09:01:00+00:00" in str(raised.value)
    assert raised.value.winner is not None
    assert raised.value.winner.number == 1
    assert site_ids(mine) == ["theirs"]
    assert [v.author for v in mine.history()] == ["Wang Fang"]


def test_rollback_publishes_the_earlier_content_as_a_new_version(kit: StoreKit) -> None:
    store = kit.open()
    first = store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    store.publish([make_site(id="b")], author="b", expected_sha256=store.current_sha256())
    version = store.rollback(1, author="c", expected_sha256=store.current_sha256())
    assert (version.number, version.action, version.note, version.author) == (
        3, "rollback", "rolled back to version 1", "c")
    assert site_ids(store) == ["a"]
    assert version.sha256 == first.sha256 == store.current_sha256()
    assert [v.number for v in store.history()] == [1, 2, 3]


def test_rollback_from_a_stale_view_is_a_conflict(kit: StoreKit) -> None:
    store = kit.open()
    seen = store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256()).sha256
    store.publish([make_site(id="b")], author="b", expected_sha256=seen)
    with pytest.raises(CatalogConflict, match="version 2 was published by b"):
        store.rollback(1, author="c", expected_sha256=seen)
    assert site_ids(store) == ["b"]


@pytest.mark.parametrize("number", [0, 9])
def test_rollback_to_a_version_that_does_not_exist_is_refused(kit: StoreKit, number: int) -> None:
    store = kit.open()
    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    with pytest.raises(StoreError, match=f"there is no version {number}"):
        store.rollback(number, author="b")


def test_a_damaged_version_is_not_restored(kit: StoreKit) -> None:
    """Guards against restoring content that was changed after it was saved (disk or row damage)."""
    store = kit.open()
    store.publish([make_site(id="a")], author="a", expected_sha256=store.current_sha256())
    store.publish([make_site(id="b")], author="b", expected_sha256=store.current_sha256())
    kit.damage_version(1)
    with pytest.raises(StoreError, match="does not match its recorded SHA-256"):
        store.rollback(1, author="c")
    assert site_ids(store) == ["b"]
    assert len(store.history()) == 2


def test_the_audit_log_records_every_action_in_order(kit: StoreKit) -> None:
    store = kit.open()
    store.record("Li Wei", "sign-in")
    store.publish([make_site(id="x")], author="Li Wei", expected_sha256=store.current_sha256(), note="n")
    store.rollback(1, author="Li Wei")
    store.record("Li Wei", "sign-out")
    entries = kit.open().audit_entries()
    assert [(e["author"], e["action"], e.get("version")) for e in entries] == [
        ("Li Wei", "sign-in", None), ("Li Wei", "publish", 1), ("Li Wei", "rollback", 2),
        ("Li Wei", "sign-out", None)]
    assert entries[1]["note"] == "n"
    assert entries[1]["site_count"] == 1
    times = [e["time"] for e in entries]
    assert times == sorted(times)
    assert times[0] == "2025-07-05T09:01:00+00:00"


def test_failed_sign_ins_on_two_replicas_count_in_one_throttle(kit: StoreKit) -> None:
    """Guards against N replicas allowing N times the guesses (with files: N processes on one directory)."""
    replicas = (kit.open(), kit.open())
    for attempt in range(10):
        def fail(throttle: Throttle, now: float = 1000.0 + attempt) -> Throttle:
            return throttle.failed(now, CLIENT_POLICY)

        replicas[attempt % 2].update_throttle("staff", fail)
    shared = kit.open().update_throttle("staff", lambda throttle: throttle)
    assert (shared.failures, shared.last_failure) == (10, 1009.0)
    assert kit.open().update_throttle("other", lambda throttle: throttle).failures == 0


def test_staff_accounts_are_kept_by_the_store(kit: StoreKit) -> None:
    """Every store keeps the accounts, so sign-in works the same on files and on PostGIS."""
    first, second = kit.open(), kit.open()
    first.set_staff_account("Li Wei", "$argon2id$hash-1")
    first.set_staff_account("王芳", "$argon2id$hash-2")
    second.set_staff_account("Li Wei", "$argon2id$hash-3")  # a new password replaces the old
    assert kit.open().staff_accounts() == {"Li Wei": "$argon2id$hash-3", "王芳": "$argon2id$hash-2"}
    assert second.remove_staff_account("王芳") is True
    assert second.remove_staff_account("王芳") is False
    assert list(kit.open().staff_accounts()) == ["Li Wei"]


OWNER_PASSWORD = "correct horse battery staple"
OWNER_CLIENT = "203.0.113.7"


@pytest.mark.usefixtures("cheap_hashes")
def test_strangers_guessing_one_account_never_lock_its_owner_out(kit: StoreKit) -> None:
    """Guards against a lock-out through either store: the exact policy, counted where replicas share it."""
    kit.open().set_staff_account("Li Wei", hash_password(OWNER_PASSWORD))
    clock = FakeClock()

    def attempt(password: str, client: str) -> SignIn:  # each attempt on a new store: another session
        return attempt_sign_in(kit.open(), "Li Wei", password, client, "", clock, clock.sleep)

    # The owner's own address: the third failure costs 5 s, refused meanwhile even when right.
    assert [(r.outcome, r.wait_s) for r in (attempt(g, OWNER_CLIENT) for g in "abc")] == [
        ("wrong", 0.0), ("wrong", 0.0), ("wrong", CLIENT_POLICY.base_delay_s)]
    assert attempt(OWNER_PASSWORD, OWNER_CLIENT).outcome == "throttled"
    clock.now += CLIENT_POLICY.base_delay_s
    assert attempt(OWNER_PASSWORD, OWNER_CLIENT).outcome == "ok"
    # 20 strangers guess twice each: never refused, only slowed by the account's ceiling.
    outcomes = {attempt(guess, f"198.51.100.{n}").outcome for n in range(20) for guess in ("1234", "pw")}
    assert outcomes == {"wrong"}
    assert max(clock.slept) == ACCOUNT_POLICY.max_delay_s == 30.0
    clock.slept.clear()
    assert attempt(OWNER_PASSWORD, OWNER_CLIENT).outcome == "ok"
    assert clock.slept == [30.0]  # at most about 30 s, and then in


@pytest.mark.usefixtures("cheap_hashes")
def test_guesses_racing_from_one_client_are_counted_before_any_is_checked(
    kit: StoreKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards against parallel sessions from one address all passing the wait check at once.

    Every password check is held until each of the ten racing guesses has either reached its
    check or been refused, so the outcome does not depend on how the threads are scheduled.
    """
    from ecosites import staffauth

    kit.open().set_staff_account("Li Wei", hash_password(OWNER_PASSWORD))
    racers, clock = 10, FakeClock()
    turn = threading.Condition()
    counts = {"checking": 0, "refused": 0}
    real_verify = staffauth.verify_password

    def held_verify(password_hash: str, given: str) -> bool:
        with turn:
            counts["checking"] += 1
            turn.notify_all()
            turn.wait_for(lambda: counts["checking"] + counts["refused"] == racers, timeout=120)
        return real_verify(password_hash, given)

    outcomes: list[str] = []

    def guess(number: int) -> None:
        result = attempt_sign_in(kit.open(), "Li Wei", f"guess {number}", OWNER_CLIENT, "",
                                 clock, clock.sleep)
        with turn:
            counts["refused"] += result.outcome == "throttled"
            outcomes.append(result.outcome)
            turn.notify_all()

    monkeypatch.setattr(staffauth, "verify_password", held_verify)
    threads = [threading.Thread(target=guess, args=(number,)) for number in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    free = CLIENT_POLICY.free_attempts
    assert sorted(outcomes) == ["throttled"] * (racers - free) + ["wrong"] * free


def test_a_forgotten_count_is_dropped_by_the_next_failure(kit: StoreKit) -> None:
    """Guards against names typed by strangers piling up in the throttle for good."""
    quiet, busy = client_key("Nobody", "192.0.2.1"), client_key("Li Wei", "192.0.2.2")
    kit.open().update_throttle(quiet, lambda throttle: throttle.failed(1000.0, CLIENT_POLICY))
    later = 1000.0 + FORGET_AFTER_S + 1
    kit.open().update_throttle(busy, lambda throttle: throttle.failed(later, CLIENT_POLICY))
    assert kit.open().update_throttle(quiet, lambda throttle: throttle) == Throttle()
    assert kit.open().update_throttle(busy, lambda throttle: throttle) == Throttle(1, 0.0, later)


def test_an_audit_line_that_cannot_be_written_is_reported_as_what_happened(
    kit: StoreKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards against "not published" after the catalogue changed, and a publish without its audit line.

    Files: the version and its author are saved before the catalogue is replaced and the
    audit line comes after, so the publish stands and the warning says what was not recorded
    (exit 0). PostGIS: all of it is one transaction, so nothing changed and "not published"
    is the truth (exit 1).
    """
    store = kit.open()
    store.publish([make_site(id="before")], author="Wang Fang", expected_sha256=store.current_sha256())
    kit.break_audit()
    with pytest.raises(StoreError) as raised:
        kit.open().publish([make_site(id="after")], author="Li Wei", expected_sha256=store.current_sha256())
    upload = tmp_path / "upload.geojson"
    upload.write_text(json.dumps(feature_collection([make_site(id="by-cli")])), encoding="utf-8")
    for name, value in kit.env.items():
        monkeypatch.setenv(name, value)
    status = main(["import", "--replace", "--author", "Zhang Min", str(upload)])
    captured = capsys.readouterr()
    after = kit.open()
    if kit.kind == "files":
        assert isinstance(raised.value, NotRecorded)
        assert raised.value.version.number == 2
        assert (status, site_ids(after)) == (0, ["by-cli"])
        assert "published version 3 to" in captured.out
        assert captured.err.startswith("warning: version 3 was published and is in 'history' with its author")
        assert [v.author for v in after.history()] == ["Wang Fang", "Li Wei", "Zhang Min"]
    else:
        assert not isinstance(raised.value, NotRecorded)
        assert "No space left on device" in str(raised.value)
        assert (status, site_ids(after)) == (1, ["before"])
        assert captured.out.splitlines()[-1].startswith("not published: ")
        assert [v.author for v in after.history()] == ["Wang Fang"]


CRASH_SCRIPT = """
import os, sys
sys.path.insert(0, {repo!r})
from tests.conftest import make_site

def die(*_: object) -> None:
    os._exit(137)  # as abrupt as SIGKILL: no cleanup, no commit, no finally blocks

if {kind!r} == "files":
    from pathlib import Path
    from ecosites.store import FileCatalogStore
    store = FileCatalogStore(Path({location!r}), before_replace=die)
else:
    from ecosites.pgstore import PostgisCatalogStore
    store = PostgisCatalogStore({location!r}, before_commit=die)
store.publish([make_site(id="half-published")], author="crash", expected_sha256=store.current_sha256())
"""


def test_a_process_killed_mid_publish_leaves_the_previous_version_current(kit: StoreKit) -> None:
    """Guards against a torn catalogue or a lost version number after a crash inside a publish."""
    store = kit.open()
    store.publish([make_site(id="before")], author="a", expected_sha256=store.current_sha256())
    before = store.current_sha256()
    script = CRASH_SCRIPT.format(repo=str(REPO), kind=kit.kind, location=kit.location)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, check=False)
    assert result.returncode == 137, result.stderr.decode()
    after_crash = kit.open()
    assert (site_ids(after_crash), after_crash.current_sha256()) == (["before"], before)
    assert [v.number for v in after_crash.history()] == [1]
    version = after_crash.publish([make_site(id="after")], author="b", expected_sha256=before)
    assert (version.number, site_ids(after_crash)) == (2, ["after"])


RACE_ROUNDS = 20


def _import_at_barrier(barrier: Any, env: dict[str, str], file: str, author: str, out: str) -> None:
    """One ``python -m ecosites import`` whose publish waits until both importers have previewed."""
    os.environ.update(env)
    with open(out, "w", encoding="utf-8") as stream:
        sys.stdout = stream
        from ecosites.__main__ import main
        from ecosites.commands import import_
        from ecosites.intake import publish_plan

        def publish_after_both_previewed(*args: Any, **kwargs: Any) -> Any:
            barrier.wait(timeout=60)
            return publish_plan(*args, **kwargs)

        with patch.object(import_, "publish_plan", publish_after_both_previewed):
            code = main(["import", "--author", author, file])
        stream.flush()
    os._exit(code)


def test_two_racing_imports_from_the_same_preview_one_wins_the_other_is_told(
    kit: StoreKit, tmp_path: Path
) -> None:
    """Guards against lost updates across processes (and, on PostGIS, across hosts): 20 rounds."""
    from ecosites.__main__ import build_parser
    from ecosites.readers import read_path

    # Import the import command's module and readers once here, so each forked importer starts at once.
    build_parser("import")
    warm_up = tmp_path / "warm-up.geojson"
    warm_up.write_text(json.dumps(feature_collection([make_site()])))
    read_path(warm_up, None)
    context = multiprocessing.get_context("fork")
    winners: list[str] = []
    for round_number in range(1, RACE_ROUNDS + 1):
        barrier = context.Barrier(2)
        processes, outputs = [], []
        for importer in ("east", "west"):
            source = tmp_path / f"{importer}-{round_number}.geojson"
            source.write_text(json.dumps(feature_collection([make_site(id=f"{importer}-{round_number}")])))
            outputs.append(tmp_path / f"{importer}-{round_number}.out")
            processes.append(context.Process(target=_import_at_barrier, args=(
                barrier, kit.env, str(source), importer, str(outputs[-1]))))
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        codes = [-1 if p.exitcode is None else p.exitcode for p in processes]  # -1: still running
        texts = [o.read_text(encoding="utf-8") for o in outputs]
        assert sorted(codes) == [0, 1], (codes, texts)
        loser_text = texts[codes.index(1)]
        winner = ("east", "west")[codes.index(0)]
        assert f"was published by {winner} at" in loser_text
        assert "nothing was published" in loser_text
        winners.append(f"{winner}-{round_number}")
    store = kit.open()
    history = store.history()
    assert [v.number for v in history] == list(range(1, RACE_ROUNDS + 1))
    assert [v.author for v in history] == [w.split("-")[0] for w in winners]
    assert site_ids(store) == winners  # every round's winner merged in, none lost


def test_problem_reports_are_kept_marked_done_and_audited_without_touching_the_catalogue(
    kit: StoreKit,
) -> None:
    store = kit.open()
    version = store.publish([make_site(id="a")], author="Li Wei", expected_sha256=store.current_sha256())
    first = store.add_report("a", "closed", "Gate locked <b>since</b> May")
    second = kit.open().add_report("a", "wrong_hours", "")
    reports = kit.open().problem_reports()
    assert [(r.report_id, r.site_id, r.kind, r.text, r.done) for r in reports] == [
        (first.report_id, "a", "closed", "Gate locked <b>since</b> May", False),
        (second.report_id, "a", "wrong_hours", "", False)]
    assert reports[0].time == first.time == datetime.fromisoformat(first.time).isoformat()
    done = kit.open().mark_report_done(first.report_id, author="Wang Fang")
    assert (done.done_by, done.done) == ("Wang Fang", True)
    assert [r.done for r in kit.open().problem_reports()] == [True, False]
    entry = kit.open().audit_entries()[-1]
    assert (entry["author"], entry["action"], entry["report"], entry["site"]) == (
        "Wang Fang", "report-done", first.report_id, "a")
    assert kit.open().history() == [version]  # reports never change the catalogue
    with pytest.raises(StoreError, match="there is no problem report nope"):
        kit.open().mark_report_done("nope", author="Wang Fang")


VIEW = (106.6, 26.5, 106.8, 26.8)  # west, south, east, north
SQUARE = {"type": "Polygon", "coordinates": [[[106.64, 26.70], [106.66, 26.70], [106.66, 26.72],
                                              [106.64, 26.72], [106.64, 26.70]]]}
QUERY_SITES = [  # catalogue order
    make_site(id="lake-park", lon=106.61, lat=26.61, name_en="Guanshan Lake Park", name_zh="观山湖公园",
              highlight_en="A lake in the new city.", highlight_zh="新城的湖。", district="Guanshanhu",
              tags=["park", "lake"]),
    make_site(id="wetland", lon=106.62, lat=26.62, name_en="Huaxi National Urban Wetland Park",
              name_zh="花溪国家城市湿地公园", highlight_en="Reed beds.", highlight_zh="芦苇。",
              district="Huaxi", tags=["wetland", "birds"]),
    make_site(id="museum", lon=106.71, lat=26.58, name_en="Geological Museum of Guizhou",
              name_zh="贵州地质博物馆", category="conservation-history", district="Yunyan",
              highlight_en="Fossils.", highlight_zh="化石。", tags=["museum", "geology"]),
    make_site(id="tea-farm", lon=106.75, lat=26.75, name_en="Tea Farm", name_zh="茶园",
              category="green-industry", district=None, highlight_en="", highlight_zh="", tags=[]),
    make_site(id="edge", lon=106.8, lat=26.8, name_en="Edge Forest", name_zh="边缘森林",
              district="Wudang", tags=["forest"]),
    make_site(id="old-town", geometry=SQUARE, name_en="Qingyan Ancient Town", name_zh="青岩古镇",
              category="conservation-history", district="Nanming", tags=["heritage"]),
    make_site(id="midline", lon=106.7, lat=26.65, name_en="Midline Garden", name_zh="中线花园",
              category="green-industry", district="Baiyun", tags=["park"]),
    make_site(id="far", lon=107.2, lat=27.2, name_en="Far Lake", name_zh="远湖", district="Kaiyang"),
    make_site(id="beyond", lon=106.9, lat=26.9, name_en="Beyond Hill", name_zh="远山", district="Wudang",
              tags=["karst"]),  # outside VIEW, inside a cell it touches
]
IN_VIEW = ["lake-park", "wetland", "museum", "tea-farm", "edge", "old-town", "midline"]


def _published_for_queries(kit: StoreKit) -> CatalogStore:
    store = kit.open()
    store.publish(QUERY_SITES, author="a", expected_sha256=store.current_sha256())
    return kit.open()


@pytest.mark.parametrize(("bounds", "criteria", "expected"), [
    (VIEW, Criteria(), IN_VIEW),  # edges included: 'edge' sits on the east and north edges
    ((107.0, 27.0, 107.5, 27.5), Criteria(), ["far"]),
    ((106.0, 26.0, 106.5, 26.4), Criteria(), []),
    (VIEW, Criteria(categories=("urban-restoration",)), ["lake-park", "wetland", "edge"]),
    (VIEW, Criteria(categories=("green-industry", "conservation-history")),
     ["museum", "tea-farm", "old-town", "midline"]),
    (VIEW, Criteria(tags=("museum", "forest")), ["museum", "edge"]),
    (VIEW, Criteria(districts=("Huaxi", "Yunyan")), ["wetland", "museum"]),
    (VIEW, Criteria(categories=("urban-restoration",), tags=("park",)), ["lake-park"]),
    (VIEW, Criteria(text="wetland"), ["wetland"]),
    (VIEW, Criteria(text="park"), ["lake-park", "wetland"]),  # ranked: the closer name first
    (VIEW, Criteria(text="gshgy"), ["lake-park"]),  # pinyin initials of 观山湖公园
    (VIEW, Criteria(text="huaxi shidi"), ["wetland"]),  # pinyin words
    (VIEW, Criteria(text="湿地"), ["wetland"]),
    (VIEW, Criteria(text="fossils"), ["museum"]),  # highlights are searched too
    (VIEW, Criteria(text="geologcal"), ["museum"]),  # misspelt
    (VIEW, Criteria(text="garden", categories=("green-industry",)), ["midline"]),
    (VIEW, Criteria(text="garden", categories=("urban-restoration",)), []),
    ((107.0, 27.0, 107.5, 27.5), Criteria(text="lake"), ["far"]),
])
def test_a_view_query_answers_the_markers_in_the_view_that_match(
    kit: StoreKit, bounds: Bounds, criteria: Criteria, expected: list[str],
) -> None:
    answer = _published_for_queries(kit).query_sites(SiteQuery(bounds, criteria))
    assert [m.id for m in answer.markers] == expected
    assert (answer.total, answer.cells, answer.grouped) == (len(expected), (), False)


def test_a_marker_carries_its_position_category_and_names(kit: StoreKit) -> None:
    answer = _published_for_queries(kit).query_sites(SiteQuery(VIEW, Criteria(text="ancient town")))
    (marker,) = answer.markers
    assert (marker.id, marker.category, marker.name_en, marker.name_zh) == (
        "old-town", "conservation-history", "Qingyan Ancient Town", "青岩古镇")
    assert (marker.lon, marker.lat) == pytest.approx((106.65, 26.71), abs=0.01)  # inside its boundary


@pytest.mark.parametrize(("criteria", "limit", "cells_across", "expected"), [
    # (column, row, centre lon, centre lat, count). Two across VIEW gives 0.25° cells: VIEW
    # touches columns 426-427 (106.5°-107°) and rows 106-107 (26.5°-27°), and every site in
    # them counts, 'beyond' too; 'tea-farm' at 106.75, 26.75 starts cell (427, 107).
    (Criteria(), 6, 2, [(426, 106, 106.625, 26.625, 5), (427, 107, 106.875, 26.875, 3)]),
    (Criteria(), 0, 1, [(213, 53, 106.75, 26.75, 8)]),  # one 0.5° cell
    (Criteria(categories=("urban-restoration",)), 2, 2, [(426, 106, 106.625, 26.625, 2),
                                                         (427, 107, 106.875, 26.875, 2)]),
    (Criteria(districts=("Wudang", "Huaxi")), 1, 2, [(426, 106, 106.625, 26.625, 1),
                                                     (427, 107, 106.875, 26.875, 2)]),
    (Criteria(tags=("park", "karst")), 1, 2, [(426, 106, 106.625, 26.625, 2),  # kept counts per tag
                                              (427, 107, 106.875, 26.875, 1)]),
    (Criteria(tags=("park", "lake")), 1, 2, [(426, 106, 106.625, 26.625, 2)]),  # 'lake-park' has both: once
    (Criteria(tags=("park", "lake", "forest")), 1, 2, [(426, 106, 106.625, 26.625, 2),  # site by site
                                                       (427, 107, 106.875, 26.875, 1)]),
    (Criteria(tags=("park",), categories=("green-industry",)), 0, 2, [(426, 106, 106.625, 26.625, 1)]),
    (Criteria(text="park"), 1, 2, [(426, 106, 106.625, 26.625, 2)]),  # ranked in Python, then counted
])
def test_beyond_the_limit_a_view_query_counts_the_sites_per_lattice_cell(
    kit: StoreKit, criteria: Criteria, limit: int, cells_across: int,
    expected: list[tuple[int, int, float, float, int]],
) -> None:
    answer = _published_for_queries(kit).query_sites(
        SiteQuery(VIEW, criteria, limit=limit, cells_across=cells_across))
    assert [(c.column, c.row, c.lon, c.lat, c.count) for c in answer.cells] == expected
    assert (answer.markers, answer.grouped, answer.total) == ((), True, sum(e[-1] for e in expected))


@pytest.mark.parametrize("cells_across", [3, 7, 50])  # kept counts (2^-3°, 2^-4°); site by site (2^-7°)
def test_the_store_counts_each_site_in_the_cell_its_marker_is_in(kit: StoreKit, cells_across: int) -> None:
    """Guards against the database's cell arithmetic or kept counts drifting from ``SiteQuery.cell_of``."""
    store = _published_for_queries(kit)
    query = SiteQuery(VIEW, Criteria(), limit=0, cells_across=cells_across)
    counts: dict[tuple[int, int], int] = {}
    for marker in store.query_sites(SiteQuery(query.cells_bounds, Criteria())).markers:
        if query.counts_cell(marker.lon, marker.lat):
            cell = query.cell_of(marker.lon, marker.lat)
            counts[cell] = counts.get(cell, 0) + 1
    expected = sorted(((column, row, n) for (column, row), n in counts.items()), key=lambda c: (c[1], c[0]))
    assert [(c.column, c.row, c.count) for c in store.query_sites(query).cells] == expected
    assert len(expected) >= 3


@pytest.mark.postgis
def test_db_init_fills_the_marker_rows_of_sites_published_before_they_existed(pg_url: str) -> None:
    """Guards against a database upgraded by ``db init`` answering view or text queries with no sites."""
    import psycopg

    from ecosites.pgstore import PostgisCatalogStore

    store = PostgisCatalogStore(pg_url, clock=Clock())
    store.init_schema()
    store.publish(QUERY_SITES, author="a", expected_sha256=store.current_sha256())
    expected = [store.query_sites(SiteQuery(VIEW, Criteria(), limit=0, cells_across=across))
                for across in (2, 50)]
    with psycopg.connect(pg_url) as connection:  # back to the schema before the markers table
        connection.execute("DROP TABLE site_markers, site_cells, site_tag_cells")
        connection.execute("DROP FUNCTION site_tags, refresh_site_cells")
        connection.execute("DELETE FROM schema_version WHERE number IN (5, 7)")
    assert store.init_schema() == ["005_site_markers.sql", "007_marker_search.sql"]
    tagged = store.query_sites(SiteQuery(VIEW, Criteria(tags=("park", "heritage"))))
    assert [m.id for m in tagged.markers] == ["lake-park", "old-town", "midline"]
    assert [store.query_sites(SiteQuery(VIEW, Criteria(), limit=0, cells_across=across))
            for across in (2, 50)] == expected
    searched = store.query_sites(SiteQuery(VIEW, Criteria(text="gshgy")))
    assert [m.id for m in searched.markers] == ["lake-park"]
