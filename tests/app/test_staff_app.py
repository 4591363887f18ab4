"""The staff pages as staff see them (AppTest): sign-in, upload, preview, publish, edit, rollback."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import components.staff_auth
from ecosites import state
from ecosites.staffauth import hash_password
from ecosites.store import FileCatalogStore, StoreError
from tests.app.conftest import APP_TIMEOUT_S, shown_site_ids
from tests.conftest import REPO, FakeClock, feature_collection, make_site, write_catalog

pytestmark = pytest.mark.usefixtures("cheap_hashes")  # before any fixture hashes a password

PASSWORD = "correct horse battery staple"
STAFF_TITLE = "Staff: add and correct sites"
BOWTIE = [[106.60, 26.60], [106.62, 26.62], [106.62, 26.60], [106.60, 26.62], [106.60, 26.60]]
SQUARE = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.60, 26.62], [106.60, 26.60]]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """A fake clock for sign-in back-off (the counts themselves live in the test's store)."""
    fake = FakeClock()
    monkeypatch.setattr(components.staff_auth, "CLOCK", fake)
    monkeypatch.setattr(components.staff_auth, "SLEEP", fake.sleep)
    return fake


@pytest.fixture
def catalog(tmp_path: Path, app_env: Callable[..., None]) -> Path:
    """A temporary catalogue with two sites, and an account for Li Wei."""
    directory = tmp_path / "geodata"
    write_catalog(directory, [make_site(id="keep", name_en="Kept Site"),
                              make_site(id="change", name_en="Old Name", lon=106.70)])
    FileCatalogStore(directory).set_staff_account("Li Wei", hash_password(PASSWORD))
    app_env(geodata=str(directory))
    return directory


def app(signed_in: bool = False) -> AppTest:
    """The app, optionally with a session that has already signed in."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    if signed_in:
        at.session_state[state.STAFF_SIGNED_IN] = True
        at.session_state[state.STAFF_AUTHOR] = "Li Wei"
    at.run()
    return at


def staff_page() -> AppTest:
    at = app(signed_in=True)
    at.switch_page("pages/staff.py").run()
    assert not at.exception
    assert at.title[0].value == STAFF_TITLE
    return at


def open_section(at: AppTest, section: str) -> None:
    """Pick upload, edit or history in the staff page's section radio."""
    at.radio(key=state.STAFF_SECTION).set_value(section).run()
    assert not at.exception


def upload(at: AppTest, name: str, *features: dict[str, Any]) -> None:
    data = json.dumps(feature_collection(list(features))).encode()
    at.file_uploader[0].set_value((name, data, "application/geo+json")).run()
    assert not at.exception


def sign_in(at: AppTest, password: str, name: str = "Li Wei") -> None:
    at.text_input(key="staff.signin_name").input(name)
    at.text_input(key="staff.signin_password").input(password)
    at.button[0].click().run()


def texts(elements: Any) -> list[str]:
    return [element.value for element in elements]


def catalogue_ids(directory: Path) -> list[str]:
    data = json.loads((directory / "sites.geojson").read_text(encoding="utf-8"))
    return [f["properties"]["id"] for f in data["features"]]


@pytest.mark.usefixtures("app_env")
def test_without_a_password_sign_in_explains_how_to_set_one(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ECOSITES_STAFF_PASSWORD", raising=False)
    at = app()
    at.switch_page("pages/staff_signin.py").run()
    assert "ECOSITES_STAFF_PASSWORD" in texts(at.info)[0]
    assert "staff_password" in texts(at.info)[0]
    assert len(at.text_input) == 0  # no form to guess at


@pytest.mark.usefixtures("catalog")
def test_a_direct_url_to_the_staff_page_does_not_bypass_sign_in() -> None:
    """Guards against reaching the upload page by typing its address."""
    at = app()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/staff.py")  # not in the navigation at all before sign-in
    page_alone = AppTest.from_file(str(REPO / "pages" / "staff.py"), default_timeout=APP_TIMEOUT_S).run()
    assert texts(page_alone.error) == ["This page is for signed-in staff only."]
    assert len(page_alone.file_uploader) == 0


def test_wrong_passwords_back_off_on_the_clock_then_sign_in_works(catalog: Path, clock: FakeClock) -> None:
    at = app()
    at.switch_page("pages/staff_signin.py").run()
    for _ in range(3):
        sign_in(at, "guess")
    assert texts(at.error) == ["Wrong account name or password."]
    assert texts(at.warning) == ["Too many failed attempts. Try again in 5 seconds."]
    sign_in(at, PASSWORD)  # still inside the wait: refused even with the right password
    assert at.session_state[state.STAFF_SIGNED_IN] is False
    assert texts(at.warning) == ["Too many failed attempts. Try again in 5 seconds."]
    clock.now += 6
    sign_in(at, PASSWORD)
    assert at.session_state[state.STAFF_SIGNED_IN] is True
    assert at.title[0].value == STAFF_TITLE  # sign-in leads straight to the staff page
    actions = [e["action"] for e in FileCatalogStore(catalog).audit_entries()]
    assert actions == ["sign-in-failed"] * 3 + ["sign-in"]
    assert {e["author"] for e in FileCatalogStore(catalog).audit_entries()} == {"Li Wei"}


@pytest.mark.usefixtures("catalog", "clock")
def test_a_fresh_session_does_not_reset_the_count() -> None:
    """Guards against a new browser session for every guess (the count is in the store)."""
    for _ in range(3):
        at = app()
        at.switch_page("pages/staff_signin.py").run()
        sign_in(at, "guess")
    at = app()
    at.switch_page("pages/staff_signin.py").run()
    sign_in(at, PASSWORD)
    assert at.session_state[state.STAFF_SIGNED_IN] is False
    assert texts(at.warning) == ["Too many failed attempts. Try again in 5 seconds."]


@pytest.mark.usefixtures("catalog", "clock")
def test_the_shared_password_signs_in_as_staff_with_a_warning(app_env: Callable[..., None]) -> None:
    app_env(staff_password="the old shared one")
    at = app()
    at.switch_page("pages/staff_signin.py").run()
    sign_in(at, "the old shared one", name="staff")
    assert at.title[0].value == STAFF_TITLE
    assert at.session_state[state.STAFF_AUTHOR] == "staff"
    assert texts(at.sidebar.warning)[0].startswith("You signed in with the shared staff password")


@pytest.mark.usefixtures("catalog", "clock")
def test_the_chinese_sign_in_page() -> None:
    at = app()
    at.session_state[state.LANG] = "zh"
    at.switch_page("pages/staff_signin.py").run()
    assert texts(at.title) == ["工作人员登录"]
    assert [w.label for w in at.text_input] == ["账户名（随每次更改记录）", "密码"]
    sign_in(at, "wrong")
    assert texts(at.error) == ["账户名或密码错误。"]


@pytest.mark.usefixtures("catalog", "clock")
def test_the_chinese_throttle_and_staff_sidebar() -> None:
    at = app()
    at.session_state[state.LANG] = "zh"
    at.switch_page("pages/staff_signin.py").run()
    assert [b.label for b in at.button] == ["登录"]
    for _ in range(3):
        sign_in(at, "wrong")
    assert texts(at.warning) == ["失败次数过多，请在 5 秒后重试。"]
    signed = app(signed_in=True)
    signed.session_state[state.LANG] = "zh"
    signed.switch_page("pages/staff.py").run()
    assert texts(signed.sidebar.caption)[-1] == "已登录：Li Wei。"
    assert "退出登录" in [b.label for b in signed.sidebar.button]


@pytest.mark.usefixtures("catalog")
@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Signing in is not possible right now: the staff accounts cannot be read"),
     ("zh", "目前无法登录：the staff accounts cannot be read")],
)
def test_accounts_that_cannot_be_read_are_a_message_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, lang: str, message: str
) -> None:
    """Guards against a traceback on the sign-in page when the database is down or the file damaged."""
    def unreadable(_store: FileCatalogStore) -> dict[str, str]:
        raise StoreError("the staff accounts cannot be read")

    monkeypatch.setattr(FileCatalogStore, "staff_accounts", unreadable)
    at = app()
    at.session_state[state.LANG] = lang
    at.switch_page("pages/staff_signin.py").run()
    assert not at.exception
    assert texts(at.error) == [message]
    assert len(at.text_input) == 0


