"""Settings from one place: Streamlit secrets and ``ECOSITES_*`` environment variables.

``load_settings`` takes plain mappings so tests pass dicts; the entry script hands it
``st.secrets`` (tolerating its absence) and ``os.environ``. Environment wins over secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ecosites.escape import shown_text
from ecosites.paths import BUNDLED_GEODATA
from ecosites.planning.model import LOCAL_TZ

TILE_CHOICES: tuple[str, ...] = ("osm", "tianditu", "amap", "pmtiles", "none")
DEFAULT_TILES = "osm"
DEFAULT_MAX_UPLOAD_MB = 10.0
DEFAULT_MAX_FEATURES = 20_000
# Past this many filtered sites the browser gets only the sites in view, or counts on a
# grid (see ecosites/mapview.py build_site_layer); 20,000 markers are about 3 MB per rerun.
DEFAULT_MAP_MARKER_LIMIT = 20_000
# Up to this many catalogue sites, Explore sends them to the browser once (a static file)
# and the browser groups them itself, so panning and zooming never rerun the script; past
# it, the marker limit above applies and the map follows its view (a rerun per pan).
DEFAULT_MAP_BROWSER_LIMIT = 250_000
# Reading one upload: GDAL runs in a worker process that is ended past these limits
# (ecosites/gisworker.py), and zip archives are inflated under a byte, member and ratio limit.
DEFAULT_READ_SECONDS = 60.0
DEFAULT_READ_MEMORY_MB = 1024.0
DEFAULT_MAX_ZIP_MEMBERS = 1000
DEFAULT_MAX_ZIP_RATIO = 200.0
_MAX_PATH_CHARS = 4096


@dataclass(frozen=True)
class NumberSetting:
    """A numeric setting: its default and the range it accepts (both ends included)."""

    name: str
    default: float
    low: float
    high: float
    whole: bool = False

    def accepted(self) -> str:
        """The accepted range in words, for messages and documentation."""
        kind = "a whole number" if self.whole else "a number"
        return f"{kind} from {_plain(self.low)} to {_plain(self.high)}"


def _plain(value: float) -> str:
    """1e7 as '10,000,000' and 0.5 as '0.5'."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


