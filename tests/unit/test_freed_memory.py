"""Memory a one-off build freed goes back to the system: Arrow's pool when loaded, then glibc's heap."""

from __future__ import annotations

import ctypes
import sys
import types
from typing import Any

import pytest

from ecosites import freed_memory


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []


@pytest.mark.parametrize(("arrow_loaded", "expected"), [
    (True, ["arrow release_unused", "malloc_trim 0"]),
    (False, ["malloc_trim 0"]),
])
def test_releases_arrow_pool_only_when_loaded_then_trims(
    monkeypatch: pytest.MonkeyPatch, arrow_loaded: bool, expected: list[str],
) -> None:
    """Guards against importing pyarrow just to release it, and against skipping glibc's trim."""
    recorder = _Recorder()
    pool = types.SimpleNamespace(release_unused=lambda: recorder.calls.append("arrow release_unused"))
    fake_arrow = types.SimpleNamespace(default_memory_pool=lambda: pool)
    if arrow_loaded:
        monkeypatch.setitem(sys.modules, "pyarrow", fake_arrow)
    else:
        monkeypatch.delitem(sys.modules, "pyarrow", raising=False)

    def libc(_name: Any) -> Any:
        return types.SimpleNamespace(malloc_trim=lambda pad: recorder.calls.append(f"malloc_trim {pad}"))

    monkeypatch.setattr(ctypes, "CDLL", libc)
    freed_memory.return_freed_memory()
    assert recorder.calls == expected


def test_without_glibc_only_arrow_is_released(monkeypatch: pytest.MonkeyPatch) -> None:
    """A C library without malloc_trim (musl, macOS) is not an error."""
    released: list[bool] = []
    pool = types.SimpleNamespace(release_unused=lambda: released.append(True))
    monkeypatch.setitem(sys.modules, "pyarrow", types.SimpleNamespace(default_memory_pool=lambda: pool))
    monkeypatch.setattr(ctypes, "CDLL", lambda _name: types.SimpleNamespace())
    freed_memory.return_freed_memory()
    assert released == [True]