def test_upload_preview_publish_and_the_explorer_shows_it(catalog: Path) -> None:
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-wetland", name_en="New Wetland", lon=106.9, lat=26.9),
           make_site(id="change", name_en="New Name", lon=106.70))
    assert texts(at.markdown)[:2] == ["2 of 2 site(s) valid · 0 error(s) · 0 warning(s)",
                                      "1 added · 1 changed · 1 unchanged · 0 removed"]
    report = at.dataframe[0].value
    assert report["Id"].tolist() == ["new-wetland", "change"]
    assert report["Status"].tolist() == ["valid", "valid"]
    changed = at.dataframe[2].value
    assert changed.values.tolist() == [["change", "name_en", "Old Name", "New Name"]]
    assert sorted(shown_site_ids(at)) == ["change", "new-wetland"]  # the preview map
    at.button(key="staff.publish").click().run()
    assert texts(at.success) == [
        "Published version 2: 1 added · 1 changed · 1 unchanged · 0 removed. The explore page shows it now."]
    assert catalogue_ids(catalog) == ["keep", "change", "new-wetland"]
    at.switch_page("pages/explore.py").run()
    assert "new-wetland" in shown_site_ids(at)


@pytest.mark.usefixtures("catalog")
def test_the_publish_message_outlives_another_rerun_and_goes_with_the_section() -> None:
    """Guards against a message taken away unseen: any rerun right after a publish (a
    component's answer, a click) used to pop it before the browser had drawn it."""
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-wetland", name_en="New Wetland", lon=106.9, lat=26.9))
    at.button(key="staff.publish").click().run()
    assert texts(at.success)[0].startswith("Published version 2:")
    at.run()  # a rerun nobody asked for
    assert texts(at.success)[0].startswith("Published version 2:")
    at.radio(key=state.STAFF_SECTION).set_value("history").run()
    assert not [m for m in texts(at.success) if m.startswith("Published version")]
    at.radio(key=state.STAFF_SECTION).set_value("upload").run()
    assert not [m for m in texts(at.success) if m.startswith("Published version")]


