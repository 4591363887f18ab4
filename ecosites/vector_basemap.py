"""The offline vector basemap: one PMTiles archive, served by the app itself, drawn in the browser.

``ECOSITES_TILES=pmtiles`` with ``ECOSITES_PMTILES=path/to/guiyang.pmtiles``. At start the
archive is made reachable under Streamlit's static serving (``static/basemap/``), which
answers HTTP range requests with 206, so the browser reads only the tiles it shows.
Streamlit resolves symbolic links and refuses any that leave ``static/``, and refuses files
over 200 MB, so the archive is hard-linked there (copied when the link cannot be made).

pmtiles reads the archive and protomaps-leaflet paints it (both in ``static/vendor/``) with
the Protomaps basemap style, whose schema (layers ``earth``, ``water``, ``landuse``,
``roads``, ``places``, ...) is what ``pmtiles extract`` of a Protomaps build gives; place
labels use ``name:zh`` or ``name:en`` when the archive has them.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from ecosites.escape import escape_text, script_json
from ecosites.mapview import MAX_ZOOM, VENDOR_URL, TileSpec, own_asset_url
from ecosites.paths import STATIC_DIR, STATIC_URL

SERVED_DIR = "basemap"  # under static/, created at start, not committed
MAX_SERVED_BYTES = 200 * 1024 * 1024  # Streamlit's static serving refuses larger files
PROTOMAPS_LAYERS = frozenset({"earth", "water"})  # the base layers of the Protomaps schema
FLAVOR = "light"  # protomaps-leaflet's light theme: earth #e2dfda, water #80deea
_MAGIC = b"PMTiles\x03"
_HEADER_BYTES = 127
_MVT = 1  # the header's tile type for Mapbox Vector Tiles
_COMPRESSION_NONE, _COMPRESSION_GZIP = 1, 2
_TAG = re.compile(r"<[^>]*>")

_SCRIPT = Template(
    """
{% macro script(this, kwargs) %}
window.ecoSites.vectorBasemap({{ this._parent.get_name() }}, {{ this.config }});
{% endmacro %}
"""
)


class ArchiveError(Exception):
    """The configured archive cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class ArchiveInfo:
    """What the map needs from an archive's header and metadata."""

    min_zoom: int
    max_zoom: int
    layers: tuple[str, ...]
    attribution: str  # plain text (tags removed), not yet escaped

    def is_protomaps_schema(self) -> bool:
        """True when the archive has the Protomaps basemap schema's base layers."""
        return set(self.layers) >= PROTOMAPS_LAYERS


def read_archive_info(path: Path) -> ArchiveInfo:
    """The zoom range, layer names and attribution of a PMTiles v3 vector archive."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
            if len(header) < _HEADER_BYTES or not header.startswith(_MAGIC):
                raise ArchiveError(f"{path.name} is not a PMTiles (version 3) archive")
            metadata_offset, metadata_length = struct.unpack_from("<QQ", header, 24)
            internal, _tiles, tile_type, min_zoom, max_zoom = struct.unpack_from("<BBBBB", header, 97)
            if tile_type != _MVT:
                raise ArchiveError(f"{path.name} holds raster tiles; a vector archive is needed")
            handle.seek(metadata_offset)
            raw = handle.read(metadata_length)
    except OSError as exc:
        raise ArchiveError(f"{path} cannot be read: {exc.strerror}") from exc
    try:
        if internal == _COMPRESSION_GZIP:
            raw = gzip.decompress(raw)
        elif internal != _COMPRESSION_NONE:
            raise ArchiveError(f"{path.name} uses a metadata compression this app cannot read")
        metadata: Any = json.loads(raw) if raw else {}
    except (OSError, EOFError, ValueError) as exc:
        raise ArchiveError(f"{path.name} has unreadable metadata") from exc
    if not isinstance(metadata, dict):
        metadata = {}
    layers = tuple(str(layer.get("id", "")) for layer in metadata.get("vector_layers", [])
                   if isinstance(layer, dict))
    attribution = html.unescape(_TAG.sub("", str(metadata.get("attribution", "")))).strip()
    return ArchiveInfo(min_zoom, max_zoom, layers, attribution)


def publish_archive(archive: Path, static_dir: Path = STATIC_DIR) -> str:
    """Make ``archive`` reachable under static/basemap/; its URL relative to the map's page.

    The file name follows the archive's path, size and modification time, so a replaced
    archive gets a new URL (browsers keep static files without asking again).
    """
    try:
        stat = archive.stat()
    except OSError as exc:
        raise ArchiveError(f"{archive} cannot be read: {exc.strerror}") from exc
    if stat.st_size > MAX_SERVED_BYTES:
        raise ArchiveError(f"{archive.name} is {stat.st_size / 1048576:.0f} MB; Streamlit serves "
                           f"at most {MAX_SERVED_BYTES // 1048576} MB: extract a smaller area")
    identity = f"{archive.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    name = hashlib.sha256(identity).hexdigest()[:16] + ".pmtiles"
    served = static_dir / SERVED_DIR
    target = served / name
    try:
        served.mkdir(parents=True, exist_ok=True)
        if not target.is_file():
            _link_or_copy(archive, target)
        for old in served.glob("*.pmtiles"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError as exc:
        raise ArchiveError(f"{served} cannot take the archive: {exc.strerror}") from exc
    return f"{STATIC_URL}/{SERVED_DIR}/{name}"


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link when both are on one file system, else a copy; never half a file."""
    handle, temporary = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(handle)
    os.unlink(temporary)
    try:
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def archive_tiles(archive: Path, static_dir: Path = STATIC_DIR) -> TileSpec:
    """The archive checked, served under static/ and described as the map's basemap."""
    info = read_archive_info(archive)
    if not info.is_protomaps_schema():
        found = ", ".join(info.layers) or "none"
        raise ArchiveError(f"{archive.name} has the layers {found}, not the Protomaps basemap "
                           f"schema ({', '.join(sorted(PROTOMAPS_LAYERS))}, roads, places, ...)")
    url = publish_archive(archive, static_dir)
    return TileSpec("pmtiles", (url,), escape_text(info.attribution), MAX_ZOOM, "",
                    vector=True, data_max_zoom=info.max_zoom)


BASEMAP_JS: list[tuple[str, str]] = [
    ("pmtiles", f"{VENDOR_URL}/pmtiles/pmtiles.js"),
    ("protomaps_leaflet", f"{VENDOR_URL}/protomaps-leaflet/protomaps-leaflet.js"),
    ("ecosites_basemap", own_asset_url("js/basemap.js")),
]


class VectorBasemap(JSCSSMixin, MacroElement):
    """The archive as the map's basemap (static/js/basemap.js calls protomaps-leaflet)."""

    _template = _SCRIPT
    default_js = BASEMAP_JS

    def __init__(self, url: str, attribution_html: str, max_data_zoom: int, lang: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement.__init__ is unannotated
        self._name = "VectorBasemap"
        self.config = script_json({"url": url, "flavor": FLAVOR, "lang": lang,
                                   "attribution": attribution_html,
                                   "maxDataZoom": max_data_zoom})
