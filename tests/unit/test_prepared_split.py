"""A large catalogue file prepared in two halves at once gives exactly the catalogue of a whole load."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ecosites import forked, prepared, prepared_format, prepared_halves
from ecosites.catalog import load_catalog
from ecosites.paths import BUNDLED_GEODATA
from ecosites.prepared import PREPARED_FILE, load_prepared_catalog
from tests.conftest import make_site, write_catalog
from tests.unit.test_media import image_bytes, photo
from tests.unit.test_prepared import assert_same_catalog

BUNDLED = json.loads((BUNDLED_GEODATA / "sites.geojson").read_text(encoding="utf-8"))["features"]
# Sites for the second half: a photo, a boundary, problems (an unknown category, an id
# repeated within the half), a site without a stated accuracy (a warning), and texts
# that are None or lists where the first half has only text (the column is then nested).
def troubles(tag: str) -> list[dict[str, Any]]:
    """Sites with problems and photos, their ids ending in ``tag``."""
    return [
        make_site(id=f"photo-park{tag}", media=[photo(file="boardwalk.jpg")]),
        make_site(id=f"extra-park{tag}", name_en="Extra Boundary Park", name_zh="额外边界公园",
                  geometry={"type": "Polygon", "coordinates": [[
                      [106.60, 26.60], [106.61, 26.60], [106.61, 26.61], [106.60, 26.60]]]}),
        make_site(id=f"bad-category{tag}", category="nope"),
        make_site(id=f"twice-here{tag}", hours=None, coordinate_accuracy_m=None),
        make_site(id=f"twice-here{tag}", name_en="Second of the same id"),
        make_site(id=f"photo-missing{tag}", media=[photo(file="nowhere.jpg")]),
    ]


SECOND_HALF = troubles("")


def catalogue_of(directory: Path, features: list[dict[str, Any]]) -> Path:
    """One catalogue file of ``features``, with the bundled vocabularies and a photo."""
    directory.mkdir(parents=True)
    for name in ("categories.json", "tags.json"):
        shutil.copy(BUNDLED_GEODATA / name, directory / name)
    (directory / "media").mkdir()
    (directory / "media" / "boardwalk.jpg").write_bytes(image_bytes("JPEG"))
    write_catalog(directory, features)
    return directory


def halves(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``first`` then ``second`` as one list, padded so that the split falls between them."""
    padding = [make_site(id=f"pad-{n}", name_en=f"Pad {n}") for n in range(abs(len(first) - len(second)))]
    return [*first, *padding, *second] if len(first) < len(second) else [*first, *second, *padding]


CASES: dict[str, list[dict[str, Any]]] = {
    "the bundled sites, then problems, photos and a boundary": halves(BUNDLED, SECOND_HALF),
    "problems first, then the bundled sites": halves(SECOND_HALF, BUNDLED),
    "problems and photo problems in both halves": halves(troubles("-a"), troubles("-b")),
    "no valid site in one half": halves([make_site(id=f"bad-{n}", category="nope") for n in range(6)],
                                        BUNDLED[:6]),
}


@pytest.mark.parametrize("features", CASES.values(), ids=CASES.keys())
def test_two_halves_give_the_whole_load(tmp_path: Path, features: list[dict[str, Any]]) -> None:
    directory = catalogue_of(tmp_path / "geodata", features)
    whole = load_catalog(directory)
    parts = prepared_halves.split_parts(directory, split_from=2)
    assert parts is not None  # the halves were made and merged, not loaded whole
    split = prepared_format.catalog_from_parts(parts)
    assert split is not None
    assert_same_catalog(whole, split)
    assert_same_catalog(whole, load_prepared_catalog(directory, split_from=2))
    assert (directory / PREPARED_FILE).is_file()
    assert_same_catalog(whole, load_prepared_catalog(directory, split_from=2))  # warm, from the file


def child_side(action: Callable[[], Any]) -> Callable[..., Any]:
    """``prepared_halves.slice_parts`` as it is here, and doing ``action`` in the forked child."""
    parent, real = os.getpid(), prepared_halves.slice_parts

    def slice_parts(*args: Any) -> Any:
        if os.getpid() != parent:
            action()
        return real(*args)

    return slice_parts