def test_a_publish_whose_audit_line_fails_says_it_was_published(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards against "not published" after the catalogue had in fact changed."""
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-site", lon=106.9))

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(FileCatalogStore, "record", full_disk)
    at.button(key="staff.publish").click().run()
    assert texts(at.success)[0].startswith("Published version 2:")
    assert texts(at.warning) == [
        "Version 2 was published and is in the history with your name, but its audit log line was "
        "not written: disk full"]
    assert catalogue_ids(catalog) == ["keep", "change", "new-site"]
    assert FileCatalogStore(catalog).history()[-1].author == "Li Wei"


def test_publish_stops_when_the_catalogue_changed_since_the_preview(catalog: Path) -> None:
    """Guards against a lost update between two members of staff.

    The upload is no longer re-previewed unasked after a conflict (a new preview and an
    enabled Publish button appeared under the error): like the edit form, it names the
    version that won and waits for "preview again".
    """
    at = staff_page()
    upload(at, "mine.geojson", make_site(id="mine", lon=106.9))
    store = FileCatalogStore(catalog)
    winner = store.publish([make_site(id="theirs")], author="Wang Fang",
                           expected_sha256=store.current_sha256())
    at.button(key="staff.publish").click().run()
    assert not at.exception
    assert texts(at.error) == [
        "Not published: someone else published after your preview, so nothing of yours was published. "
        "Your files and choices are kept."]
    assert texts(at.warning) == [
        f"Version {winner.number} by Wang Fang at {winner.time} (UTC) is the catalogue now. Preview your "
        "upload against it before publishing."]
    assert catalogue_ids(catalog) == ["theirs"]
    assert [b.key for b in at.button if b.key == state.STAFF_PUBLISH] == []  # nothing to publish unseen
    again = at.button(key=state.STAFF_UPLOAD_PREVIEW_AGAIN)
    assert again.label == f"Preview my upload against version {winner.number}"
    again.click().run()
    assert texts(at.error) == []
    assert texts(at.markdown)[1] == "1 added · 0 changed · 1 unchanged · 0 removed"  # against "theirs"
    at.button(key="staff.publish").click().run()
    assert catalogue_ids(catalog) == ["theirs", "mine"]


@pytest.mark.usefixtures("catalog")
def test_invalid_boundaries_block_publishing_until_repaired() -> None:
    at = staff_page()
    upload(at, "bow.geojson", make_site(id="bow", geometry={"type": "Polygon", "coordinates": [BOWTIE]}))
    assert at.button(key="staff.publish").disabled
    assert "the boundary crosses itself" in at.dataframe[0].value["Problems"][0]
    at.checkbox(key="staff.repair").check().run()
    assert not at.button(key="staff.publish").disabled
    assert at.dataframe[0].value["Status"].tolist() == ["valid, with warnings"]


@pytest.mark.usefixtures("catalog")
def test_the_report_speaks_the_pages_language_and_names_the_rule() -> None:
    """Guards against problem messages staying English on the Chinese staff page."""
    at = staff_page()
    at.session_state[state.LANG] = "zh"
    at.run()
    open_ring = [*SQUARE[:-1], [106.60, 26.60000004]]
    upload(at, "ring.geojson", make_site(id="ring", geometry={"type": "Polygon", "coordinates": [open_ring]}))
    problems = at.dataframe[0].value["问题"][0]
    assert "多边形的环没有闭合（RFC 7946 §3.1.6）" in problems
    assert at.button(key="staff.publish").disabled


def test_gcj02_upload_is_converted_before_the_preview(catalog: Path) -> None:
    at = staff_page()
    at.selectbox(key="staff.crs").set_value("gcj02").run()
    upload(at, "amap.geojson", make_site(id="amap", lon=106.6335680016, lat=26.6363307855))
    captions = [re.sub(r"\\(.)", r"\1", text) for text in texts(at.caption)]  # undo Markdown escapes
    assert "amap.geojson: coordinates converted from GCJ-02 to WGS-84." in captions
    at.button(key="staff.publish").click().run()
    data = json.loads((catalog / "sites.geojson").read_text(encoding="utf-8"))
    assert data["features"][-1]["geometry"]["coordinates"] == pytest.approx([106.63, 26.64], abs=1e-6)


def test_one_site_is_edited_in_a_form_through_the_same_validation(catalog: Path) -> None:
    at = staff_page()
    open_section(at, "edit")
    at.selectbox(key="staff.edit_site").set_value("change").run()
    website = next(w for w in at.text_input if w.key and w.key.endswith(".website"))
    website.input("javascript:alert(1)")
    next(b for b in at.button if b.label == "Check and publish").click().run()
    assert "only http:// and https:// links are allowed" in at.dataframe[-1].value["Problems"][0]
    assert json.loads((catalog / "sites.geojson").read_text())["features"][1]["properties"]["website"] is None
    website = next(w for w in at.text_input if w.key and w.key.endswith(".website"))
    website.input("https://example.org/park")
    next(b for b in at.button if b.label == "Check and publish").click().run()
    assert texts(at.success)[0].startswith("Published version 2: 0 added · 1 changed")
    data = json.loads((catalog / "sites.geojson").read_text(encoding="utf-8"))
    assert data["features"][1]["properties"]["website"] == "https://example.org/park"
    assert FileCatalogStore(catalog).history()[-1].action == "edit"


def test_rollback_from_the_history_tab(catalog: Path) -> None:
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-site", lon=106.9))
    at.button(key="staff.publish").click().run()
    assert catalogue_ids(catalog) == ["keep", "change", "new-site"]
    open_section(at, "history")
    assert at.button(key="staff.rollback").disabled  # needs the confirmation first
    at.selectbox(key="staff.rollback_version").set_value(1).run()
    at.checkbox(key="staff.rollback_confirm").check().run()
    at.button(key="staff.rollback").click().run()
    assert texts(at.success) == ["Version 1 restored as version 3. The explore page shows it now."]
    assert catalogue_ids(catalog) == ["keep", "change"]


@pytest.mark.parametrize(("lang", "warning"), [
    ("en", "The audit log cannot be read, so who made each change is not shown; "
           "the versions below are complete."),
    ("zh", "无法读取审计日志，因此不显示每次更改的操作人；以下版本记录完整。"),
])
def test_an_unreadable_audit_log_still_shows_the_history(catalog: Path, lang: str, warning: str) -> None:
    """A log that cannot be read (here a folder in its place) is said in words, never a traceback."""
    (catalog / ".audit.jsonl").unlink(missing_ok=True)
    (catalog / ".audit.jsonl").mkdir()
    at = app(signed_in=True)
    at.session_state[state.LANG] = lang
    at.switch_page("pages/staff.py").run()
    open_section(at, "history")
    assert not at.exception
    assert warning in texts(at.warning)


def test_sign_out_returns_to_sign_in_and_hides_the_staff_page(catalog: Path) -> None:
    at = staff_page()
    at.button(key="staff.sign_out").click().run()
    assert at.session_state[state.STAFF_SIGNED_IN] is False
    assert texts(at.title) == ["Staff sign-in"]
    at.switch_page("pages/staff.py").run()  # the old address no longer opens the page
    assert STAFF_TITLE not in texts(at.title)
    assert len(at.file_uploader) == 0
    assert [e["action"] for e in FileCatalogStore(catalog).audit_entries()] == ["sign-out"]


def edit_field(at: AppTest, field: str) -> Any:
    """The edit form's widget for ``field`` (its key carries the site and catalogue version)."""
    return next(w for w in [*at.text_input, *at.text_area] if w.key.endswith(f".{field}"))


def check_and_publish(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Check and publish").click().run()
    assert not at.exception


@pytest.mark.parametrize("first_change", ["publish", "rollback"])
def test_an_edit_after_this_sessions_own_publish_or_rollback_is_no_conflict(
    catalog: Path, first_change: str
) -> None:
    """Guards against a false conflict: the session's own publish or rollback counted as someone else's."""
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-site", lon=106.9))
    at.button(key="staff.publish").click().run()
    if first_change == "rollback":
        open_section(at, "history")
        at.selectbox(key="staff.rollback_version").set_value(1).run()
        at.checkbox(key="staff.rollback_confirm").check().run()
        at.button(key="staff.rollback").click().run()
    assert at.radio(key=state.STAFF_SECTION).value == ("history" if first_change == "rollback" else "upload")
    open_section(at, "edit")
    at.selectbox(key="staff.edit_site").set_value("change").run()
    edit_field(at, "phone").input("0851-1234567")
    check_and_publish(at)
    assert texts(at.error) == []
    assert texts(at.success)[0].startswith("Published version")
    data = json.loads((catalog / "sites.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["id"]: f["properties"]["phone"] for f in data["features"]}["change"] == \
        "0851-1234567"
    assert FileCatalogStore(catalog).history()[-1].action == "edit"


def test_a_real_conflict_keeps_what_was_typed_and_previews_it_against_the_winner(catalog: Path) -> None:
    """Guards against a lost edit: another session's publish used to empty the typed fields."""
    at = staff_page()
    open_section(at, "edit")
    at.selectbox(key="staff.edit_site").set_value("change").run()
    edit_field(at, "phone").input("0851-7654321")
    store = FileCatalogStore(catalog)
    theirs = [make_site(id="keep", name_en="Kept Site"),
              make_site(id="change", name_en="Their Name", lon=106.70)]
    winner = store.publish(theirs, author="Wang Fang", expected_sha256=store.current_sha256())
    check_and_publish(at)
    assert texts(at.error)[0].startswith("Not published")
    assert (f"Someone else published since this form opened: version {winner.number} by Wang Fang at "
            f"{winner.time} (UTC) is the catalogue now.") in texts(at.warning)[0]
    assert edit_field(at, "phone").value == "0851-7654321"  # nothing typed is lost
    assert catalogue_ids(catalog) == ["keep", "change"]
    assert store.history()[-1].author == "Wang Fang"
    again = at.button(key="staff.edit_preview_again")
    assert again.label == f"Preview my changes against version {winner.number}"
    again.click().run()
    assert texts(at.warning) == []
    assert texts(at.error) == []
    assert edit_field(at, "phone").value == "0851-7654321"
    assert edit_field(at, "name_en").value == "Their Name"  # untouched fields show the winner's values
    changed = at.dataframe[0].value.values.tolist()  # the edit's diff
    assert changed == [["change", "phone", "", "0851-7654321"]]
    check_and_publish(at)
    assert texts(at.success)[0].startswith(f"Published version {winner.number + 1}")
    data = json.loads((catalog / "sites.geojson").read_text(encoding="utf-8"))
    properties = data["features"][1]["properties"]
    assert (properties["name_en"], properties["phone"]) == ("Their Name", "0851-7654321")


def test_replacing_the_catalogue_needs_its_own_confirmation_naming_what_goes(catalog: Path) -> None:
    """Guards against a replace that silently removes sites with the same click as any publish."""
    at = staff_page()
    at.checkbox(key="staff.replace").check().run()
    upload(at, "only.geojson", make_site(id="only", lon=106.9))
    assert at.button(key="staff.publish").disabled
    assert texts(at.warning) == [
        "Replacing the whole catalogue removes 2 site(s) that are not in these files:\n\n"
        r"- Kept Site · 测试点 \(keep\)" "\n" r"- Old Name · 测试点 \(change\)"]  # Markdown-escaped
    confirm = at.checkbox(key=state.staff_replace_confirm_key(0))
    assert confirm.label == "Yes, remove these 2 site(s) from the catalogue"
    confirm.check().run()
    at.button(key="staff.publish").click().run()
    assert catalogue_ids(catalog) == ["only"]


@pytest.mark.usefixtures("catalog")
def test_the_rollback_picker_never_offers_the_current_version() -> None:
    """Guards against a rollback that defaults to restoring what is already current."""
    at = staff_page()
    upload(at, "new.geojson", make_site(id="new-site", lon=106.9))
    at.button(key="staff.publish").click().run()
    open_section(at, "history")
    picker = at.selectbox(key="staff.rollback_version")
    assert (picker.value, picker.options) == (1, ["1"])
    at.checkbox(key="staff.rollback_confirm").check().run()
    at.button(key="staff.rollback").click().run()
    assert at.radio(key=state.STAFF_SECTION).value == "history"  # the section stays after the action
    assert at.selectbox(key="staff.rollback_version").value == 2  # v3 (current) has v1's content


def send_report(at: AppTest, site_id: str, kind: str, text: str) -> None:
    at.radio(key=f"{state.REPORT_KIND}.{site_id}").set_value(kind)
    at.text_area(key=f"{state.REPORT_TEXT}.{site_id}").input(text)
    next(b for b in at.button if b.label == "Send report").click().run()
    assert not at.exception


def test_a_problem_report_goes_from_the_public_page_to_the_staff_page(catalog: Path) -> None:
    """A visitor reports a closed site; staff read it (escaped) and mark it done; the catalogue stays."""
    before = (catalog / "sites.geojson").read_bytes()
    at = app()
    at.session_state[state.SELECTED_SITE] = "keep"
    at.run()
    send_report(at, "keep", "closed", "Gate **locked** <script>alert(1)</script>")
    assert texts(at.success) == ["Thank you: staff will check this site."]
    assert (catalog / "sites.geojson").read_bytes() == before
    at.session_state[state.STAFF_SIGNED_IN] = True
    at.session_state[state.STAFF_AUTHOR] = "Li Wei"
    at.run()
    at.switch_page("pages/staff.py").run()
    open_section(at, "reports")
    assert texts(at.text) == ["Site keep · Closed · " + FileCatalogStore(catalog).problem_reports()[0].time
                              + " (UTC)", "Gate **locked** <script>alert(1)</script>"]  # plain text
    at.button(key=f"{state.STAFF_REPORT_DONE}.{FileCatalogStore(catalog).problem_reports()[0].report_id}") \
        .click().run()
    assert texts(at.success) == ["Report on site keep marked done."]
    assert texts(at.info) == ["No open problem reports."]
    assert FileCatalogStore(catalog).audit_entries()[-1]["action"] == "report-done"
    assert (catalog / "sites.geojson").read_bytes() == before


def test_problem_reports_are_limited_per_session(catalog: Path) -> None:
    at = app()
    at.session_state[state.SELECTED_SITE] = "keep"
    at.run()
    for number in range(4):
        send_report(at, "keep", "other", f"note {number}")
    assert texts(at.warning) == ["Too many reports were sent in the last hour; please try again later."]
    assert len(FileCatalogStore(catalog).problem_reports()) == 3


@pytest.mark.usefixtures("catalog")
def test_staff_can_download_the_template_from_the_upload_section() -> None:
    at = staff_page()
    button = at.get("download_button")[0]
    assert button.proto.label == "Download a template GeoJSON"
