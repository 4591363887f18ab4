"""Coordinate systems of uploads: parse what staff or a file declares, convert to WGS-84.

Three kinds of declaration reach here: a name given at import (``--crs``), a legacy
GeoJSON ``crs`` member, and a GIS file's own CRS (a Shapefile's ``.prj``, a GeoPackage's
SRS). EPSG:4326, OGC:CRS84 and CGCS2000 (EPSG:4490) count as WGS-84: they agree to well
under a metre. GCJ-02 and BD-09 are not in EPSG; they are offsets applied on top of
WGS-84 and are undone with the iterative inverses in :mod:`ecosites.coords`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pyproj
from pyproj.exceptions import CRSError

from ecosites import coords

CHOICES_HELP = "wgs84, gcj02 (Amap/Gaode, Tencent), bd09 (Baidu) or EPSG:NNNN"
# Keys are lower case without '-' or '_': 'GCJ-02' and 'gcj_02' both mean GCJ-02.
_NAMED: dict[str, tuple[str, str]] = {
    "wgs84": ("WGS-84", "wgs84"), "crs84": ("WGS-84", "wgs84"), "cgcs2000": ("CGCS2000", "wgs84"),
    "gcj02": ("GCJ-02", "gcj02"), "amap": ("GCJ-02", "gcj02"), "gaode": ("GCJ-02", "gcj02"),
    "tencent": ("GCJ-02", "gcj02"), "bd09": ("BD-09", "bd09"), "baidu": ("BD-09", "bd09"),
}
_EPSG = re.compile(r"^epsg:(\d{1,6})$")
_WGS84_DATUMS = ("World Geodetic System 1984", "China 2000", "China Geodetic Coordinate System 2000")


@dataclass(frozen=True)
class SourceCrs:
    """Where coordinates come from: an optional projection, then a Chinese map offset.

    ``proj`` is what pyproj understands (``EPSG:3857`` or WKT); None means geographic
    WGS-84 already. ``datum`` is 'wgs84', 'gcj02' or 'bd09' and is undone last.
    """

    label: str
    proj: str | None = None
    datum: str = "wgs84"

    @property
    def is_wgs84(self) -> bool:
        """True when coordinates need no conversion."""
        return self.proj is None and self.datum == "wgs84"


WGS84 = SourceCrs("WGS-84")


def is_wgs84_like(crs: pyproj.CRS) -> bool:
    """Geographic WGS-84 or CGCS2000 (equal to WGS-84 for mapping)."""
    datum = crs.datum.name if crs.datum is not None else ""
    return bool(crs.is_geographic) and any(name in datum for name in _WGS84_DATUMS)


def from_pyproj(crs: pyproj.CRS, label: str | None = None) -> SourceCrs:
    """A SourceCrs for a pyproj CRS (WGS-84-like ones need no projection)."""
    epsg = crs.to_epsg(min_confidence=70)
    shown = label or (f"EPSG:{epsg}" if epsg else crs.name)
    if is_wgs84_like(crs):
        return SourceCrs(shown)
    return SourceCrs(shown, proj=f"EPSG:{epsg}" if epsg else crs.to_wkt())


def parse_crs_choice(text: str) -> tuple[SourceCrs | None, str]:
    """Parse a ``--crs`` value; returns (crs, "") or (None, what is wrong)."""
    key = text.strip().lower()
    named = _NAMED.get(key.replace("-", "").replace("_", ""))
    if named is not None:
        return SourceCrs(named[0], datum=named[1]), ""
    match = _EPSG.match(key)
    if not match:
        return None, f"'{text}' is not a coordinate system this tool knows; use {CHOICES_HELP}"
    try:
        crs = pyproj.CRS.from_epsg(int(match.group(1)))
    except CRSError:
        return None, f"EPSG:{match.group(1)} is not a known EPSG code"
    return from_pyproj(crs, f"EPSG:{match.group(1)}"), ""


def parse_crs_member(member: Any) -> tuple[SourceCrs | None, str]:
    """Parse a legacy GeoJSON ``crs`` member; returns (crs, "") or (None, what is wrong)."""
    if not isinstance(member, dict):
        return None, "the 'crs' member must be an object such as {\"type\": \"name\", ...}"
    kind = member.get("type")
    properties = member.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    if kind == "name" and isinstance(properties.get("name"), str):
        name = properties["name"][:200]
    elif kind == "EPSG" and isinstance(properties.get("code"), int | str):
        name = f"EPSG:{properties['code']}"[:40]
    elif kind == "link":
        return None, "the 'crs' member links to a definition elsewhere, which cannot be followed"
    else:
        return None, "the 'crs' member does not name a coordinate system"
    try:
        crs = pyproj.CRS.from_user_input(name)
    except CRSError:
        return None, f"the 'crs' member names '{name}', which is not a known coordinate system"
    return from_pyproj(crs), ""


def combine(declared: SourceCrs | None, chosen: SourceCrs | None) -> tuple[SourceCrs, str]:
    """The CRS to convert from, given what the file declares and what staff chose.

    A GCJ-02/BD-09 choice applies on top of a WGS-84 declaration (GIS exports of Amap
    points usually claim WGS-84). Two different projections are a conflict.
    """
    if declared is None:
        return chosen or WGS84, ""
    if chosen is None:
        return declared, ""
    if declared.is_wgs84 and chosen.proj is None:
        return chosen, ""
    if (declared.proj, declared.datum) == (chosen.proj, chosen.datum):
        return declared, ""
    return declared, (
        f"the file declares {declared.label} but {chosen.label} was chosen; "
        "remove one of the two declarations"
    )


@lru_cache(maxsize=32)
def _transformer(proj: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(proj, "EPSG:4326", always_xy=True)


def to_wgs84(crs: SourceCrs, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Convert coordinate arrays to WGS-84 longitude/latitude; failures become inf."""
    lons, lats = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if crs.proj is not None:
        lons, lats = _transformer(crs.proj).transform(lons, lats, errcheck=False)
        lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if crs.datum != "wgs84":
        pairs = [coords.convert(float(x), float(y), crs.datum, "wgs84")
                 if np.isfinite(x) and np.isfinite(y) else (np.inf, np.inf)
                 for x, y in zip(lons, lats, strict=True)]
        lons = np.array([p[0] for p in pairs], dtype=float)
        lats = np.array([p[1] for p in pairs], dtype=float)
    return lons, lats
