"""The sites and routes as compact JSON for the map scripts, their labels, and clicks back to ids.

At 10,000 sites each byte per site is 10 kB on every rerun, so the payloads are arrays,
labels are sent once (HTML-escaped), and positions are rounded (see ``ecosites/mapfit.py``).
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import unescape as unescape_html
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from ecosites import schema
from ecosites.escape import HTML_TEXT_ENTITIES, escape_text
from ecosites.i18n import own_first
from ecosites.mapfit import DisplayTransform, identity, rounded
from ecosites.vocab import Category

LABEL_SEPARATOR = " · "  # between the chosen language's name and the other's
# Sites recorded at the very same point are drawn on a small circle around it (display only)
# so each marker can be clicked; 60 m is about 14 px apart at NO_CLUSTER_FROM_ZOOM.
SHARED_POINT_SPREAD_M = 60.0
METRES_PER_DEGREE_LAT = 111_320.0


def site_label(name_en: str, name_zh: str, lang: str) -> str:
    """Plain text shown on hover: the chosen language's name first, then the other."""
    first, second = own_first(name_en, name_zh, lang)
    return LABEL_SEPARATOR.join(part for part in (first, second) if part)


def site_labels_html(sites: gpd.GeoDataFrame, lang: str) -> list[str]:
    """``site_label`` for every site, HTML-escaped, computed column-wise (fast at 100,000)."""
    first_col, second_col = own_first(schema.NAME_EN, schema.NAME_ZH, lang)
    first = sites[first_col].astype(str)
    second = sites[second_col].astype(str)
    labels = (first + LABEL_SEPARATOR + second).where((first != "") & (second != ""), first + second)
    for char, entity in HTML_TEXT_ENTITIES:
        labels = labels.str.replace(char, entity, regex=False)
    return labels.tolist()


def spread_shared_points(
    site_ids: Sequence[str], positions: Sequence[tuple[float, float]],
    spread_m: float = SHARED_POINT_SPREAD_M,
) -> list[tuple[float, float]]:
    """(lon, lat) per site, those sharing one point moved onto a circle of ``spread_m`` around it.

    Deterministic: the sites at a point are placed in id order, the first due north. Only
    what is drawn moves; the catalogue keeps its points.
    """
    shared: dict[tuple[float, float], list[int]] = {}
    for row, position in enumerate(positions):
        shared.setdefault(position, []).append(row)
    spread = list(positions)
    for (lon, lat), rows in shared.items():
        if len(rows) < 2:
            continue
        for step, row in enumerate(sorted(rows, key=lambda r: site_ids[r])):
            angle = 2 * math.pi * step / len(rows)
            dlat = spread_m * math.cos(angle) / METRES_PER_DEGREE_LAT
            dlon = spread_m * math.sin(angle) / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
            spread[row] = rounded(lon + dlon, lat + dlat)
    return spread


def display_positions(sites: gpd.GeoDataFrame, transform: DisplayTransform = identity
                      ) -> list[tuple[float, float]]:
    """(lon, lat) per site as drawn: shared points spread, then shifted to the display datum."""
    # LON/LAT are stored rounded to 6 decimals; shifted positions are rounded here.
    positions = spread_shared_points(
        sites[schema.ID].tolist(),
        list(zip(sites[schema.LON].tolist(), sites[schema.LAT].tolist(), strict=True)))
    if transform is not identity:
        return [rounded(*transform(lon, lat)) for lon, lat in positions]
    return positions


def boundary_features(sites: gpd.GeoDataFrame, category_index: Mapping[str, int],
                      transform: DisplayTransform = identity) -> list[dict[str, Any]]:
    """GeoJSON features of the polygonal sites: ``c`` their category index, ``i`` their row."""
    polygonal = (sites[schema.GEOMETRY_TYPE].isin(["Polygon", "MultiPolygon"])).to_numpy()
    rows = polygonal.nonzero()[0].tolist()
    return [
        {"type": "Feature", "properties": {"c": category_index[category], "i": row},
         "geometry": _transform_geometry(geometry.__geo_interface__, transform)}
        for row, category, geometry in zip(rows, sites[schema.CATEGORY].iloc[rows],
                                           sites.geometry.iloc[rows], strict=True)
    ]


def escaped_notes(notes: Mapping[str, str] | None, shown: Iterable[str]) -> dict[str, str]:
    """The notes (plain text by site id) of the ``shown`` sites that have one, HTML-escaped."""
    if not notes:
        return {}
    wanted = set(shown)
    return {site_id: escape_text(note) for site_id, note in notes.items()
            if note and site_id in wanted}


