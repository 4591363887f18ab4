"""A small PMTiles basemap of Guiyang in the Protomaps schema, built by the tests themselves.

GDAL's PMTiles driver (bundled with pyogrio) writes one layer per archive, so each layer is
written on its own and the tiles are then merged: a vector tile is a list of layers, so two
tiles of the same place concatenate into one tile holding both (protobuf repeated fields).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

MAX_ZOOM = 10
ATTRIBUTION = '<a href="https://example.org/">Test basemap &amp; co</a>'
EARTH_BOX = (106.0, 26.0, 107.5, 27.5)
WATER_BOX = (106.60, 26.60, 106.72, 26.68)  # a lake in view at the map's first zoom


def _layers() -> dict[str, gpd.GeoDataFrame]:
    """earth, water, roads and places, as the Protomaps basemap schema names them."""
    return {
        "earth": gpd.GeoDataFrame({"kind": ["earth"]}, geometry=[shapely.box(*EARTH_BOX)], crs=4326),
        "water": gpd.GeoDataFrame({"kind": ["lake"]}, geometry=[shapely.box(*WATER_BOX)], crs=4326),
        "roads": gpd.GeoDataFrame({"kind": ["major_road"]},
                                  geometry=[shapely.LineString([(106.3, 26.4), (107.0, 26.9)])],
                                  crs=4326),
        "places": gpd.GeoDataFrame({"kind": ["locality"], "name": ["贵阳"], "name:en": ["Guiyang"],
                                    "name:zh": ["贵阳"], "min_zoom": [4], "population_rank": [12]},
                                   geometry=[shapely.Point(106.63, 26.65)], crs=4326),
    }


def build_archive(path: Path, layers: dict[str, gpd.GeoDataFrame] | None = None) -> Path:
    """Write the test basemap (or ``layers``) as one PMTiles archive at ``path``."""
    chosen = _layers() if layers is None else layers
    tiles: dict[tuple[int, int, int], bytes] = {}
    for name, frame in chosen.items():
        single = path.with_name(f"{path.stem}.{name}.pmtiles")
        single.unlink(missing_ok=True)
        pyogrio.write_dataframe(frame, single, layer=name, driver="PMTiles",
                                dataset_options={"MINZOOM": "0", "MAXZOOM": str(MAX_ZOOM)})
        with single.open("rb") as handle:
            source = MmapSource(handle)
            compressed = Reader(source).header()["tile_compression"] == Compression.GZIP
            for zxy, data in all_tiles(source):
                layer_tile = gzip.decompress(data) if compressed else data
                tiles[zxy] = tiles.get(zxy, b"") + layer_tile
        single.unlink()
    west, south, east, north = EARTH_BOX
    with write(str(path)) as writer:
        for zxy in sorted(tiles, key=lambda key: zxy_to_tileid(*key)):
            writer.write_tile(zxy_to_tileid(*zxy), gzip.compress(tiles[zxy], mtime=0))
        writer.finalize(
            {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
             "min_lon_e7": int(west * 1e7), "min_lat_e7": int(south * 1e7),
             "max_lon_e7": int(east * 1e7), "max_lat_e7": int(north * 1e7),
             "center_zoom": 8, "center_lon_e7": int(106.63e7), "center_lat_e7": int(26.65e7)},
            {"name": "test basemap", "attribution": ATTRIBUTION,
             "vector_layers": [{"id": name, "fields": {}} for name in chosen]},
        )
    return path
