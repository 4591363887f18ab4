"""Loading the catalogue: every ``*.geojson`` in a directory into one GeoDataFrame.

A bad file or feature never stops the load: valid sites are kept and every problem
is returned in plain words, naming the file, the feature and the field.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import itertools
import json
import operator
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ecosites import schema
from ecosites.paths import BUNDLED_GEODATA
from ecosites.search import add_search_text
from ecosites.store import TEMPLATE_FILE
from ecosites.validate import FileReport, Problem, SeenIds, ValidFeature, validate_geojson_bytes
from ecosites.validate.core import validate_features
from ecosites.validate.media import MEDIA_DIR, checked_media
from ecosites.vocab import Category

CATEGORIES_FILE = "categories.json"
TAGS_FILE = "tags.json"
METRIC_CRS = "EPSG:32648"  # UTM zone 48N covers Guiyang (104°E–110°E): areas in m².
SQUARE_METRES_PER_HECTARE = 10_000.0
_Derived = TypeVar("_Derived")


@dataclass
class _GcPause:
    """Loads now running with the collector paused (two sessions may load at once)."""

    running: int = 0
    was_enabled: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


_GC_PAUSE = _GcPause()


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a load builds its objects.

    A load allocates millions of objects that all stay alive, so every collection it
    triggers walks a growing heap and frees nothing: at 20,000 sites that was a third of
    the load, and the share grows with the catalogue. Reference counting still frees
    what the load drops. The collector runs again when the last load running ends, if it
    was running before the first began.
    """
    with _GC_PAUSE.lock:
        if _GC_PAUSE.running == 0:
            _GC_PAUSE.was_enabled = gc.isenabled()
            gc.disable()
        _GC_PAUSE.running += 1
    try:
        yield
    finally:
        with _GC_PAUSE.lock:
            _GC_PAUSE.running -= 1
            if _GC_PAUSE.running == 0 and _GC_PAUSE.was_enabled:
                gc.enable()


@dataclass
class Catalog:
    """The loaded catalogue: valid sites, what was ignored and why, and its vocabularies."""

    sites: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    # What pages derive from these sites, kept with them: it goes when the catalogue goes,
    # and dataclasses.replace (a narrowed copy) starts empty.
    _derived: dict[tuple[Hashable, ...], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, build: Callable[..., _Derived], *args: Hashable) -> _Derived:
        """``build(self.sites, *args)``, computed once per catalogue (every caller treats it as read-only).

        A filter rerun would otherwise repeat work that depends only on the catalogue and
        a language; two sessions asking at once may both build it, and one result is kept.
        """
        key = (build, *args)
        try:
            return cast(_Derived, self._derived[key])
        except KeyError:
            return cast(_Derived, self._derived.setdefault(key, build(self.sites, *args)))


def catalog_files(directory: Path) -> list[Path]:
    """The catalogue's GeoJSON files (not the template), sorted by name so the load order is stable."""
    return sorted(p for p in directory.glob("*.geojson") if p.is_file() and p.name != TEMPLATE_FILE)


def catalog_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime_ns, size) of every file the load depends on: a cache key."""
    media = directory / MEDIA_DIR
    photos = sorted(p for p in media.iterdir() if p.is_file()) if media.is_dir() else []
    paths = [*catalog_files(directory), directory / CATEGORIES_FILE, directory / TAGS_FILE,
             *photos]
    signature = []
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        signature.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def load_categories(directory: Path) -> tuple[list[Category], list[Problem]]:
    """Read categories.json from the directory, else the bundled one."""
    path = directory / CATEGORIES_FILE
    if not path.exists():
        path = BUNDLED_GEODATA / CATEGORIES_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        categories = [Category(**row) for row in rows]
    except (OSError, ValueError, TypeError) as exc:
        raise RuntimeError(f"{path} is not a valid category list: {exc}") from exc
    if tuple(c.slug for c in categories) != schema.CATEGORY_SLUGS:
        raise RuntimeError(f"{path} must list exactly the categories {schema.CATEGORY_SLUGS}")
    return categories, []


def load_tags(directory: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Tag labels ({slug: {en, zh}}) from tags.json; an unreadable file is a warning."""
    path = directory / TAGS_FILE
    if not path.exists():
        path = BUNDLED_GEODATA / TAGS_FILE
    if not path.exists():
        return {}, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("expected an object of tag: {en, zh}")
        return {str(k): {"en": str(v.get("en", k)), "zh": str(v.get("zh", k))}
                for k, v in data.items()}, []
    except (OSError, ValueError, AttributeError) as exc:
        return {}, [Problem(path.name, f"tag labels could not be read ({exc}); tags show as slugs",
                            severity="warning")]