NUMBER_SETTINGS: tuple[NumberSetting, ...] = (
    NumberSetting("MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, 0.01, 4096),
    NumberSetting("MAX_FEATURES", DEFAULT_MAX_FEATURES, 1, 10_000_000, whole=True),
    NumberSetting("MAP_MARKER_LIMIT", DEFAULT_MAP_MARKER_LIMIT, 1, 10_000_000, whole=True),
    NumberSetting("MAP_BROWSER_LIMIT", DEFAULT_MAP_BROWSER_LIMIT, 1, 10_000_000, whole=True),
    NumberSetting("READ_SECONDS", DEFAULT_READ_SECONDS, 0.5, 3600),
    NumberSetting("READ_MEMORY_MB", DEFAULT_READ_MEMORY_MB, 64, 65536),
    NumberSetting("MAX_ZIP_MEMBERS", DEFAULT_MAX_ZIP_MEMBERS, 1, 100_000, whole=True),
    NumberSetting("MAX_ZIP_RATIO", DEFAULT_MAX_ZIP_RATIO, 2, 100_000),
)


@dataclass(frozen=True)
class Settings:
    """Runtime settings; ``problems`` lists settings that were ignored and why."""

    geodata_dir: Path = BUNDLED_GEODATA
    tiles: str = DEFAULT_TILES
    tianditu_key: str = ""
    pmtiles: Path | None = None  # a PMTiles archive for the offline vector basemap
    staff_password: str = ""  # the shared password: a migration path to accounts only
    trusted_proxies: tuple[str, ...] = ()  # proxies whose X-Forwarded-For names the client
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    max_features: int = DEFAULT_MAX_FEATURES
    map_marker_limit: int = DEFAULT_MAP_MARKER_LIMIT
    map_browser_limit: int = DEFAULT_MAP_BROWSER_LIMIT
    database_url: str = field(default="", repr=False)  # holds a password: never printed
    # Where the prepared catalogue is kept when the catalogue folder is read-only.
    cache_dir: Path | None = None
    read_seconds: float = DEFAULT_READ_SECONDS
    read_memory_mb: float = DEFAULT_READ_MEMORY_MB
    max_zip_members: int = DEFAULT_MAX_ZIP_MEMBERS
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO
    # For tests and demonstrations only: the moment "open now" is judged at (ECOSITES_NOW).
    fixed_now: datetime | None = None
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


def _number(setting: NumberSetting, raw: str, problems: list[str]) -> float:
    """The setting's value from its text; out of range, not finite or not a number: the default."""
    if not raw:
        return setting.default
    text = raw.strip()
    value: float | None = None
    # isascii: str.isdigit and float() accept superscripts and other scripts' digits.
    if text.isascii() and len(text) <= 30:
        try:
            value = float(text)
        except ValueError:
            value = None
    if (value is None or not setting.low <= value <= setting.high
            or (setting.whole and not value.is_integer())):
        problems.append(f"ECOSITES_{setting.name}='{shown_text(raw)}' is not "
                        f"{setting.accepted()}; using {setting.default:g}")
        return setting.default
    return value


def _named_path(name: str, raw: str, problems: list[str], instead: str,
                what: str = "a directory path") -> Path | None:
    """ECOSITES_<name> as a path; None when unset or a path the operating system cannot name."""
    if not raw:
        return None
    if "\x00" in raw or len(raw) > _MAX_PATH_CHARS:
        problems.append(f"ECOSITES_{name}='{shown_text(raw)}' is not {what}; {instead}")
        return None
    return Path(raw).expanduser()


def _directory(raw: str, problems: list[str]) -> Path:
    """ECOSITES_GEODATA as a path; one the operating system cannot name falls back to the bundle."""
    return _named_path("GEODATA", raw, problems, "using the bundled catalogue") or BUNDLED_GEODATA


def _cache_dir(raw: str, problems: list[str]) -> Path | None:
    """ECOSITES_CACHE_DIR as a path, or None (not set, or a path the system cannot name)."""
    return _named_path("CACHE_DIR", raw, problems,
                       "the prepared catalogue is kept beside the catalogue only")


def _moment(raw: str, problems: list[str]) -> datetime | None:
    """ECOSITES_NOW as an aware datetime ('2026-12-02T10:00' is Guiyang time; or with an offset)."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.strip()) if len(raw) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        problems.append(f"ECOSITES_NOW='{shown_text(raw)}' is not a date and time such as "
                        "2026-12-02T10:00; using the real time")
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=LOCAL_TZ)


def local_now(settings: Settings) -> datetime:
    """Now in Guiyang, or the moment ``ECOSITES_NOW`` fixes: the one clock of pages and commands.

    Always Guiyang's wall clock, so ``.date()`` is Guiyang's day even when the fixed moment
    was written with another offset.
    """
    return (settings.fixed_now or datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ)


def load_settings(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Build Settings from secrets and environment; bad values fall back with a message."""
    problems: list[str] = []
    geodata_dir = _directory(_lookup("GEODATA", secrets, environ), problems)
    tiles = _lookup("TILES", secrets, environ).lower() or DEFAULT_TILES
    if tiles not in TILE_CHOICES:
        problems.append(f"ECOSITES_TILES='{shown_text(tiles)}' is not one of "
                        f"{', '.join(TILE_CHOICES)}; using 'osm'")
        tiles = DEFAULT_TILES
    tianditu_key = _lookup("TIANDITU_KEY", secrets, environ)
    if tiles == "tianditu" and not tianditu_key:
        problems.append("Tianditu tiles need ECOSITES_TIANDITU_KEY; using 'osm'")
        tiles = DEFAULT_TILES
    pmtiles = _named_path("PMTILES", _lookup("PMTILES", secrets, environ), problems,
                          "no offline vector basemap", what="a file path")
    if tiles == "pmtiles" and pmtiles is None:
        problems.append("ECOSITES_TILES=pmtiles needs ECOSITES_PMTILES (an archive's path); "
                        "using 'none'")
        tiles = "none"
    numbers = {setting.name: _number(setting, _lookup(setting.name, secrets, environ), problems)
               for setting in NUMBER_SETTINGS}
    return Settings(
        geodata_dir=geodata_dir,
        tiles=tiles,
        tianditu_key=tianditu_key,
        pmtiles=pmtiles,
        staff_password=_lookup("STAFF_PASSWORD", secrets, environ),
        trusted_proxies=tuple(part.strip() for part in
                              _lookup("TRUSTED_PROXIES", secrets, environ).split(",") if part.strip()),
        max_upload_mb=numbers["MAX_UPLOAD_MB"],
        max_features=int(numbers["MAX_FEATURES"]),
        map_marker_limit=int(numbers["MAP_MARKER_LIMIT"]),
        map_browser_limit=int(numbers["MAP_BROWSER_LIMIT"]),
        read_seconds=numbers["READ_SECONDS"],
        read_memory_mb=numbers["READ_MEMORY_MB"],
        max_zip_members=int(numbers["MAX_ZIP_MEMBERS"]),
        max_zip_ratio=numbers["MAX_ZIP_RATIO"],
        database_url=_lookup("DATABASE_URL", secrets, environ),
        fixed_now=_moment(_lookup("NOW", secrets, environ), problems),
        cache_dir=_cache_dir(_lookup("CACHE_DIR", secrets, environ), problems),
        problems=tuple(problems),
    )
