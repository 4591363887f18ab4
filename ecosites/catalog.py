"""Loading the catalogue: every ``*.geojson`` in a directory into one GeoDataFrame.

A bad file or feature never stops the load: valid sites are kept and every problem
is returned in plain words, naming the file, the feature and the field.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from ecosites import schema
from ecosites.paths import BUNDLED_GEODATA
from ecosites.search import add_search_columns
from ecosites.validate import FileReport, Problem, SeenIds, ValidFeature, validate_geojson_bytes
from ecosites.vocab import Category

CATEGORIES_FILE = "categories.json"
TAGS_FILE = "tags.json"
METRIC_CRS = "EPSG:32648"  # UTM zone 48N covers Guiyang (104°E–110°E): areas in m².
SQUARE_METRES_PER_HECTARE = 10_000.0


@dataclass
class Catalog:
    """The loaded catalogue: valid sites, what was ignored and why, and its vocabularies."""

    sites: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)


def catalog_files(directory: Path) -> list[Path]:
    """The catalogue's GeoJSON files, sorted by name so the load order is stable."""
    return sorted(p for p in directory.glob("*.geojson") if p.is_file())


def catalog_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime_ns, size) of every file the load depends on: a cache key."""
    paths = [*catalog_files(directory), directory / CATEGORIES_FILE, directory / TAGS_FILE]
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


def _geometries(path: Path, report: FileReport) -> list[Any]:
    """Geometries of the valid features, read with GeoPandas (pyogrio/GDAL) in file order.

    The JSON was checked first, because GDAL reads some malformed input without a word
    (docs/reference/stack-notes.md). Should GDAL fail on a file the checks passed, or count its features
    differently, shapely builds the geometries from the checked JSON instead.
    GDAL costs about 0.2 s per 10,000 sites (benchmarks/README.md).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = gpd.read_file(path, engine="pyogrio", columns=[])
        if len(frame) == report.feature_count:
            return list(frame.geometry.values[[f.number - 1 for f in report.features]])
    except Exception:  # noqa: BLE001 - any GDAL failure falls back to the checked JSON
        pass
    return [shapely.geometry.shape(f.geometry) for f in report.features]


def _records(features: list[ValidFeature], file_name: str) -> list[dict[str, Any]]:
    records = []
    for feature in features:
        record = feature.properties.model_dump()
        record[schema.SOURCE_FILE] = file_name
        records.append(record)
    return records


def empty_sites() -> gpd.GeoDataFrame:
    """A GeoDataFrame with every catalogue column and no rows."""
    columns = [*schema.PROPERTY_NAMES, schema.SOURCE_FILE, schema.LON, schema.LAT,
               schema.AREA_HA, schema.GEOMETRY_TYPE, schema.SEARCH_TEXT, *schema.SEARCH_COLUMNS]
    frame = gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in columns},
                             geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    return frame.set_index(pd.Index([], dtype=object), drop=False)


def add_derived_columns(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Marker position (representative point), area of boundaries, search text and keys."""
    points = sites.geometry.representative_point()
    sites[schema.LON] = points.x.round(6)
    sites[schema.LAT] = points.y.round(6)
    sites[schema.GEOMETRY_TYPE] = sites.geometry.geom_type
    polygonal = sites[schema.GEOMETRY_TYPE].isin(["Polygon", "MultiPolygon"])
    sites[schema.AREA_HA] = None
    if polygonal.any():
        area = sites.loc[polygonal].geometry.to_crs(METRIC_CRS).area / SQUARE_METRES_PER_HECTARE
        sites.loc[polygonal, schema.AREA_HA] = area.round(1)
    sites[schema.SEARCH_TEXT] = (
        sites[schema.NAME_EN].fillna("") + "\n" + sites[schema.NAME_ZH].fillna("") + "\n"
        + sites[schema.HIGHLIGHT_EN].fillna("") + "\n" + sites[schema.HIGHLIGHT_ZH].fillna("")
    ).str.lower()
    return add_search_columns(sites)


def load_catalog(directory: Path) -> Catalog:
    """Load and validate every ``*.geojson`` in ``directory``; never raises for bad data."""
    categories, problems = load_categories(directory)
    tags, tag_problems = load_tags(directory)
    problems.extend(tag_problems)
    files = catalog_files(directory)
    if not directory.is_dir():
        problems.append(Problem(str(directory), "the catalogue directory does not exist"))
    elif not files:
        problems.append(Problem(str(directory), "the catalogue directory has no .geojson files",
                                severity="warning"))
    records: list[dict[str, Any]] = []
    geometries: list[Any] = []
    seen = SeenIds()
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(path.name, f"the file cannot be read: {exc.strerror}"))
            continue
        report = validate_geojson_bytes(raw, path.name)
        problems.extend(report.problems)
        if not report.features:
            continue
        file_geometries = _geometries(path, report)
        for feature, record, geometry in zip(
            report.features, _records(report.features, path.name), file_geometries, strict=True
        ):
            duplicate = seen.duplicate(feature, path.name)
            if duplicate is not None:
                problems.append(duplicate)
                continue
            records.append(record)
            geometries.append(geometry)
    if not records:
        return Catalog(empty_sites(), problems, categories, tags)
    sites = gpd.GeoDataFrame(records, geometry=geometries, crs="EPSG:4326")
    for column in schema.PROPERTY_NAMES:
        # pandas 3 stores missing strings and numbers as NaN; the catalogue keeps None.
        values = sites[column].astype(object)
        sites[column] = values.where(values.notna(), None)
    sites.index = pd.Index(sites[schema.ID].tolist(), dtype=object)
    return Catalog(add_derived_columns(sites), problems, categories, tags)