def site_layer_payload(
    sites: gpd.GeoDataFrame,
    categories: Sequence[Category],
    lang: str = "en",
    selected_id: str | None = None,
    transform: DisplayTransform = identity,
    notes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Compact marker data: [lat, lon, category index, id, label HTML, radius_m] per site.

    The label is sent once, HTML-escaped; the map script derives title and aria-label
    from it. At 10,000 sites each byte per site is 10 kB on every rerun. ``notes`` (plain
    text by site id, e.g. whether it is open now) go escaped into the tooltip's second
    line after the category, only for the sites that have one.
    """
    index = {c.slug: i for i, c in enumerate(categories)}
    site_ids = sites[schema.ID].tolist()
    rows = [
        [lat, lon, index[category], site_id, label,
         float(accuracy) if site_id == selected_id and accuracy else 0]
        for site_id, (lon, lat), category, label, accuracy in zip(
            site_ids, display_positions(sites, transform), sites[schema.CATEGORY].tolist(),
            site_labels_html(sites, lang), sites[schema.COORDINATE_ACCURACY_M].tolist(), strict=True,
        )
    ]
    boundaries = {"type": "FeatureCollection",
                  "features": boundary_features(sites, index, transform)}
    payload: dict[str, Any] = {"sites": rows, "selected": selected_id, "boundaries": boundaries}
    if notes:
        payload["notes"] = escaped_notes(notes, site_ids)
    return payload


@dataclass(frozen=True)
class BrowserSites:
    """Every catalogue site as the browser groups them itself (static/js/sites.js ``browse``).

    Built once per catalogue, language and display datum and sent once as a static file
    (``content``); each rerun then sends only which rows are visible (``visible_bits``).
    Positions are in display coordinates, spread like ``site_layer_payload``'s.
    """

    ids: pd.Index
    lat: np.ndarray
    lon: np.ndarray
    category: np.ndarray
    labels: list[str]  # HTML-escaped, as site_labels_html
    accuracy_m: np.ndarray
    boundaries: list[dict[str, Any]]

    def content(self) -> bytes:
        """The static file: columns of ids, positions, category indexes, labels, boundaries."""
        return json.dumps({
            "ids": self.ids.tolist(), "lat": self.lat.tolist(), "lon": self.lon.tolist(),
            "cat": self.category.tolist(), "labels": self.labels, "boundaries": self.boundaries,
        }, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()

    def rows_of(self, site_ids: Iterable[str]) -> np.ndarray:
        """The row of each of ``site_ids`` in the file, -1 for an id not in the catalogue."""
        target = site_ids if isinstance(site_ids, pd.Index) else pd.Index(list(site_ids), dtype=object)
        # Of the ids' own dtype: on a mismatch pandas converts and hashes all the ids again
        # on every call (about 5 ms at 10,000 sites), and an equal index costs no lookup.
        return self.ids.get_indexer(target.astype(self.ids.dtype, copy=False))

    def mask(self, site_ids: Iterable[str]) -> np.ndarray:
        """True for the rows of ``site_ids`` (ids not in the catalogue are left out)."""
        rows = self.rows_of(site_ids)
        shown = np.zeros(len(self.ids), dtype=bool)
        shown[rows[rows >= 0]] = True
        return shown

    def position(self, site_id: str | None) -> int | None:
        """The row of ``site_id`` in the file, None when it is not in the catalogue."""
        if site_id is None:
            return None
        at = int(self.rows_of([site_id])[0])
        return at if at >= 0 else None

    def row(self, site_id: str | None) -> list[Any] | None:
        """[lat, lon, category index, id, label HTML, radius_m] of one site, as fill's rows."""
        at = self.position(site_id)
        if at is None:
            return None
        accuracy = float(self.accuracy_m[at])
        return [float(self.lat[at]), float(self.lon[at]), int(self.category[at]), site_id,
                self.labels[at], accuracy if accuracy > 0 else 0]

    def site_at(self, event: dict[str, Any] | None, shown: np.ndarray) -> str | None:
        """The id of the clicked marker among the ``shown`` rows, as ``site_id_from_click``."""
        clicked = clicked_point(event)
        if clicked is None:
            return None
        lat, lng, tooltip = clicked
        rows = np.flatnonzero(shown & (np.abs(self.lat - lat) < 1e-6) & (np.abs(self.lon - lng) < 1e-6))
        return pick_by_label([(str(self.ids[r]), self.labels[r]) for r in rows.tolist()], tooltip)


def browser_sites(sites: gpd.GeoDataFrame, categories: Sequence[Category], lang: str = "en",
                  transform: DisplayTransform = identity) -> BrowserSites:
    """``BrowserSites`` for every one of ``sites``, in their order."""
    index = {c.slug: i for i, c in enumerate(categories)}
    positions = np.asarray(display_positions(sites, transform), dtype=float).reshape(-1, 2)
    accuracy = pd.to_numeric(sites[schema.COORDINATE_ACCURACY_M], errors="coerce").fillna(0)
    ids = pd.Index(sites[schema.ID].astype(str).tolist(), dtype=object)
    if sites.index.dtype == ids.dtype and sites.index.equals(ids):
        # The catalogue's own index: every unfiltered copy of it then matches at no cost.
        ids = sites.index
    return BrowserSites(
        ids=ids,
        lat=positions[:, 1], lon=positions[:, 0],
        category=sites[schema.CATEGORY].map(index).to_numpy(dtype=np.int64),
        labels=site_labels_html(sites, lang),
        accuracy_m=accuracy.to_numpy(dtype=float),
        boundaries=boundary_features(sites, index, transform),
    )


def visible_bits(shown: np.ndarray) -> str:
    """The ``shown`` rows as base64 of a bitset, row i at bit i % 8 of byte i // 8."""
    return base64.b64encode(np.packbits(shown, bitorder="little").tobytes()).decode("ascii")


def _transform_geometry(geometry: dict[str, Any], transform: DisplayTransform) -> dict[str, Any]:
    def convert(coords: Any) -> Any:
        if coords and isinstance(coords[0], int | float):
            return list(rounded(*transform(coords[0], coords[1])))
        return [convert(c) for c in coords]

    return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}


