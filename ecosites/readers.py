"""Reading uploads into validated features, whatever format staff's GIS exported.

GeoJSON goes through the validator's own strict parser (GDAL is lenient where a
validator must not be). GeoPackage, zipped Shapefile, KML/KMZ and GPX are read by
GeoPandas/pyogrio; their features then go through the very same checks. A file's own
CRS (a ``.prj``, a GeoPackage SRS) is honoured and converted to WGS-84.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely.geometry

from ecosites import gisworker, schema
from ecosites.crs import SourceCrs, combine, from_pyproj
from ecosites.escape import shown_text
from ecosites.validate import (
    FileReport,
    Limits,
    Problem,
    check_count,
    check_size,
    validate_features,
    validate_upload_bytes,
)
from ecosites.validate.core import wide_encoding
from ecosites.validate.libraries import gdal_finding, zip_finding
from ecosites.validate.problem import finding, with_values

SUPPORTED_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".gpkg", ".zip", ".kml", ".kmz", ".gpx")
FORMAT_NAMES = {"gpkg": "GeoPackage", "shapefile": "zipped Shapefile", "kml": "KML", "gpx": "GPX"}
SUPPORTED_HELP = "GeoJSON, GeoPackage (.gpkg), a zipped Shapefile (.zip), KML/KMZ or GPX"
GIS_FIELDS_HINT = (
    "KML, GPX and Shapefile exports must carry the site properties as fields (id, category, "
    "name_en or name_zh; coordinate_accuracy_m and coordinate_source when known); GeoJSON or "
    "GeoPackage keep them best"
)
_SHAPEFILE_NAME_CHARS = 10
# Properties holding lists (or, for transit, an object): GIS formats have neither, so exports
# store them as JSON text.
_LIST_FIELDS = frozenset((*schema.LIST_PROPERTIES, schema.CLOSED_WEEKDAYS, schema.TRANSIT))


def sniff_format(name: str, raw: bytes) -> str | None:
    """'geojson', 'gpkg', 'zip', 'kml' or 'gpx' from the content (then the name), or None."""
    suffix = Path(name).suffix.lower()
    if raw.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        if b"<kml" in head:
            return "kml"
        if b"<gpx" in head:
            return "gpx"
        return {".kml": "kml", ".gpx": "gpx"}.get(suffix, "geojson")
    if suffix in (".geojson", ".json", "") or head[:1] in (b"{", b"["):
        return "geojson"
    return None


def read_upload(
    name: str, raw: bytes, chosen: SourceCrs | None = None, limits: Limits | None = None,
    repair: bool = False,
) -> FileReport:
    """Read and validate one uploaded file; never raises for bad content."""
    limits = limits or Limits()
    too_big = check_size(len(raw), name, limits)
    if too_big is not None:
        return FileReport(name, problems=[too_big])
    raw = _xml_as_utf8(raw)
    kind = sniff_format(name, raw)
    if kind == "geojson":
        return validate_upload_bytes(raw, name, chosen, limits, repair)
    if kind is None:
        hint = ("zip the .shp together with its .shx, .dbf and .prj and upload the .zip"
                if name.lower().endswith(".shp") else f"upload {SUPPORTED_HELP}")
        return FileReport(name, problems=[Problem(
            name, f"files of type '{Path(name).suffix or name}' cannot be read", hint=hint)],
            readable=False)
    with tempfile.TemporaryDirectory(prefix="ecosites-upload-") as folder:
        path = Path(folder) / f"upload.{kind}"
        path.write_bytes(raw)
        return _read_with_gdal(name, path, kind, chosen, limits, repair)


_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")


def _xml_as_utf8(raw: bytes) -> bytes:
    """KML or GPX saved as UTF-16/32 (with or without a byte-order mark) re-encoded as UTF-8.

    GDAL's XML readers refuse these; GeoJSON in them is left as it is, for the validator
    to name its encoding.
    """
    wide = wide_encoding(raw)
    if wide is None:
        return raw
    try:
        text = raw.decode(wide[0]).lstrip("\ufeff")
    except UnicodeDecodeError:
        return raw
    if not text.lstrip().startswith("<"):
        return raw
    return _XML_ENCODING.sub(r"\g<1>UTF-8\g<2>", text, count=1).encode("utf-8")


def read_path(
    path: Path, chosen: SourceCrs | None = None, limits: Limits | None = None, repair: bool = False
) -> FileReport:
    """Read and validate a file on disk (the command line's door); only regular files are read."""
    limits = limits or Limits()
    try:
        raw = _read_regular_file(path, limits)
    except OSError as exc:
        return FileReport(path.name, problems=[Problem(
            str(path), f"the file cannot be read: {exc.strerror or exc}")], readable=False)
    if isinstance(raw, FileReport):
        return raw
    return read_upload(path.name, raw, chosen, limits, repair)


_SPECIAL_FILES = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a pipe (FIFO)"),
                  (stat.S_ISSOCK, "a socket"))