def never_answers() -> None:
    signal.pause()  # until the parent kills it


CHILD_FAULTS: dict[str, Callable[[], Any]] = {
    "the child fails": lambda: 1 / 0,
    "the child dies": lambda: os._exit(3),
    "the child never answers": never_answers,
}


@pytest.mark.parametrize("fault", CHILD_FAULTS.values(), ids=CHILD_FAULTS.keys())
def test_without_the_childs_half_the_catalogue_is_loaded_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Callable[[], Any]) -> None:
    directory = catalogue_of(tmp_path / "geodata", halves(BUNDLED, SECOND_HALF))
    monkeypatch.setattr(prepared_halves, "slice_parts", child_side(fault))
    if fault is never_answers:  # given up on as soon as this half is done, not after a wait
        monkeypatch.setattr(forked, "in_two", functools.partial(forked.in_two, patience=0, grace_s=0))
    assert prepared_halves.split_parts(directory, split_from=2) is None
    assert_same_catalog(load_catalog(directory), load_prepared_catalog(directory, split_from=2))


NOT_SPLIT: dict[str, Callable[[Path], int]] = {
    "fewer features than the split needs": lambda _directory: len(BUNDLED) + 1,
    "an id in both halves": lambda directory: (write_catalog(directory, halves(
        BUNDLED, [*SECOND_HALF[:-1], make_site(id=BUNDLED[0]["properties"]["id"])])), 2)[1],
    "two catalogue files": lambda directory: (write_catalog(
        directory, [make_site(id="other-file")], name="zz-more.geojson"), 2)[1],
    "a file that is not JSON": lambda directory: ((directory / "sites.geojson").write_text(
        "{", encoding="utf-8"), 2)[1],
}


@pytest.mark.parametrize("arrange", NOT_SPLIT.values(), ids=NOT_SPLIT.keys())
def test_where_halves_do_not_apply_the_catalogue_is_loaded_whole(
        tmp_path: Path, arrange: Callable[[Path], int]) -> None:
    directory = catalogue_of(tmp_path / "geodata", BUNDLED)
    split_from = arrange(directory)
    assert prepared_halves.split_parts(directory, split_from) is None
    assert_same_catalog(load_catalog(directory), load_prepared_catalog(directory, split_from=split_from))


ANSWERS: dict[str, bytes] = {
    "nothing": b"",
    "a few bytes": b"half",
    "more than a pipe holds": os.urandom(3 << 20),
}


@pytest.mark.parametrize("answer", ANSWERS.values(), ids=ANSWERS.keys())
def test_the_childs_bytes_come_whole(answer: bytes) -> None:
    own, theirs = forked.in_two(lambda: answer, lambda: "mine")
    assert (own, theirs) == ("mine", answer)


def no_answer() -> bytes:
    never_answers()
    return b""


def test_an_error_in_this_half_ends_the_child_and_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(ZeroDivisionError):
        forked.in_two(no_answer, lambda: 1 / 0)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # ended and reaped: no child left behind


@pytest.mark.parametrize("split_from", [2, 1_000_000], ids=["in halves", "whole"])
def test_a_catalogue_changed_while_it_loads_is_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split_from: int) -> None:
    directory = catalogue_of(tmp_path / "geodata", BUNDLED)
    before = load_catalog(directory)
    changed = [*BUNDLED, make_site(id="added-meanwhile")]

    def then_change(load: Callable[..., Any]) -> Callable[..., Any]:
        """``load``, and the file changed as soon as it has loaded something."""
        def loading(*args: Any) -> Any:
            loaded = load(*args)
            if loaded is not None:
                write_catalog(directory, changed)
            return loaded
        return loading

    monkeypatch.setattr(prepared, "load_catalog", then_change(load_catalog))
    monkeypatch.setattr(prepared, "split_parts", then_change(prepared_halves.split_parts))
    assert_same_catalog(before, load_prepared_catalog(directory, split_from=split_from))
    assert not (directory / PREPARED_FILE).exists()  # kept under either key, it would lie
    monkeypatch.undo()
    assert "added-meanwhile" in load_prepared_catalog(directory, split_from=split_from).sites.index
