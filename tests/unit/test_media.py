"""Site photos: metadata checked by the schema, files checked by content and size on load."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ecosites import schema
from ecosites.catalog import load_catalog, site_row
from ecosites.details import build_detail_view
from ecosites.thumbnails import thumbnail_data_uri
from ecosites.validate import validate_features
from ecosites.validate.media import MAX_MEDIA_BYTES, media_file_problem, sniff_image_type
from tests.conftest import make_site, write_catalog


def image_bytes(kind: str, size: tuple[int, int] = (8, 6)) -> bytes:
    """A real image made by the test (Pillow), in JPEG, PNG or WebP."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format=kind)
    return buffer.getvalue()


def photo(**overrides: Any) -> dict[str, Any]:
    """A complete media item; keyword arguments override or (with None) remove keys."""
    item = {"file": "photo.jpg", "alt_en": "A boardwalk", "alt_zh": "栈道", "credit": "Test Maker",
            "licence": "CC-BY-4.0", "source_url": "https://example.org/photo"}
    item.update(overrides)
    return {k: v for k, v in item.items() if v is not None}


def reason_of(item: schema.MediaItem, media_dir: Path, lang: str = "en") -> str | None:
    """Why the photo's file is refused, in ``lang`` (None when it is fine)."""
    found = media_file_problem(item, media_dir)
    return None if found is None else found.at("upload.geojson").text(lang)


def problems_of(item: dict[str, Any]) -> list[str]:
    report = validate_features([make_site(media=[item])], "upload.geojson")
    return [f"{p.field}: {p.message}" for p in report.errors]


@pytest.mark.parametrize(("overrides", "expected"), [
    ({}, []),
    ({"licence": "CC0"}, []),
    ({"licence": "public-domain", "file": "view.webp"}, []),
    ({"licence": None}, ["media.0.licence: is required but missing"]),
    ({"licence": "all-rights-reserved"},
     ["media.0.licence: \"all-rights-reserved\" is not allowed here"]),
    ({"licence": "CC-BY-NC-4.0"}, ["media.0.licence: \"CC-BY-NC-4.0\" is not allowed here"]),
    ({"alt_zh": ""}, ["media.0.alt_zh: must not be empty"]),
    ({"alt_en": None}, ["media.0.alt_en: is required but missing"]),
    ({"credit": None}, ["media.0.credit: is required but missing"]),
    ({"source_url": None}, ["media.0.source_url: is required but missing"]),
    ({"source_url": "javascript:alert(1)"},
     ["media.0.source_url: \"javascript:alert(1)\" has the wrong form"]),
    ({"file": "../secrets.jpg"}, ["media.0.file: \"../secrets.jpg\" has the wrong form"]),
    ({"file": "photo.svg"}, ["media.0.file: \"photo.svg\" has the wrong form"]),
])
def test_media_metadata_rules(overrides: dict[str, Any], expected: list[str]) -> None:
    assert problems_of(photo(**overrides)) == expected


@pytest.mark.parametrize(("head", "kind"), [
    (image_bytes("JPEG"), "jpeg"), (image_bytes("PNG"), "png"), (image_bytes("WEBP"), "webp"),
    (b"<script>alert(1)</script>", None), (b"GIF89a\x01\x00", None), (b"", None),
])
def test_image_type_is_read_from_content(head: bytes, kind: str | None) -> None:
    assert sniff_image_type(head[:12]) == kind


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("good.jpg", image_bytes("JPEG"), None),
    ("good.PNG", image_bytes("PNG"), None),
    ("good.webp", image_bytes("WEBP"), None),
    ("renamed.jpg", image_bytes("PNG"), "'renamed.jpg' is named as JPEG but holds a PNG image"),
    ("script.jpg", b"<script>alert(document.cookie)</script>",
     "'script.jpg' is not a JPEG, PNG or WebP image"),
    ("page.png", b"<!doctype html><img src=x onerror=alert(1)>",
     "'page.png' is not a JPEG, PNG or WebP image"),
    ("huge.jpg", image_bytes("JPEG") + b"\0" * MAX_MEDIA_BYTES,
     "the image file 'huge.jpg' is 2.0 MB; the limit is 2 MB"),
])
def test_media_file_checks(tmp_path: Path, name: str, data: bytes, problem: str | None) -> None:
    (tmp_path / name).write_bytes(data)
    item = schema.MediaItem.model_validate(photo(file=name))
    assert reason_of(item, tmp_path) == problem


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    item = schema.MediaItem.model_validate(photo(file="absent.jpg"))
    assert reason_of(item, tmp_path) == "the image file 'absent.jpg' is not in media/"
    assert reason_of(item, tmp_path, "zh") == "图片文件“absent.jpg”不在 media/ 中"


def test_loader_keeps_the_site_drops_a_bad_photo_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "good.jpg").write_bytes(image_bytes("JPEG"))
    (tmp_path / "media" / "fake.jpg").write_bytes(image_bytes("PNG"))
    write_catalog(tmp_path, [make_site(media=[photo(file="fake.jpg"), photo(file="good.jpg")])])
    catalog = load_catalog(tmp_path)
    assert [m["file"] for m in catalog.sites.loc["test-site"][schema.MEDIA]] == ["good.jpg"]
    assert [(p.site_id, p.field) for p in catalog.problems] == [("test-site", "media.0.file")]
    assert "holds a PNG image; the photo is not shown" in catalog.problems[0].message
    assert catalog.problems[0].text("zh") == (
        "“fake.jpg”按名称是 JPEG，实际却是 PNG 图片；该图片不予显示")
    assert catalog.problems[0].hint_text("zh") == (
        "请以此文件名在 geodata/media/ 中放入不超过 2 MB 的 JPEG、PNG 或 WebP 图片")


@pytest.mark.parametrize(("lang", "alt", "credit"), [
    ("en", "A boardwalk", "Photo: Test Maker · CC BY 4.0"),
    ("zh", "栈道", "图片：Test Maker · CC BY 4.0"),
])
def test_panel_shows_the_first_photo_with_alt_and_credit(tmp_path: Path, lang: str, alt: str,
                                                        credit: str) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.jpg").write_bytes(image_bytes("JPEG"))
    write_catalog(tmp_path, [make_site(media=[photo()])])
    catalog = load_catalog(tmp_path)
    view = build_detail_view(site_row(catalog.sites, "test-site"), catalog.categories,
                             catalog.tags, lang)
    assert view.photo is not None
    assert (view.photo.file, view.photo.alt, view.photo.credit, view.photo.source_url) == (
        "photo.jpg", alt, credit, "https://example.org/photo")


def test_thumbnail_is_a_small_jpeg_data_uri(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(image_bytes("PNG", (640, 480)))
    uri = thumbnail_data_uri(path)
    assert uri is not None
    assert uri.startswith("data:image/jpeg;base64,")
    assert len(uri) < 8_000
    (tmp_path / "bad.jpg").write_bytes(b"<script>")
    assert thumbnail_data_uri(tmp_path / "bad.jpg") is None