def geometries_from_geojson(geometries: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """Shapely geometries of already validated GeoJSON geometry objects, in order.

    Built from the coordinates the validator checked, so no file is parsed twice. Points,
    nearly every site, are made in one vectorised ``shapely.points`` call.
    """
    shapes = np.empty(len(geometries), dtype=object)
    point_rows: list[int] = []
    point_positions: list[Any] = []
    for row, geometry in enumerate(geometries):
        coordinates = geometry["coordinates"]
        if geometry["type"] == "Point" and len(coordinates) == 2:
            point_rows.append(row)
            point_positions.append(coordinates)
        else:  # boundaries, multi-points and points with a height
            shapes[row] = shapely.geometry.shape(dict(geometry))  # its stubs want a dict
    if point_rows:
        shapes[point_rows] = shapely.points(np.asarray(point_positions, dtype=float))
    return shapes


class _Site(NamedTuple):
    """One valid feature of a file on its way into the frame."""

    number: int
    site_id: str
    record: dict[str, Any]
    geometry: dict[str, Any]


def _records(features: list[ValidFeature], file_name: str) -> list[dict[str, Any]]:
    records = []
    for feature in features:
        record = feature.properties.model_dump()
        record[schema.SOURCE_FILE] = file_name
        records.append(record)
    return records


def with_checked_media(
    features: list[ValidFeature], media_dir: Path, file_name: str
) -> tuple[list[ValidFeature], list[Problem]]:
    """The features with photos whose files fail dropped (the site stays), and why each was."""
    checked: list[ValidFeature] = []
    problems: list[Problem] = []
    for feature in features:
        if not feature.properties.media:
            checked.append(feature)
            continue
        properties, found = checked_media(feature.properties, media_dir, file_name, feature.number)
        problems.extend(found)
        checked.append(dataclasses.replace(feature, properties=properties))
    return checked, problems


def _property_defaults() -> dict[str, Any]:
    """What a property missing from a record becomes: the schema's default, else None."""
    defaults: dict[str, Any] = {}
    for name, info in schema.SiteProperties.model_fields.items():
        defaults[name] = None if info.is_required() else info.get_default(call_default_factory=True)
    defaults[schema.SOURCE_FILE] = None
    return defaults


_DEFAULTS = _property_defaults()


def _property_cells(records: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """Every record's properties as one (record, property) object array, properties in schema order.

    A record's dict is read once for all its properties, straight into the one block pandas
    keeps object columns in: a list and a Series per property (then stacked into that block)
    took a second at 100,000 sites. Where a record leaves a property out, it gets a copy of
    the default.
    """
    names = tuple(_DEFAULTS)
    count = len(records) * len(names)
    try:  # a loaded file's records hold every property: each taken in one C-level call
        rows: Iterator[tuple[Any, ...]] = map(operator.itemgetter(*names), records)
        cells = np.fromiter(itertools.chain.from_iterable(rows), dtype=object, count=count)
    except KeyError:
        rows = (tuple(record[name] if name in record else copy.copy(default)
                      for name, default in _DEFAULTS.items()) for record in records)
        cells = np.fromiter(itertools.chain.from_iterable(rows), dtype=object, count=count)
    return cells.reshape(len(records), len(names))


def sites_frame(
    records: Sequence[Mapping[str, Any]], geometries: Sequence[Any] | np.ndarray
) -> gpd.GeoDataFrame:
    """The one shape of sites from load to panel: a GeoDataFrame indexed by id.

    Every property is an object column whose missing values are ``None`` (never NaN)
    and whose lists are Python lists, so consumers need no NaN checks; then the marker
    position, area, search text and search keys are added. ``records`` are site
    properties as plain values (``SiteProperties.model_dump()``).
    """
    index = pd.Index([record[schema.ID] for record in records], dtype=object)
    # dtype=object: pandas would otherwise turn columns of text into its str dtype.
    properties = pd.DataFrame(_property_cells(records), index=index, columns=list(_DEFAULTS),
                              dtype=object, copy=False)
    sites = gpd.GeoDataFrame(
        properties, geometry=gpd.GeoSeries(list(geometries), index=index, crs="EPSG:4326"))
    return _add_derived_columns(sites)


def empty_sites() -> gpd.GeoDataFrame:
    """A sites frame with every catalogue column and no rows."""
    return sites_frame([], [])


def site_row(sites: pd.DataFrame, site_id: str) -> dict[str, Any]:
    """One site's columns by name: the mapping that details, compare and the planner read."""
    return {str(column): value for column, value in sites.loc[site_id].items()}


def marker_positions(geometries: gpd.GeoSeries) -> tuple[pd.Series, pd.Series]:
    """(lon, lat) where a site's marker goes: its representative point, to 6 decimals.

    The database store stores the same values at publish (``ecosites/pgstore/markers.py``),
    so a view query there selects by exactly the positions the file store uses.
    """
    points = geometries.representative_point()
    return points.x.round(6), points.y.round(6)


def _add_derived_columns(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Marker position (representative point), area of boundaries, search text and keys."""
    sites[schema.LON], sites[schema.LAT] = marker_positions(sites.geometry)
    sites[schema.GEOMETRY_TYPE] = sites.geometry.geom_type.astype(object)
    polygonal = sites[schema.GEOMETRY_TYPE].isin(["Polygon", "MultiPolygon"]).to_numpy()
    area_ha = np.full(len(sites), None, dtype=object)
    if polygonal.any():
        area = sites.loc[polygonal].geometry.to_crs(METRIC_CRS).area / SQUARE_METRES_PER_HECTARE
        area_ha[polygonal] = area.round(1).tolist()
    sites[schema.AREA_HA] = pd.Series(area_ha, index=sites.index, dtype=object)
    return add_search_text(sites)


def load_catalog(directory: Path, bulk: bool = True) -> Catalog:
    """Load and validate every ``*.geojson`` in ``directory``; never raises for bad data.

    ``bulk=False`` validates every feature one by one; the catalogue is the same either
    way (tests/unit/test_bulk_validate.py), bulk is only faster.
    """
    files = catalog_files(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), "the catalogue directory does not exist"))
    elif not files:
        problems.append(Problem(str(directory), "the catalogue directory has no .geojson files",
                                severity="warning"))
    documents: list[tuple[str, bytes]] = []
    for path in files:
        try:
            documents.append((path.name, path.read_bytes()))
        except OSError as exc:
            problems.append(Problem(path.name, f"the file cannot be read: {exc.strerror}"))
    return _load_documents(documents, directory, problems, bulk)


def catalog_from_features(features: list[dict[str, Any]], reference_dir: Path,
                          name: str = "sites.geojson") -> Catalog:
    """Load features held elsewhere (the database) exactly as a catalogue file would be loaded."""
    data = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()
    return _load_documents([(name, data)], reference_dir, [])


def _load_documents(documents: list[tuple[str, bytes]], reference_dir: Path,
                    problems: list[Problem], bulk: bool = True) -> Catalog:
    """Validate (name, bytes) GeoJSON documents into one catalogue; categories from reference_dir."""
    with cyclic_gc_paused():
        return _validated_documents(documents, reference_dir, problems, bulk)


def _file_sites(report: FileReport, media_dir: Path) -> tuple[list[_Site], list[Problem]]:
    """A file's sites in feature order, the per-feature ones after their photo check, and its problems."""
    name = report.file
    features, media_problems = with_checked_media(report.features, media_dir, name)
    sites = [_Site(feature.number, feature.properties.id, record, feature.geometry)
             for feature, record in zip(features, _records(features, name), strict=True)]
    if report.records:
        sites += [_Site(site.number, site.properties[schema.ID],
                        {**site.properties, schema.SOURCE_FILE: name}, site.geometry)
                  for site in report.records]
        sites.sort(key=lambda site: site.number)
    return sites, media_problems


@dataclass(frozen=True)
class FeatureSlice:
    """Some of one catalogue file's features, loaded (``ecosites/prepared_halves.py`` loads halves)."""

    problems: list[Problem]  # what validating them found, in feature order
    media_problems: list[Problem]  # what the photo check found, after those in a whole load
    sites: gpd.GeoDataFrame


def load_feature_slice(features: Sequence[Any], first_number: int, file: str,
                       reference_dir: Path) -> FeatureSlice:
    """``features`` (the file's from number ``first_number`` on) as ``load_catalog`` loads them.

    Their ids are unique among themselves; whether they are unique in the whole file is
    for the caller to check.
    """
    report = validate_features(features, file, bulk=True, first_number=first_number)
    file_sites, media_problems = _file_sites(report, reference_dir / MEDIA_DIR)
    geometries = geometries_from_geojson([site.geometry for site in file_sites])
    return FeatureSlice(report.problems, media_problems,
                        sites_frame([site.record for site in file_sites], geometries))


def _validated_documents(documents: list[tuple[str, bytes]], reference_dir: Path,
                         problems: list[Problem], bulk: bool) -> Catalog:
    categories, category_problems = load_categories(reference_dir)
    tags, tag_problems = load_tags(reference_dir)
    problems = [*category_problems, *tag_problems, *problems]
    records: list[dict[str, Any]] = []
    geometries: list[Any] = []
    seen = SeenIds()
    for name, raw in documents:
        report = validate_geojson_bytes(raw, name, bulk)
        problems.extend(report.problems)
        file_sites, media_problems = _file_sites(report, reference_dir / MEDIA_DIR)
        problems.extend(media_problems)
        if not file_sites:
            continue
        file_geometries = geometries_from_geojson([site.geometry for site in file_sites])
        for site, geometry in zip(file_sites, file_geometries, strict=True):
            duplicate = seen.duplicate_id(site.site_id, site.number, name)
            if duplicate is not None:
                problems.append(duplicate)
                continue
            records.append(site.record)
            geometries.append(geometry)
    return Catalog(sites_frame(records, geometries), problems, categories, tags)
