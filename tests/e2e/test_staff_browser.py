"""Staff intake in a browser: sign in with an account, upload, publish, find the site on the explore page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecosites.staffauth import hash_password
from ecosites.store import FileCatalogStore
from tests.conftest import feature_collection, make_site
from tests.e2e.conftest import map_frame, open_app, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "e2e staff password"
CATALOG_FEATURES = [make_site(id="existing-site", name_en="Existing Site", lon=106.45, lat=26.45)]
ACCOUNT = "E2E Tester"
SERVER_ENV = {"ECOSITES_TILES": "none"}
NEW_SITE = make_site(id="browser-wetland", name_en="Browser Wetland", name_zh="浏览器湿地",
                     lon=107.0, lat=27.0)


def test_staff_url_without_sign_in_shows_no_upload(page: Any, server: Any) -> None:
    """Guards against reaching the staff page by its address alone."""
    open_app(page, server, "staff")
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_text("Staff: add and correct sites").count() == 0


def test_upload_publish_and_find_the_site_on_the_explore_page(page: Any, server: Any, tmp_path: Path) -> None:
    upload = tmp_path / "browser.geojson"
    upload.write_text(json.dumps(feature_collection([NEW_SITE]), ensure_ascii=False), encoding="utf-8")

    # Accounts are read from the store at each attempt, so one added now is used at once.
    FileCatalogStore(server.catalog_dir).set_staff_account(ACCOUNT, hash_password(PASSWORD))
    open_app(page, server, "staff_signin")
    page.get_by_label("Account name (recorded with every change)").fill(ACCOUNT)
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong account name or password.").wait_for()
    wait_for_app(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Staff: add and correct sites").wait_for()
    page.get_by_text(f"Signed in as {ACCOUNT}.").wait_for()
    wait_for_app(page)

    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("1 added · 0 changed · 1 unchanged · 0 removed").wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published version 2").wait_for()

    published = json.loads((server.catalog_dir / "sites.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in published["features"]] == ["existing-site", "browser-wetland"]
    store = FileCatalogStore(server.catalog_dir)
    assert store.history()[-1].author == ACCOUNT  # the change carries the account's name
    assert [(e["author"], e["action"]) for e in store.audit_entries()] == [
        (ACCOUNT, "sign-in-failed"), (ACCOUNT, "sign-in"), (ACCOUNT, "publish")]

    open_app(page, server)  # the explore page is the default page, at the root
    page.get_by_text("2 of 2 sites").wait_for()
    frame = map_frame(page)
    marker = frame.locator(".eco-pin[data-site-id='browser-wetland']")
    marker.wait_for()
    # The list is drawn on a canvas, so the marker's accessible name is what text there is.
    assert marker.get_attribute("aria-label") == "Browser Wetland · 浏览器湿地"


def sign_in(page: Any, server: Any, name: str) -> None:
    """Give ``name`` an account, sign in with it from the sign-in page and wait for the staff page."""
    FileCatalogStore(server.catalog_dir).set_staff_account(name, hash_password(PASSWORD))
    open_app(page, server, "staff_signin")
    page.get_by_label("Account name (recorded with every change)").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Staff: add and correct sites").wait_for()
    wait_for_app(page)


def open_edit_form(page: Any) -> None:
    page.get_by_text("Edit one site", exact=True).click()
    page.get_by_role("button", name="Check and publish").wait_for()
    wait_for_app(page)


def test_a_reload_of_the_staff_page_asks_to_sign_in_again_instead_of_page_not_found(
    page: Any, server: Any
) -> None:
    """Guards against /staff being unknown to a new session (a reload starts one)."""
    sign_in(page, server, "E2E Tester")
    page.reload()
    page.get_by_label("Password", exact=True).wait_for()
    wait_for_app(page)
    assert page.get_by_text("Page not found").count() == 0


def test_a_real_conflict_between_two_browsers_keeps_the_typed_value(
    page: Any, server: Any, browser: Any
) -> None:
    """Two members of staff edit one site; the later one keeps what they typed and is told who won."""
    other_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    other = other_context.new_page()
    try:
        sign_in(page, server, "First Editor")
        sign_in(other, server, "Second Editor")
        open_edit_form(page)
        open_edit_form(other)
        other.get_by_label("Phone").fill("0851-1111111")
        other.get_by_role("button", name="Check and publish").click()
        other.get_by_text("Published version").wait_for()
        page.get_by_label("Phone").fill("0851-2222222")
        page.get_by_role("button", name="Check and publish").click()
        page.get_by_text("Not published").wait_for()
        wait_for_app(page)
        assert page.get_by_label("Phone").input_value() == "0851-2222222"
        page.get_by_text("by Second Editor").first.wait_for()
        page.get_by_role("button", name="Preview my changes against version").click()
        page.get_by_text("Your changes against the catalogue as it is now").wait_for()
        wait_for_app(page)
        assert page.get_by_label("Phone").input_value() == "0851-2222222"
    finally:
        other_context.close()


def test_an_upload_that_meets_a_real_conflict_is_previewed_again_before_it_publishes(
    page: Any, server: Any, browser: Any, tmp_path: Path
) -> None:
    """Guards against an upload published, or silently re-previewed, over someone else's publish."""
    mine, theirs = tmp_path / "mine.geojson", tmp_path / "theirs.geojson"
    for path, site_id, lon in ((mine, "mine-upload", 106.91), (theirs, "their-upload", 106.92)):
        path.write_text(json.dumps(feature_collection([make_site(id=site_id, lon=lon)])), encoding="utf-8")
    other_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    other = other_context.new_page()
    try:
        sign_in(page, server, "First Uploader")
        sign_in(other, server, "Second Uploader")
        page.locator("input[type=file]").set_input_files(str(mine))
        page.get_by_role("button", name="Publish", exact=True).wait_for()
        wait_for_app(page)
        other.locator("input[type=file]").set_input_files(str(theirs))
        other.get_by_role("button", name="Publish", exact=True).wait_for()
        wait_for_app(other)
        other.get_by_role("button", name="Publish", exact=True).click()
        other.get_by_text("Published version").wait_for()
        page.get_by_role("button", name="Publish", exact=True).click()
        page.get_by_text("Not published: someone else published after your preview").wait_for()
        wait_for_app(page)
        page.get_by_text("by Second Uploader").first.wait_for()
        assert page.get_by_role("button", name="Publish", exact=True).count() == 0
        page.get_by_role("button", name="Preview my upload against version").click()
        page.get_by_role("button", name="Publish", exact=True).wait_for()
        wait_for_app(page)
        page.get_by_role("button", name="Publish", exact=True).click()
        page.get_by_text("Published version").wait_for()
    finally:
        other_context.close()
    published = json.loads((server.catalog_dir / "sites.geojson").read_text(encoding="utf-8"))
    ids = [f["properties"]["id"] for f in published["features"]]
    assert ids[-2:] == ["their-upload", "mine-upload"]


