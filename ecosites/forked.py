"""Two halves of a piece of work at once: one here, the other in a forked child process.

A cold start of a large catalogue is Python code that one process runs on one core (the
interpreter lock); on a machine with two, a forked child does half of it. The child
inherits what the parent has read (no copy, no pickle) and sends back bytes only.

Whatever goes wrong on the child's side (it fails, dies, or has not answered when the
parent has waited long enough) gives None, never an error: the caller then does that half
itself. The child leaves with ``os._exit``, so it never runs the parent's exit handlers
or flushes its buffers.
"""

from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_LENGTH_BYTES = 8
_READ_BYTES = 1 << 20
# How long the parent waits for the child after its own half: this many times what its
# own half took, plus the grace. A child that takes longer is killed and its half redone.
PATIENCE = 3.0
GRACE_S = 30.0


def can_fork() -> bool:
    """Whether this system forks and this process may run on two cores or more."""
    if not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2


def in_two(child_work: Callable[[], bytes], own_work: Callable[[], T],
           patience: float = PATIENCE, grace_s: float = GRACE_S) -> tuple[T, bytes | None]:
    """(``own_work()`` run here, ``child_work()``'s bytes from a forked child or None).

    The child starts first, so both run at once. None: the child failed, died, or had not
    answered ``grace_s`` plus ``patience`` times the own work's seconds after that work.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _answer(write_end, child_work)
    os.close(write_end)
    answer: bytes | None = None
    try:
        started = time.monotonic()
        own = own_work()
        waited = grace_s + patience * (time.monotonic() - started)
        answer = _read_answer(read_end, time.monotonic() + waited)
    finally:
        os.close(read_end)
        if _ended(pid, stop=answer is None) != 0:
            answer = None
    return own, answer


def _answer(write_end: int, work: Callable[[], bytes]) -> None:
    """Run the work and write its bytes, length first; then leave, 0 only when all was sent."""
    status = 1
    try:
        data = work()
        with os.fdopen(write_end, "wb") as out:
            out.write(len(data).to_bytes(_LENGTH_BYTES, "big"))
            out.write(data)
        status = 0
    finally:
        os._exit(status)


def _read_answer(read_end: int, deadline: float) -> bytes | None:
    """The child's bytes, or None when they are short or have not come by the deadline."""
    chunks: list[bytes] = []
    received = 0
    expected: int | None = None
    while expected is None or received < _LENGTH_BYTES + expected:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([read_end], [], [], left)[0]:
            return None
        chunk = os.read(read_end, _READ_BYTES)
        if not chunk:
            return None  # the child ended before it had sent everything
        chunks.append(chunk)
        received += len(chunk)
        if expected is None and received >= _LENGTH_BYTES:
            expected = int.from_bytes(b"".join(chunks)[:_LENGTH_BYTES], "big")
    return b"".join(chunks)[_LENGTH_BYTES:]


def _ended(pid: int, stop: bool) -> int:
    """The child's exit status once it has ended; ``stop``: kill it first if it is still running.

    A child that has sent its whole answer is only leaving: it is waited for.
    """
    if stop:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done != 0:
            return os.waitstatus_to_exitcode(status)
        os.kill(pid, signal.SIGKILL)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
