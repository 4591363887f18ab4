"""Reading a GIS file with GDAL in a worker process that is ended at a time or memory limit.

GDAL cannot be interrupted from Python, and a hostile file (a GeoPackage view over an
endless recursive query, a geometry that inflates) can hold a core or the server's memory
for good. So the read runs in a child of a fork server (started once, with GeoPandas
already imported, so a read costs a fork, not an interpreter start): the child caps its
own address space and CPU time with ``resource.setrlimit`` and writes the frames to a
file; the parent waits at most the time limit and kills the child when it passes, or
when the check installed by ``stop_when`` says the user's session has ended.
"""

from __future__ import annotations

import multiprocessing
import pickle
import resource
import signal
import sys
import tempfile
import threading
import time
import types
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pyogrio

FailureReason = Literal["time", "memory", "stopped", "error"]
# How often the parent looks at the clock and the stop check while the child reads.
_POLL_S = 0.05
_stop_check: ContextVar[Callable[[], bool] | None] = ContextVar("ecosites_stop_check",
                                                                 default=None)


@dataclass(frozen=True)
class ReadFailure:
    """Why a read gave no frames: a limit hit, the session ended, or GDAL's own error text."""

    reason: FailureReason
    detail: str = ""


@contextmanager
def stop_when(check: Callable[[], bool]) -> Iterator[None]:
    """While inside, a read in this context is ended as soon as ``check()`` is true."""
    token = _stop_check.set(check)
    try:
        yield
    finally:
        _stop_check.reset(token)


def _address_space_bytes() -> int:
    """This process's current virtual size (the child's limit is on top of what it inherits)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _read_in_child(source: str, out_path: str, memory_bytes: int, cpu_seconds: int) -> None:
    """The child's work: limit itself, read every layer, pickle the outcome to ``out_path``."""
    resource.setrlimit(resource.RLIMIT_AS, (_address_space_bytes() + memory_bytes,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    outcome: tuple[str, object]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layers = [str(layer) for layer, _ in pyogrio.list_layers(source)]
            outcome = ("ok", {layer: pyogrio.read_dataframe(source, layer=layer)
                              for layer in layers})
    except MemoryError:
        outcome = ("memory", "")
    except Exception as exc:  # noqa: BLE001 - GDAL raises many kinds; all mean "unreadable"
        text = str(exc)
        outcome = ("memory" if "memory" in text.lower() else "error", text)
    with open(out_path, "wb") as out:
        pickle.dump(outcome, out)


def _context() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "ecosites.gdal_warmup"])
    return context


_START_LOCK = threading.Lock()


@contextmanager
def _no_main_module() -> Iterator[None]:
    """Start a child as if the parent had no main file.

    multiprocessing makes the fork server and each child re-run the parent's main module; under
    Streamlit (and AppTest) that is the app script itself, which must never run outside a session.
    """
    with _START_LOCK:
        saved = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = saved


def read_layers(
    source: str, seconds: float, memory_bytes: int
) -> dict[str, gpd.GeoDataFrame] | ReadFailure:
    """Every layer of a GDAL-readable file, read within ``seconds`` and ``memory_bytes``."""
    with tempfile.TemporaryDirectory(prefix="ecosites-read-") as folder:
        out_path = Path(folder) / "frames.pickle"
        process = _context().Process(
            target=_read_in_child, daemon=True,
            args=(source, str(out_path), memory_bytes, int(seconds) + 1))
        with _no_main_module():
            process.start()
        deadline = time.monotonic() + seconds
        check = _stop_check.get()
        stopped: FailureReason | None = None
        while process.is_alive():
            process.join(_POLL_S)
            if not process.is_alive():
                break
            if check is not None and check():
                stopped = "stopped"
            elif time.monotonic() > deadline:
                stopped = "time"
            if stopped:
                process.kill()
                process.join()
                return ReadFailure(stopped)
        if not out_path.exists():
            # Killed by the kernel: SIGXCPU past the CPU limit, else memory it could not get.
            reason: FailureReason = "time" if process.exitcode == -signal.SIGXCPU else "memory"
            return ReadFailure(reason, f"exit status {process.exitcode}")
        with open(out_path, "rb") as result:
            kind, value = pickle.load(result)  # written by our own child above
    if kind == "ok" and isinstance(value, dict):
        return value
    return ReadFailure("memory" if kind == "memory" else "error", str(value))
