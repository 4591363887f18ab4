"""Where the repository's own files are (light: no heavy imports)."""

from __future__ import annotations

from pathlib import Path

BUNDLED_GEODATA = Path(__file__).resolve().parent.parent / "geodata"