def clicked_point(event: dict[str, Any] | None) -> tuple[float, float, str] | None:
    """(lat, lng, tooltip's first line) of st_folium's last click on a marker, if any."""
    if not event:
        return None
    clicked = event.get("last_object_clicked")
    if not clicked:
        return None
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if lat is None or lng is None:
        return None
    tooltip = (event.get("last_object_clicked_tooltip") or "").split("\n", 1)[0].strip()
    return float(lat), float(lng), tooltip


def pick_by_label(at_position: Sequence[tuple[str, str]], tooltip: str) -> str | None:
    """Of the (id, label HTML) pairs at the clicked position, the one the tooltip names, else the first."""
    for site_id, label in at_position:
        if unescape_html(label) == tooltip:
            return site_id
    return at_position[0][0] if at_position else None


def site_id_from_click(
    event: dict[str, Any] | None, visible_payload: dict[str, Any]
) -> str | None:
    """The id of the clicked marker, from st_folium's last click and tooltip text.

    Leaflet reports a marker's own position on click; the tooltip's first line (its text,
    already unescaped by the component; the category line follows a newline) tells apart
    sites that share a position.
    """
    clicked = clicked_point(event)
    if clicked is None:
        return None
    lat, lng, tooltip = clicked
    return pick_by_label([(str(row[3]), row[4]) for row in visible_payload["sites"]
                          if abs(row[0] - lat) < 1e-6 and abs(row[1] - lng) < 1e-6], tooltip)


ROUTE_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")


def route_layer_payload(
    stops: Sequence[tuple[float, float, int, int, bool]],
    paths: Sequence[Sequence[tuple[float, float]]],
    points: Sequence[tuple[float, float, str, str]],
    transform: DisplayTransform = identity,
    day_labels: Sequence[tuple[int, str]] = (),
    point_labels: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Compact route data: stops [lat, lon, number, day, has_warning], paths per day, points.

    ``stops`` and ``paths`` take (lon, lat, ...) in WGS-84; ``points`` are (lon, lat,
    plain label, 'start'|'end'), whose label is escaped here. The legend has a row per
    ``day_labels`` (day number, plain text) in that day's colour, then the start and end
    (``point_labels``: 'S'/'E', plain text), escaped here too.
    """
    def shown(lon: float, lat: float) -> list[float]:
        x, y = transform(lon, lat)
        return [round(y, 6), round(x, 6)]

    return {
        "colours": list(ROUTE_COLOURS),
        "stops": [[*shown(lon, lat), number, day, bool(warn)]
                  for lon, lat, number, day, warn in stops],
        "paths": [[shown(lon, lat) for lon, lat in path] for path in paths],
        "points": [[*shown(lon, lat), escape_text(label), kind] for lon, lat, label, kind in points],
        "legend": [[ROUTE_COLOURS[(day - 1) % len(ROUTE_COLOURS)], escape_text(label), str(day)]
                   for day, label in day_labels]
        + [["#333", escape_text(label), mark] for mark, label in point_labels],
    }