def test_a_problem_report_from_the_public_page_reaches_the_staff_page(page: Any, server: Any) -> None:
    open_app(page, server, "?site=existing-site")
    page.get_by_text("Report a problem").click()
    page.get_by_text("Wrong opening hours").click()
    page.get_by_label("A few words (optional)").fill("Opens at <b>nine</b> now")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Thank you: staff will check this site.").wait_for()
    sign_in(page, server, "E2E Tester")
    page.get_by_text("Problem reports", exact=True).click()
    page.get_by_text("Opens at <b>nine</b> now").wait_for()  # shown as typed, never as markup
    page.get_by_role("button", name="Mark done").click()
    page.get_by_text("No open problem reports.").wait_for()


def test_an_edit_after_this_sessions_publish_is_no_conflict_and_replace_asks_first(
    page: Any, server: Any, tmp_path: Path
) -> None:
    """Guards against the false conflict after one's own publish, and a replace without confirmation."""
    upload = tmp_path / "replace.geojson"
    upload.write_text(json.dumps(feature_collection([make_site(id="only-site", name_en="Only Site")])),
                      encoding="utf-8")
    sign_in(page, server, "E2E Tester")
    page.get_by_text("Replace the whole catalogue with these files").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    confirm = page.get_by_text("Yes, remove these")
    confirm.wait_for()
    wait_for_app(page)
    assert page.get_by_role("button", name="Publish", exact=True).is_disabled()
    confirm.click()
    wait_for_app(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published version").wait_for()
    wait_for_app(page)
    open_edit_form(page)
    page.get_by_label("Phone").fill("0851-3333333")
    page.get_by_role("button", name="Check and publish").click()
    page.get_by_text("0 added · 1 changed").wait_for()
    assert page.get_by_text("Not published").count() == 0
