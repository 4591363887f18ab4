"""Giving memory that a one-off build freed back to the system (Linux, glibc).

A catalogue load or a site file build frees hundreds of thousands of small objects at
once. glibc keeps what they occupied for the process, and so does Arrow's memory pool,
so a server's resident memory stays at what the build needed rather than what it keeps.
Light on purpose: pyarrow is released only when something already imported it.
"""

from __future__ import annotations

import ctypes
import sys


def return_freed_memory() -> None:
    """Hand memory freed by a one-off build back to the system: Arrow's pool and glibc's heap."""
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing more to give back
        return
    trim(0)