def _read_regular_file(path: Path, limits: Limits) -> bytes | FileReport:
    """A regular file's bytes, at most the upload limit; devices, pipes and the like are refused.

    The file is opened without blocking (a FIFO with no writer would wait for ever) and
    checked with fstat on the open descriptor, so it cannot be swapped after the check.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((what for test, what in _SPECIAL_FILES if test(mode)), "not a regular file")
            return FileReport(path.name, problems=[Problem(
                str(path), f"this is {kind}, not a file; only regular files are read",
                hint=f"give the path of a file: {SUPPORTED_HELP}")], readable=False)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # One byte past the limit: a file that grows while it is read is still caught.
            raw = handle.read(limits.max_bytes + 1)
    finally:
        os.close(descriptor)
    too_big = check_size(len(raw), path.name, limits)
    return FileReport(path.name, problems=[too_big]) if too_big is not None else raw


# Below this many inflated bytes a member's compression ratio is not checked: small
# files legitimately compress far (a .dbf of empty fields), and cannot hurt.
_RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK_BYTES = 64 * 1024
# The Shapefile's parts that GDAL reads, copied out of the zip under fixed names.
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _damaged_zip(name: str) -> FileReport:
    return FileReport(name, problems=[zip_finding().at(name)], readable=False)


def _zip_too_big(name: str, message: str) -> FileReport:
    return FileReport(name, problems=[Problem(
        name, message, hint="split it into smaller files, or raise ECOSITES_MAX_UPLOAD_MB")])


def _over(key: str, name: str, **values: str) -> FileReport:
    """A report of one limit hit (the message, in both languages, names its setting)."""
    return FileReport(name, problems=[with_values(key, values).at(name)])


def _unpack_zip(name: str, path: Path, limits: Limits) -> tuple[str, str] | FileReport:
    """Copy the one Shapefile (or a KMZ's KML) out of a zip under limits, or say why not.

    The sizes in a zip's headers are the sender's word, so members are inflated as a
    stream and stopped at the real byte limit; the member count and each member's
    compression ratio have limits too. GDAL then reads plain files, never the zip.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_zip_members:
                return _over("validate.read.zip_members", name, count=f"{len(entries):,}",
                             limit=f"{limits.max_zip_members:,}")
            members = [m for m in entries if not m.is_dir()]
            declared = sum(m.file_size for m in members)
            if declared > limits.max_bytes:
                return _zip_too_big(name, f"unzipped, the file is {declared / 1048576:.1f} MB; "
                                    f"the limit is {limits.max_bytes / 1048576:.1f} MB")
            chosen = _zip_members(name, members)
            if isinstance(chosen, FileReport):
                return chosen
            kind, parts = chosen
            budget = limits.max_bytes
            for member, suffix in parts:
                written = _inflate(archive, member, path.with_name(f"unzipped{suffix}"),
                                   budget, name, limits)
                if isinstance(written, FileReport):
                    return written
                budget -= written
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):  # the last two: unknown compression, encryption
        return _damaged_zip(name)
    main = ".kml" if kind == "kml" else ".shp"
    return str(path.with_name(f"unzipped{main}")), kind


def _zip_members(
    name: str, members: Sequence[zipfile.ZipInfo]
) -> tuple[str, list[tuple[zipfile.ZipInfo, str]]] | FileReport:
    """('shapefile' or 'kml', [(member, suffix to copy it as)]), or why the zip cannot be used."""
    shapefiles = [m.filename for m in members if m.filename.lower().endswith(".shp")]
    kmls = [m for m in members if m.filename.lower().endswith(".kml")]
    if len(shapefiles) == 1:
        stem = shapefiles[0][:-4].lower()
        parts = {m.filename.lower()[len(stem):]: m for m in members
                 if m.filename.lower().startswith(stem)}
        missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
        if missing:
            return FileReport(name, problems=[Problem(
                name, f"the Shapefile in the zip lacks its {' and '.join(missing)}",
                hint="zip all the files that share the .shp's name")], readable=False)
        return "shapefile", [(parts[ext], ext) for ext in _SHAPEFILE_PARTS if ext in parts]
    if len(shapefiles) > 1:
        return FileReport(name, problems=[Problem(
            name, f"the zip holds {len(shapefiles)} Shapefiles", hint="upload one Shapefile per zip")])
    if kmls:
        return "kml", [(kmls[0], ".kml")]
    return FileReport(name, problems=[Problem(
        name, "the zip holds no Shapefile (.shp) or KML", hint=f"upload {SUPPORTED_HELP}")],
        readable=False)


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, budget: int,
             name: str, limits: Limits) -> int | FileReport:
    """Inflate one member to ``target`` in chunks; the bytes written, or the limit it hit."""
    written = 0
    with archive.open(member) as source, open(target, "wb") as out:
        while chunk := source.read(_CHUNK_BYTES):
            written += len(chunk)
            if written > budget:
                return _over("validate.read.unzipped", name, limit=f"{limits.max_bytes / 1048576:.1f}")
            ratio = written / max(member.compress_size, 1)
            if written > _RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
                return _over("validate.read.zip_ratio", name, member=shown_text(member.filename),
                             limit=f"{limits.max_zip_ratio:g}")
            out.write(chunk)
    return written


