"""Where the repository's own files are (light: no heavy imports)."""

from __future__ import annotations

from pathlib import Path

BUNDLED_GEODATA = Path(__file__).resolve().parent.parent / "geodata"
# Streamlit serves static/ (next to the entry script) under app/static. URLs are relative
# to the map component's /component/streamlit_folium.st_folium/index.html, so they also
# work under --server.baseUrlPath; an absolute /app/static/... would not.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "../../app/static"
