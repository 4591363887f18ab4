"""Synthetic catalogues for the benchmarks: N valid sites inside Guiyang, seeded.

Every site is plainly synthetic (ids ``bench-NNNNNN``, source "Synthetic benchmark
data"); the point is realistic *shape*: bilingual names and highlights of real-world
length, all three categories, tags from ``geodata/tags.json``, districts from
``ecosites.schema.DISTRICTS`` and about 2% boundaries (Polygons). Every feature is
checked with ``ecosites.validate`` before the file is written.

    python benchmarks/generate.py              # 1,000 / 10,000 / 100,000
    python benchmarks/generate.py 5000         # writes benchmarks/out/5000/sites.geojson
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ecosites import schema  # noqa: E402
from ecosites.validate import validate_features  # noqa: E402

OUT_DIR = REPO / "benchmarks" / "out"
TAGS_PATH = REPO / "geodata" / "tags.json"
DEFAULT_COUNTS: tuple[int, ...] = (1_000, 10_000, 100_000)
DEFAULT_SEED = 20250705
# Guiyang municipality (lon/lat, WGS-84), from docs/reference/facts.md.
WEST, SOUTH, EAST, NORTH = 106.12, 26.18, 107.28, 27.37
POLYGON_SHARE = 0.02
METRES_PER_DEGREE_LAT = 111_320.0

PLACES: tuple[tuple[str, str], ...] = (
    ("Huaxi", "花溪"), ("Baihua Lake", "百花湖"), ("Qianling", "黔灵"), ("Guanshan", "观山"),
    ("Aha Lake", "阿哈湖"), ("Hongfeng", "红枫"), ("Nanming", "南明"), ("Wudang", "乌当"),
    ("Xiuwen", "修文"), ("Kaiyang", "开阳"), ("Xifeng", "息烽"), ("Qingyan", "青岩"),
    ("Tianhetan", "天河潭"), ("Changpoling", "长坡岭"), ("Qingzhen", "清镇"), ("Yunyan", "云岩"),
    ("Baiyun", "白云"), ("Jiaxiu", "甲秀"), ("Xiaochehe", "小车河"), ("Shiban", "石板"),
)
# (English kind, Chinese kind, category, tags that fit). Lengths follow geodata/sites.geojson:
# names average about 26 characters in English and 7 in Chinese, highlights 145 and 50.
KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Wetland Park", "湿地公园", "urban-restoration", ("wetland", "river", "birds", "park")),
    ("Forest Park", "森林公园", "urban-restoration", ("forest", "karst", "wildlife", "park")),
    ("Riverside Greenway", "滨河绿道", "urban-restoration", ("river", "birds", "free-entry")),
    ("Lake Restoration Area", "湖泊修复区", "urban-restoration",
     ("lake", "wetland", "birds", "rated-scenic-area")),
    ("Digital Eco-Village", "数字生态村", "green-industry",
     ("digital-industry", "lake", "conference")),
    ("Ecological Tea Garden", "生态茶园", "green-industry", ("forest", "karst", "free-entry")),
    ("Low-Carbon Industrial Park", "低碳产业园", "green-industry",
     ("digital-industry", "conference")),
    ("Geology Museum", "地质博物馆", "conservation-history",
     ("museum", "geology", "karst", "free-entry")),
    ("Eco-Civilization Exhibition Hall", "生态文明展览馆", "conservation-history",
     ("museum", "heritage", "efg", "conference")),
    ("Ancient Town", "古镇", "conservation-history", ("heritage", "temple", "rated-scenic-area")),
)
OPENINGS_EN: tuple[str, ...] = (
    "A restored stretch of plateau karst where residents walk, cycle and watch birds.",
    "Former farmland turned into ponds, reed beds and woodland that filter run-off.",
    "Industry, housing and green space sharing one valley without harming its water.",
    "Exhibits and trails on the city's turn from rapid growth to ecological governance.",
)
DETAILS_EN: tuple[str, ...] = (
    "Boards in Chinese and English explain the restoration work.",
    "Guided visits for delegations can be arranged in advance.",
    "Monitoring stations report water and air quality every hour.",
    "Native trees were replanted to hold the thin karst soil.",
)
OPENINGS_ZH: tuple[str, ...] = (
    "修复后的高原喀斯特景观，市民可沿步道散步、骑行和观鸟。",
    "昔日的农田变成了池塘、芦苇湿地与树林，在径流入河前起到净化作用。",
    "产业、住区与绿地在同一山谷中共处而不损害流经的水体。",
    "通过展览和步道讲述城市从快速发展走向生态治理的历程。",
)
DETAILS_ZH: tuple[str, ...] = (
    "中英文解说牌介绍了生态修复工作。",
    "代表团可提前预约讲解参观。",
    "监测站每小时发布水质和空气质量数据。",
    "坡地补种了乡土树种以固持喀斯特土壤。",
)
HOURS: tuple[str | None, ...] = (None, "00:00-24:00", "09:00-17:00", "08:30-17:30", "06:00-22:00")
SOURCE_ID = "synthetic"


def _tag_slugs() -> list[str]:
    return sorted(json.loads(TAGS_PATH.read_text(encoding="utf-8")))


def _polygon(lon: float, lat: float, radius_m: float, rng: random.Random) -> dict[str, Any]:
    """A closed, counter-clockwise ring of 6-10 vertices around (lon, lat)."""
    vertices = rng.randint(6, 10)
    metres_per_degree_lon = METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))
    ring = []
    for k in range(vertices):
        angle = 2 * math.pi * k / vertices
        r = radius_m * rng.uniform(0.7, 1.0)
        ring.append([round(lon + r * math.cos(angle) / metres_per_degree_lon, 6),
                     round(lat + r * math.sin(angle) / METRES_PER_DEGREE_LAT, 6)])
    ring.append(list(ring[0]))
    return {"type": "Polygon", "coordinates": [ring]}


def synthetic_feature(number: int, rng: random.Random, tag_slugs: list[str]) -> dict[str, Any]:
    """One synthetic site Feature (numbered from 1), drawn from ``rng``."""
    place_en, place_zh = rng.choice(PLACES)
    kind_en, kind_zh, category, fitting = rng.choice(KINDS)
    tags = sorted({*rng.sample(fitting, k=min(len(fitting), rng.randint(1, 4))),
                   *rng.sample(tag_slugs, k=rng.randint(0, 1))})
    # Keep 0.02° (about 2 km) off the edge so polygons stay inside too.
    lon = round(rng.uniform(WEST + 0.02, EAST - 0.02), 6)
    lat = round(rng.uniform(SOUTH + 0.02, NORTH - 0.02), 6)
    if rng.random() < POLYGON_SHARE:
        geometry = _polygon(lon, lat, rng.uniform(200.0, 1500.0), rng)
    else:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    hours = rng.choice(HOURS)
    fee = rng.choice([None, 0, 0, 5, 20, 60, 80])
    properties: dict[str, Any] = {
        schema.ID: f"bench-{number:06d}",
        schema.NAME_EN: f"{place_en} {kind_en} {number}",
        schema.NAME_ZH: f"{place_zh}{kind_zh}{number}号",
        schema.CATEGORY: category,
        schema.HIGHLIGHT_EN: f"{rng.choice(OPENINGS_EN)} {rng.choice(DETAILS_EN)}",
        schema.HIGHLIGHT_ZH: f"{rng.choice(OPENINGS_ZH)}{rng.choice(DETAILS_ZH)}",
        schema.DISTRICT: rng.choice([*schema.DISTRICTS, None]),
        schema.ADDRESS_EN: f"{rng.randint(1, 999)} {place_en} Road" if rng.random() < 0.5 else "",
        schema.ADDRESS_ZH: f"{place_zh}路{rng.randint(1, 999)}号" if rng.random() < 0.5 else "",
        schema.TAGS: tags,
        schema.FACTS: [{"en": "Synthetic benchmark record; not a real site.",
                        "zh": "基准测试合成数据，并非真实示范点。", "source": SOURCE_ID}],
        schema.HOURS: hours,
        schema.LAST_ENTRY: "16:00" if hours == "09:00-17:00" else None,
        schema.CLOSED_WEEKDAYS: rng.choice([None, [], ["mon"]]),
        schema.FEE: fee,
        schema.VISIT_MINUTES: rng.choice([None, 30, 60, 90, 120]),
        schema.SOURCES: [{"id": SOURCE_ID, "title": "Synthetic benchmark data (not a real site)",
                          "url": None, "fields": [schema.FACTS]}],
        schema.COORDINATE_ACCURACY_M: rng.choice([10, 50, 200, 1000]),
        schema.COORDINATE_SOURCE: "synthetic: random point in the Guiyang region",
        schema.UNVERIFIED: [],
    }
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def synthetic_features(count: int, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """``count`` synthetic site Features; the same seed always gives the same list."""
    rng = random.Random(seed)  # so the first 1,000 of 10,000 are the 1,000 catalogue
    tag_slugs = _tag_slugs()
    return [synthetic_feature(number, rng, tag_slugs) for number in range(1, count + 1)]


def assert_valid(features: list[dict[str, Any]]) -> None:
    """Raise AssertionError unless every feature passes ecosites.validate."""
    report = validate_features(features, "synthetic")
    problems = [problem.describe() for problem in report.problems[:5]]
    assert not report.problems, f"{len(report.problems)} problem(s), e.g. {problems}"
    assert len(report.features) == len(features)


def write_catalogue(count: int, out_dir: Path = OUT_DIR, seed: int = DEFAULT_SEED) -> Path:
    """Validate and write ``out_dir/<count>/sites.geojson``; returns that directory."""
    features = synthetic_features(count, seed)
    assert_valid(features)
    directory = out_dir / str(count)
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":"))
    (directory / "sites.geojson").write_text(text, encoding="utf-8")
    return directory


def main(argv: list[str] | None = None) -> int:
    """Command line: write one catalogue per count given (default 1,000/10,000/100,000)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=list(DEFAULT_COUNTS))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for count in args.counts:
        directory = write_catalogue(count, args.out, args.seed)
        size_mb = (directory / "sites.geojson").stat().st_size / 1e6
        print(f"{count:>7,} sites -> {directory / 'sites.geojson'} ({size_mb:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
