"""Interface strings in English and Simplified Chinese, in one catalogue.

``t(key, lang, **values)`` formats a string; a key missing in a language is a
developer error and a test fails on it. Site content is not here: it lives in the
``*_en``/``*_zh`` properties of each site.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "Guiyang Eco Sites", "zh": "贵阳生态示范点"},
    "app.tagline": {
        "en": "Ecological demonstration sites of Guiyang, on one map",
        "zh": "一张地图看遍贵阳生态文明示范点",
    },
    "nav.explore": {"en": "Explore", "zh": "探索"},
    "filters.header": {"en": "Filter sites", "zh": "筛选示范点"},
    "filters.category": {"en": "Category", "zh": "类别"},
    "filters.tags": {"en": "Themes", "zh": "主题"},
    "filters.district": {"en": "District", "zh": "区县"},
    "filters.search": {"en": "Search names and highlights", "zh": "搜索名称与亮点"},
    "filters.search_placeholder": {"en": "e.g. wetland, 观山湖", "zh": "例如：湿地、观山湖"},
    "filters.reset": {"en": "Clear filters", "zh": "清除筛选"},
    "filters.count": {"en": "{shown} of {total} sites", "zh": "共 {total} 个示范点，显示 {shown} 个"},
    "explore.list": {"en": "Sites", "zh": "示范点列表"},
    "explore.list_help": {
        "en": "Select a row to open the site's details.",
        "zh": "选择一行以查看示范点详情。",
    },
    "explore.none": {
        "en": "No site matches these filters.",
        "zh": "没有符合筛选条件的示范点。",
    },
    "explore.pick": {
        "en": "Click a marker on the map or a row of the list to see a site's details.",
        "zh": "点击地图上的标记或列表中的一行，查看示范点详情。",
    },
    "explore.ignored": {"en": "Ignored in the link: {details}", "zh": "链接中以下内容已忽略：{details}"},
    "explore.data_problems": {
        "en": "{count} problem(s) in the catalogue files: some entries were skipped",
        "zh": "目录文件中有 {count} 处问题，部分条目已跳过",
    },
    "column.name": {"en": "Name", "zh": "名称"},
    "column.category": {"en": "Category", "zh": "类别"},
    "column.district": {"en": "District", "zh": "区县"},
    "detail.category": {"en": "Category", "zh": "类别"},
    "detail.highlight": {"en": "Highlight", "zh": "亮点"},
    "detail.facts": {"en": "Facts", "zh": "资料"},
    "detail.visit": {"en": "Visiting", "zh": "参观信息"},
    "detail.hours": {"en": "Opening hours", "zh": "开放时间"},
    "detail.last_entry": {"en": "last entry {time}", "zh": "最晚入场 {time}"},
    "detail.all_day": {"en": "Open 24 hours", "zh": "全天开放"},
    "detail.closed": {"en": "Closed", "zh": "闭馆/闭园"},
    "detail.open_daily": {"en": "Open every day", "zh": "每天开放"},
    "detail.fee": {"en": "Fee", "zh": "门票"},
    "detail.free": {"en": "Free", "zh": "免费"},
    "detail.fee_amount": {"en": "¥{amount}", "zh": "{amount} 元"},
    "detail.visit_minutes": {"en": "Typical visit", "zh": "建议游览时长"},
    "detail.minutes": {"en": "{minutes} min", "zh": "{minutes} 分钟"},
    "detail.website": {"en": "Website", "zh": "网站"},
    "detail.phone": {"en": "Phone", "zh": "电话"},
    "detail.address": {"en": "Address", "zh": "地址"},
    "detail.district": {"en": "District", "zh": "区县"},
    "detail.tags": {"en": "Themes", "zh": "主题"},
    "detail.sources": {"en": "Sources", "zh": "资料来源"},
    "detail.source_backs": {"en": "for: {fields}", "zh": "用于：{fields}"},
    "detail.location": {"en": "Location", "zh": "位置"},
    "detail.accuracy": {
        "en": "Approximate position, within about {metres} ({source})",
        "zh": "大致位置，误差约 {metres}（{source}）",
    },
    "detail.area": {"en": "Area: about {hectares} ha", "zh": "面积：约 {hectares} 公顷"},
    "detail.unverified": {"en": "not yet verified", "zh": "尚未核实"},
    "detail.unverified_value": {"en": "{value} (not yet verified)", "zh": "{value}（尚未核实）"},
    "detail.fallback": {
        "en": "Parts of this entry exist only in Chinese and are shown in Chinese.",
        "zh": "本条目部分内容仅有英文，以英文显示。",
    },
    "detail.close": {"en": "Close details", "zh": "关闭详情"},
    "detail.weekday.mon": {"en": "Mondays", "zh": "周一"},
    "detail.weekday.tue": {"en": "Tuesdays", "zh": "周二"},
    "detail.weekday.wed": {"en": "Wednesdays", "zh": "周三"},
    "detail.weekday.thu": {"en": "Thursdays", "zh": "周四"},
    "detail.weekday.fri": {"en": "Fridays", "zh": "周五"},
    "detail.weekday.sat": {"en": "Saturdays", "zh": "周六"},
    "detail.weekday.sun": {"en": "Sundays", "zh": "周日"},
    "units.m": {"en": "{value} m", "zh": "{value} 米"},
    "units.km": {"en": "{value} km", "zh": "{value} 公里"},
    "list.separator": {"en": ", ", "zh": "、"},
}


def normalise_lang(value: str | None) -> str:
    """'zh', 'zh-CN', 'zh_Hans' -> 'zh'; anything else that is not Chinese -> 'en'."""
    if value and value.strip().lower().replace("_", "-").startswith("zh"):
        return "zh"
    return DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The string for ``key`` in ``lang``, formatted with ``values``."""
    text = STRINGS[key][lang if lang in LANGS else DEFAULT_LANG]
    return text.format(**values) if values else text


def pick(values: Mapping[str, str | None], lang: str) -> tuple[str, bool]:
    """Site text in ``lang`` from {'en': ..., 'zh': ...}; True when it fell back."""
    own = (values.get(lang) or "").strip()
    if own:
        return own, False
    other = next((str(v).strip() for k, v in values.items() if k != lang and v), "")
    return other, bool(other)
