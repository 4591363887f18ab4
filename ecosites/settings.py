"""Settings from one place: Streamlit secrets and ``ECOSITES_*`` environment variables.

``load_settings`` takes plain mappings so tests pass dicts; the entry script hands it
``st.secrets`` (tolerating its absence) and ``os.environ``. Environment wins over secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosites.paths import BUNDLED_GEODATA

TILE_CHOICES: tuple[str, ...] = ("osm", "tianditu", "amap", "none")
DEFAULT_TILES = "osm"
DEFAULT_MAX_UPLOAD_MB = 10.0
DEFAULT_MAX_FEATURES = 20_000
# Past this many filtered sites the browser gets only the sites in view, or counts on a
# grid (see ecosites/mapview.py build_site_layer); 20,000 markers are about 3 MB per rerun.
DEFAULT_MAP_MARKER_LIMIT = 20_000


@dataclass(frozen=True)
class Settings:
    """Runtime settings; ``problems`` lists settings that were ignored and why."""

    geodata_dir: Path = BUNDLED_GEODATA
    tiles: str = DEFAULT_TILES
    tianditu_key: str = ""
    staff_password: str = ""
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    max_features: int = DEFAULT_MAX_FEATURES
    map_marker_limit: int = DEFAULT_MAP_MARKER_LIMIT
    database_url: str = field(default="", repr=False)  # holds a password: never printed
    problems: tuple[str, ...] = field(default_factory=tuple)


def _lookup(name: str, secrets: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    """ECOSITES_NAME from the environment, else NAME or ecosites_name from secrets."""
    env_value = environ.get(f"ECOSITES_{name}")
    if env_value:
        return env_value.strip()
    for key in (name.lower(), f"ECOSITES_{name}", name):
        try:
            value = secrets.get(key)
        except Exception:  # noqa: BLE001 - st.secrets raises when no secrets file exists
            value = None
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _number(name: str, raw: str, default: float, problems: list[str]) -> float:
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        problems.append(f"ECOSITES_{name}={raw!r} is not a positive number; using {default:g}")
        return default
    return value


def load_settings(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Build Settings from secrets and environment; bad values fall back with a message."""
    problems: list[str] = []
    geodata = _lookup("GEODATA", secrets, environ)
    tiles = _lookup("TILES", secrets, environ).lower() or DEFAULT_TILES
    if tiles not in TILE_CHOICES:
        problems.append(
            f"ECOSITES_TILES={tiles!r} is not one of {', '.join(TILE_CHOICES)}; using 'osm'"
        )
        tiles = DEFAULT_TILES
    tianditu_key = _lookup("TIANDITU_KEY", secrets, environ)
    if tiles == "tianditu" and not tianditu_key:
        problems.append("Tianditu tiles need ECOSITES_TIANDITU_KEY; using 'osm'")
        tiles = DEFAULT_TILES
    max_upload_mb = _number("MAX_UPLOAD_MB", _lookup("MAX_UPLOAD_MB", secrets, environ),
                            DEFAULT_MAX_UPLOAD_MB, problems)
    max_features = int(_number("MAX_FEATURES", _lookup("MAX_FEATURES", secrets, environ),
                               DEFAULT_MAX_FEATURES, problems))
    map_marker_limit = int(_number("MAP_MARKER_LIMIT", _lookup("MAP_MARKER_LIMIT", secrets, environ),
                                   DEFAULT_MAP_MARKER_LIMIT, problems))
    return Settings(
        geodata_dir=Path(geodata).expanduser() if geodata else BUNDLED_GEODATA,
        tiles=tiles,
        tianditu_key=tianditu_key,
        staff_password=_lookup("STAFF_PASSWORD", secrets, environ),
        max_upload_mb=max_upload_mb,
        max_features=max_features,
        map_marker_limit=map_marker_limit,
        database_url=_lookup("DATABASE_URL", secrets, environ),
        problems=tuple(problems),
    )
