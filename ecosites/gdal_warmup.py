"""Imported only by the reading fork server (ecosites/gisworker.py): one tiny read at start.

GeoPandas and pyogrio finish importing and GDAL opens its drivers on the first read;
done once here, before any fork, every forked reader starts warm (measured: a small KML
read in a fresh fork took about 0.6 s cold and a few hundredths warm).
"""

from __future__ import annotations

import pyogrio

_POINT = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": 1}, ' \
         b'"geometry": {"type": "Point", "coordinates": [106.6, 26.6]}}]}'

pyogrio.read_dataframe(_POINT)