def _read_with_gdal(
    name: str, path: Path, kind: str, chosen: SourceCrs | None, limits: Limits, repair: bool
) -> FileReport:
    source = str(path)
    if kind == "zip":
        target = _unpack_zip(name, path, limits)
        if isinstance(target, FileReport):
            return target
        source, kind = target
    label = FORMAT_NAMES[kind]
    notes: list[Problem] = []
    frames = gisworker.read_layers(source, limits.read_seconds, limits.read_memory_bytes)
    if isinstance(frames, gisworker.ReadFailure):
        return FileReport(name, problems=[_failure_problem(name, label, frames, limits)],
                          readable=False)
    if kind == "gpx":
        ignored = [layer for layer, frame in frames.items() if layer != "waypoints" and len(frame)]
        if ignored:
            notes.append(Problem(name, f"GPX {', '.join(ignored)} are ignored: sites are waypoints",
                                 severity="warning"))
        frames = {layer: frame for layer, frame in frames.items() if layer == "waypoints"}
    count = sum(len(frame) for frame in frames.values())
    too_many = check_count(count, name, limits)
    if too_many is not None:
        return FileReport(name, problems=[too_many], feature_count=count)
    return _validate_frames(name, kind, list(frames.values()), chosen, repair, notes)


def _failure_problem(name: str, label: str, failure: gisworker.ReadFailure,
                     limits: Limits) -> Problem:
    """The plain message for a read the worker could not finish; a limit names its setting."""
    if failure.reason == "time":
        return finding("validate.read.time", seconds=f"{limits.read_seconds:g}",
                       format=label).at(name)
    if failure.reason == "memory":
        return finding("validate.read.memory", mb=f"{limits.read_memory_bytes / 1048576:g}",
                       format=label).at(name)
    if failure.reason == "stopped":
        return finding("validate.read.stopped").at(name)
    return gdal_finding(label, failure.detail).at(name)


def _validate_frames(
    name: str, kind: str, frames: Sequence[gpd.GeoDataFrame], chosen: SourceCrs | None,
    repair: bool, notes: list[Problem],
) -> FileReport:
    features: list[dict[str, Any]] = []
    source = chosen
    for frame in frames:
        declared = from_pyproj(frame.crs) if frame.crs is not None else None
        source, conflict = combine(declared, chosen)
        if conflict:
            return FileReport(name, problems=[*notes, Problem(name, conflict, field="crs")])
        if source.proj is not None:
            # GDAL knows the file's CRS exactly; let it reproject, then undo any map offset.
            frame = frame.to_crs("EPSG:4326")
        features.extend(frame_features(frame))
        unmatched = [c for c, p in _column_names(list(frame.columns)).items()
                     if p not in schema.PROPERTY_NAMES and c != frame.geometry.name]
        if kind == "shapefile" and unmatched:
            notes.append(Problem(
                name, "Shapefile cut these field names to 10 characters and they cannot be "
                f"matched to site properties: {', '.join(unmatched[:12])}",
                hint="export GeoPackage or GeoJSON instead, which keep full field names",
                severity="warning"))
    effective = SourceCrs(source.label, None, source.datum) if source else None
    report = validate_features(features, name, effective, repair)
    if source is not None:
        report.source_crs = source.label
    if features and kind in ("kml", "gpx", "shapefile") and not any(
            isinstance(f["properties"].get(schema.ID), str) for f in features):
        notes.append(Problem(name, f"no feature has an 'id' field ({FORMAT_NAMES[kind]})",
                             field=schema.ID, hint=GIS_FIELDS_HINT, severity="warning"))
    report.problems[:0] = notes
    return report


def _plain(value: Any, column: str) -> Any:
    """A GDAL field value as plain JSON; None for nulls."""
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if value is None or isinstance(value, bytes):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if (column in _LIST_FIELDS and isinstance(value, str)
            and value.strip().startswith(("[", "{"))):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return value
    return value


def _column_names(columns: Sequence[str]) -> dict[str, str]:
    """Column -> property name, undoing Shapefile's 10-character cut where unambiguous."""
    names = {}
    for column in columns:
        if column in schema.PROPERTY_NAMES or len(column) != _SHAPEFILE_NAME_CHARS:
            names[column] = column
            continue
        matches = [p for p in schema.PROPERTY_NAMES if p[:_SHAPEFILE_NAME_CHARS] == column]
        names[column] = matches[0] if len(matches) == 1 else column
    return names


def _lists(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def frame_features(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """GeoJSON-like Feature dicts of a GeoDataFrame, with plain JSON property values."""
    geometry_column = frame.geometry.name
    columns = [c for c in frame.columns if c != geometry_column]
    names = _column_names(columns)
    features = []
    for record, geometry in zip(frame[columns].to_dict("records"), frame.geometry, strict=True):
        properties = {names[c]: v for c in columns
                      if (v := _plain(record[c], names[c])) is not None}
        shape = None
        if geometry is not None and not geometry.is_empty:
            mapped = shapely.geometry.mapping(geometry)
            shape = {"type": mapped["type"], "coordinates": _lists(mapped.get("coordinates"))}
        features.append({"type": "Feature", "geometry": shape, "properties": properties})
    return features
