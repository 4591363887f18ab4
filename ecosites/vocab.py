"""The catalogue's vocabularies and the Guiyang region, each stated once (light: no heavy imports).

Every allowed value is a ``Literal`` type; the tuple used at run time is derived from it,
so the validator's model and the pages can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ecosites.i18n import bilingual

CategorySlug = Literal["urban-restoration", "green-industry", "conservation-history"]
CATEGORY_SLUGS: tuple[CategorySlug, ...] = get_args(CategorySlug)

District = Literal["Nanming", "Yunyan", "Huaxi", "Wudang", "Baiyun",
                   "Guanshanhu", "Qingzhen", "Kaiyang", "Xifeng", "Xiuwen"]
DISTRICTS: dict[District, str] = {
    "Nanming": "南明区",
    "Yunyan": "云岩区",
    "Huaxi": "花溪区",
    "Wudang": "乌当区",
    "Baiyun": "白云区",
    "Guanshanhu": "观山湖区",
    "Qingzhen": "清镇市",
    "Kaiyang": "开阳县",
    "Xifeng": "息烽县",
    "Xiuwen": "修文县",
}

# The same table looked up by any string: a district outside the vocabulary reads as itself.
_DISTRICT_ZH: dict[str, str] = {en: zh for en, zh in DISTRICTS.items()}

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"  # a clock time 'HH:MM', 00:00 to 23:59

# Whether a site can be visited; a site without a status is taken as open when hours allow.
SiteStatus = Literal["open", "under-construction", "visiting-unconfirmed", "closed"]
SITE_STATUSES: tuple[SiteStatus, ...] = get_args(SiteStatus)

# Licences a self-hosted photo may carry: only ones that allow showing it with a credit.
MediaLicence = Literal["CC0", "CC-BY-4.0", "CC-BY-SA-4.0", "public-domain"]
MEDIA_LICENCES: tuple[MediaLicence, ...] = get_args(MediaLicence)

# Guiyang municipality plus a margin of about 5 km (lon/lat, WGS-84).
REGION_BBOX: tuple[float, float, float, float] = (106.07, 26.13, 107.33, 27.42)
REGION_CENTER: tuple[float, float] = (26.58, 106.66)  # lat, lon
MIN_ZOOM = 7  # zoom 7 shows about all of Guizhou: maps never zoom out further than that


@dataclass(frozen=True)
class Category:
    """A site category: slug, names, colour and marker icon/shape (read from categories.json)."""

    slug: str
    name_en: str
    name_zh: str
    short_en: str
    short_zh: str
    colour: str
    icon: str
    shape: str

    def name(self, lang: str) -> str:
        """The full name in ``lang``."""
        return bilingual(self.name_en, self.name_zh, lang)

    def short(self, lang: str) -> str:
        """The short label in ``lang``."""
        return bilingual(self.short_en, self.short_zh, lang)


def in_region(lon: float, lat: float) -> bool:
    """True when a WGS-84 point lies inside the Guiyang region box (with its margin)."""
    west, south, east, north = REGION_BBOX
    return west <= lon <= east and south <= lat <= north


def district_label(district: str | None, lang: str) -> str:
    """A district's name in ``lang`` ('' for none; an unknown name as given)."""
    if not district:
        return ""
    return bilingual(district, _DISTRICT_ZH.get(district, district), lang)
