"""Interface strings in English and Simplified Chinese, in one catalogue.

``t(key, lang, **values)`` formats a string; a key missing in a language is a
developer error and a test fails on it. Site content is not here: it lives in the
``*_en``/``*_zh`` properties of each site.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal, TypeVar, get_args

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "en"
_T = TypeVar("_T")
QUERY_LANG = "lang"  # ?lang=zh|en in every page's URL

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "Guiyang Eco Sites", "zh": "贵阳生态示范点"},
    "data.stale": {
        "en": "The site catalogue cannot be read right now, so these are the sites as last read; "
              "they may be out of date. ({details})",
        "zh": "暂时无法读取示范点目录，以下为上次读取的示范点，可能不是最新内容。（{details}）",
    },
    "data.unavailable": {
        "en": "The site catalogue is unavailable right now; please try again later. ({details})",
        "zh": "示范点目录暂时无法使用，请稍后再试。（{details}）",
    },
    "app.tagline": {
        "en": "Ecological demonstration sites of Guiyang, on one map",
        "zh": "一张地图看遍贵阳生态文明示范点",
    },
    "nav.explore": {"en": "Explore", "zh": "探索"},
    "filters.category": {"en": "Category", "zh": "类别"},
    "filters.tags": {"en": "Themes", "zh": "主题"},
    "filters.district": {"en": "District", "zh": "区县"},
    "filters.search": {"en": "Search names and highlights", "zh": "搜索名称与亮点"},
    "filters.search_placeholder": {"en": "e.g. wetland, 观山湖, guanshanhu",
                                   "zh": "例如：湿地、观山湖、guanshanhu"},
    "filters.reset": {"en": "Clear filters", "zh": "清除筛选"},
    "filters.count": {"en": "{shown} of {total} sites", "zh": "共 {total} 个示范点，显示 {shown} 个"},
    "explore.list": {"en": "Sites", "zh": "示范点列表"},
    "explore.list_help": {
        "en": "Select a row to open the site's details (keyboard: arrow keys, then Enter or Space).",
        "zh": "选择一行以查看示范点详情（键盘：用方向键选择，再按回车或空格）。",
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
    # --- the place panel, the map's view and the phone layout ---
    "filters.more": {"en": "Filters: category, theme, district", "zh": "筛选：类别、主题、区县"},
    "explore.show_all": {"en": "Show all results", "zh": "显示全部结果"},
    "explore.show_all_help": {
        "en": "Fit the map to every site in the list.",
        "zh": "缩放地图，显示列表中的全部示范点。",
    },
    "explore.outside": {
        "en": "{name} is outside the current filter, which matches {count} other sites.",
        "zh": "{name}不在当前筛选结果中；符合筛选的是另外 {count} 个示范点。",
    },
    "explore.clear_for_site": {"en": "Clear the filter", "zh": "清除筛选"},
    "map.gesture_touch": {"en": "Use two fingers to move the map", "zh": "用两根手指移动地图"},
    "map.gesture_scroll": {"en": "Use Ctrl + scroll to zoom the map",
                           "zh": "按住 Ctrl 并滚动以缩放地图"},
    "map.gesture_scroll_mac": {"en": "Use ⌘ + scroll to zoom the map",
                               "zh": "按住 ⌘ 并滚动以缩放地图"},
    # --- end of the place panel ---
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
    # The catalogue's fields as readers call them, in "Sources ... for: ...".
    "detail.field.name_en": {"en": "English name", "zh": "英文名称"},
    "detail.field.name_zh": {"en": "Chinese name", "zh": "中文名称"},
    "detail.field.category": {"en": "category", "zh": "类别"},
    "detail.field.district": {"en": "district", "zh": "区县"},
    "detail.field.highlight_en": {"en": "highlight", "zh": "亮点"},
    "detail.field.address_en": {"en": "English address", "zh": "英文地址"},
    "detail.field.address_zh": {"en": "Chinese address", "zh": "中文地址"},
    "detail.field.facts": {"en": "facts", "zh": "资料"},
    "detail.field.hours": {"en": "opening hours", "zh": "开放时间"},
    "detail.field.last_entry": {"en": "last entry", "zh": "最晚入场"},
    "detail.field.closed_weekdays": {"en": "closing days", "zh": "闭馆日"},
    "detail.field.fee": {"en": "fee", "zh": "门票"},
    "detail.field.fee_note_en": {"en": "fee note", "zh": "门票说明"},
    "detail.field.website": {"en": "website", "zh": "网站"},
    "detail.field.phone": {"en": "phone", "zh": "电话"},
    "detail.field.status": {"en": "status", "zh": "状态"},
    "detail.field.status_note_en": {"en": "status note", "zh": "状态说明"},
    "detail.field.transit": {"en": "nearest metro", "zh": "最近地铁站"},
    "detail.field.parts": {"en": "parts of the site", "zh": "园区组成"},
    "detail.field.dated_values": {"en": "dated figures", "zh": "注明日期的数据"},
    "detail.field.coordinate_accuracy_m": {"en": "position accuracy", "zh": "位置精度"},
    "detail.field.coordinate_source": {"en": "position source", "zh": "位置来源"},
    "detail.location": {"en": "Location", "zh": "位置"},
    "detail.accuracy": {
        "en": "Approximate position, within about {metres} ({source})",
        "zh": "大致位置，误差约 {metres}（{source}）",
    },
    # "Label: value" everywhere a label precedes its value: Chinese takes the full-width colon.
    "label.value": {"en": "{label}: {value}", "zh": "{label}：{value}"},
    "detail.accuracy_bare": {"en": "Approximate position, within about {metres}",
                             "zh": "大致位置，误差约 {metres}"},
    "detail.area": {"en": "Area: about {hectares} ha", "zh": "面积：约 {hectares} 公顷"},
    "detail.unverified": {"en": "not yet verified", "zh": "尚未核实"},
    "detail.unverified_value": {"en": "{value} (not yet verified)", "zh": "{value}（尚未核实）"},
    "detail.fallback": {
        "en": "Parts of this entry exist only in Chinese and are shown in Chinese.",
        "zh": "本条目部分内容仅有英文，以英文显示。",
    },
    "report.open": {"en": "Report a problem", "zh": "报告问题"},
    "report.kind": {"en": "What is wrong?", "zh": "哪里有误？"},
    "report.kind.wrong_position": {"en": "Wrong position on the map", "zh": "地图位置有误"},
    "report.kind.closed": {"en": "Closed", "zh": "已关闭"},
    "report.kind.wrong_hours": {"en": "Wrong opening hours", "zh": "开放时间有误"},
    "report.kind.other": {"en": "Something else", "zh": "其他"},
    "report.text": {"en": "A few words (optional)", "zh": "简要说明（可选）"},
    "report.no_personal_data": {
        "en": "Please do not include names, phone numbers or other personal details; nothing about "
              "you is stored.",
        "zh": "请勿填写姓名、电话等个人信息；我们不会保存任何关于您的信息。",
    },
    "report.send": {"en": "Send report", "zh": "提交反馈"},
    "report.thanks": {"en": "Thank you: staff will check this site.", "zh": "谢谢！工作人员将核实此示范点。"},
    "report.limited": {
        "en": "Too many reports were sent in the last hour; please try again later.",
        "zh": "过去一小时内提交的反馈过多，请稍后再试。",
    },
    "report.failed": {"en": "The report could not be saved; please try again later.",
                      "zh": "反馈未能保存，请稍后再试。"},
    "detail.close": {"en": "Close details", "zh": "关闭详情"},
    "detail.accuracy_not_stated": {
        "en": "Position accuracy not stated ({source})",
        "zh": "位置精度未注明（{source}）",
    },
    "detail.accuracy_not_stated_bare": {"en": "Position accuracy not stated",
                                        "zh": "位置精度未注明"},
    "detail.status": {"en": "Status", "zh": "状态"},
    "status.open": {"en": "Open", "zh": "开放"},
    "status.under-construction": {"en": "Under construction", "zh": "在建"},
    "status.visiting-unconfirmed": {"en": "Visiting unconfirmed", "zh": "能否参观尚未确认"},
    "status.closed": {"en": "Closed", "zh": "已关闭"},
    "detail.transit": {"en": "Nearest metro", "zh": "最近地铁站"},
    "detail.transit_line": {"en": "{station} ({line})", "zh": "{station}（{line}）"},
    # Open now (ecosites/opening.py) and how to get there (ecosites/directions.py).
    "opening.open": {"en": "Open now · closes {time}", "zh": "正在开放 · {time} 关闭"},
    "opening.open_all_day": {"en": "Open now · 24 hours", "zh": "正在开放 · 全天开放"},
    "opening.last_entry": {"en": "last entry {time}", "zh": "最晚入场 {time}"},
    "opening.entry_closed": {"en": "Last entry was {time} · closes {closes}",
                             "zh": "已停止入场（最晚入场 {time}）· {closes} 关闭"},
    "opening.closed_today": {"en": "Closed today ({weekday})", "zh": "今天不开放（{weekday}）"},
    "opening.opens": {"en": "Opens {when}", "zh": "{when} 开放"},
    "opening.at_today": {"en": "at {time}", "zh": "今天 {time}"},
    "opening.at_tomorrow": {"en": "tomorrow at {time}", "zh": "明天 {time}"},
    "opening.at_day": {"en": "{weekday} at {time}", "zh": "{weekday} {time}"},
    "opening.no_opening_soon": {"en": "no opening in the next two weeks",
                                "zh": "未来两周内不开放"},
    "opening.holiday": {"en": "open for the public holiday", "zh": "法定节假日照常开放"},
    "opening.closed_days_unverified": {"en": "closing days not verified", "zh": "闭馆日未核实"},
    "opening.unverified": {"en": "Hours not verified", "zh": "开放时间未核实"},
    "opening.not_open": {"en": "Not open to visitors: {status}", "zh": "暂不对游客开放：{status}"},
    "directions.header": {"en": "How to get there", "zh": "如何到达"},
    "directions.amap": {"en": "Open in Amap", "zh": "在高德地图中打开"},
    "directions.baidu": {"en": "Open in Baidu Maps", "zh": "在百度地图中打开"},
    "directions.osm": {"en": "Directions in OpenStreetMap", "zh": "在 OpenStreetMap 中查看路线"},
    "directions.geo": {"en": "Open in a map app on this device", "zh": "在本机地图应用中打开"},
    "directions.link_name": {"en": "{link}: {name} (opens in a new tab)",
                             "zh": "{link}：{name}（在新标签页中打开）"},
    "directions.approximate": {
        "en": "The position is approximate (within about {metres}): check the destination "
              "in the map app before you set off.",
        "zh": "位置为近似值（误差约 {metres}），出发前请在地图应用中核对目的地。",
    },
    "directions.accuracy_unknown": {
        "en": "How exact the position is is not stated: check the destination in the map app "
              "before you set off.",
        "zh": "位置精度未注明，出发前请在地图应用中核对目的地。",
    },
    "detail.parts": {"en": "Parts of this site", "zh": "园区组成"},
    "detail.as_of": {"en": "as of {date}", "zh": "截至 {date}"},
    "detail.also_given": {"en": "also given: {values}", "zh": "另有说法：{values}"},
    "detail.dated_value": {"en": "{date}: {value} ({source})", "zh": "{date}：{value}（{source}）"},
    "detail.note_separator": {"en": "; ", "zh": "；"},
    "detail.photo_credit": {"en": "Photo: {credit} · {licence}", "zh": "图片：{credit} · {licence}"},
    "detail.photo_source": {"en": "Photo source", "zh": "图片来源"},
    "column.photo": {"en": "Photo", "zh": "图片"},
    "licence.CC0": {"en": "CC0", "zh": "CC0"},
    "licence.CC-BY-4.0": {"en": "CC BY 4.0", "zh": "CC BY 4.0"},
    "licence.CC-BY-SA-4.0": {"en": "CC BY-SA 4.0", "zh": "CC BY-SA 4.0"},
    "licence.public-domain": {"en": "public domain", "zh": "公有领域"},
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
    # --- visit planner and comparison ---
    "nav.plan": {"en": "Visit planner", "zh": "参观路线规划"},
    "nav.compare": {"en": "Compare sites", "zh": "示范点比较"},
    "plan.title": {"en": "Visit planner", "zh": "参观路线规划"},
    "plan.caption": {
        "en": "Pick sites, get them in a good order with travel times, and take the plan along.",
        "zh": "选择示范点，获得合理的参观顺序和路程时间，并可导出带走。",
    },
    "plan.stops": {"en": "Stops", "zh": "参观点"},
    "plan.stops_help": {
        "en": "Add or remove sites here, on the map (click a marker) or from the Explore page.",
        "zh": "可在此处、地图上（点击标记）或“探索”页面添加或移除示范点。",
    },
    "plan.add": {"en": "Add to visit plan", "zh": "加入参观计划"},
    "plan.remove": {"en": "Remove from visit plan", "zh": "从参观计划移除"},
    "plan.add_visible": {"en": "Add all {count} listed sites to the plan",
                         "zh": "将列出的 {count} 个示范点全部加入计划"},
    "plan.in_plan": {"en": "{count} site(s) in your visit plan", "zh": "参观计划中有 {count} 个示范点"},
    "plan.open_planner": {"en": "Open the visit planner", "zh": "打开参观路线规划"},
    "plan.clear": {"en": "Clear the plan", "zh": "清空计划"},
    "plan.start": {"en": "Start from", "zh": "出发地点"},
    "plan.end": {"en": "End at", "zh": "结束地点"},
    "plan.place.none": {"en": "The first stop", "zh": "第一个参观点"},
    "plan.place.none_end": {"en": "The last stop", "zh": "最后一个参观点"},
    "plan.place.venue": {"en": "Eco Forum Global venue", "zh": "生态文明贵阳国际论坛会址"},
    "plan.place.site": {"en": "A site", "zh": "某个示范点"},
    "plan.place.coords": {"en": "A hotel or address (coordinates)", "zh": "酒店或其他地点（坐标）"},
    "plan.place.pick_site": {"en": "Site", "zh": "示范点"},
    "plan.place.coords_input": {"en": "Longitude,latitude (WGS-84)", "zh": "经度,纬度（WGS-84）"},
    "plan.place.coords_help": {
        "en": "Type e.g. 106.630,26.647, or click the map below to set it.",
        "zh": "例如输入 106.630,26.647，或点击下方地图设置。",
    },
    "plan.round_trip": {"en": "Round trip (return to the start)", "zh": "往返（回到出发地点）"},
    "plan.mode": {"en": "Travel by", "zh": "出行方式"},
    "plan.mode.car": {"en": "Car or taxi", "zh": "汽车或出租车"},
    "plan.mode.transit": {"en": "Public transport", "zh": "公共交通"},
    "plan.mode.walk": {"en": "Walking", "zh": "步行"},
    "plan.date": {"en": "Date", "zh": "日期"},
    "plan.start_time": {"en": "Start time", "zh": "出发时间"},
    "plan.days": {"en": "Days", "zh": "天数"},
    "plan.hours_per_day": {"en": "Hours per day at most", "zh": "每天最多小时数"},
    "plan.lock": {"en": "Keep my order (do not optimise)", "zh": "保持我的顺序（不优化）"},
    "plan.lock_help": {
        "en": "The order of the Stops box is used as it is.",
        "zh": "按“参观点”框中的顺序安排。",
    },
    "plan.use_order": {"en": "Take over the optimised order", "zh": "采用优化后的顺序"},
    "plan.map_hint": {
        "en": "Click a marker to add or remove that site. With a hotel start point, click elsewhere "
              "on the map to place it.",
        "zh": "点击标记可添加或移除该示范点。出发地点为酒店时，点击地图空白处即可设置位置。",
    },
    "plan.timetable": {"en": "Timetable", "zh": "日程表"},
    "plan.col.number": {"en": "#", "zh": "序号"},
    "plan.col.day": {"en": "Day", "zh": "天"},
    "plan.col.site": {"en": "Site", "zh": "示范点"},
    "plan.col.travel": {"en": "Travel to it", "zh": "前往用时"},
    "plan.col.arrive": {"en": "Arrive", "zh": "到达"},
    "plan.col.depart": {"en": "Leave", "zh": "离开"},
    "plan.col.visit": {"en": "Visit", "zh": "参观"},
    "plan.col.warnings": {"en": "Warnings", "zh": "提示"},
    "plan.col.date": {"en": "Date", "zh": "日期"},
    "plan.col.address": {"en": "Address", "zh": "地址"},
    "plan.col.position": {"en": "Position (lon, lat)", "zh": "位置（经度，纬度）"},
    "plan.return_leg": {"en": "Then to {place}: {minutes} min, {distance}",
                        "zh": "随后前往{place}：{minutes} 分钟，{distance}"},
    "plan.total.stops": {"en": "Stops", "zh": "参观点"},
    "plan.total.travel": {"en": "Travelling", "zh": "路上用时"},
    "plan.total.visit": {"en": "At the sites", "zh": "参观用时"},
    "plan.total.distance": {"en": "Distance (est.)", "zh": "估计路程"},
    "plan.total.days": {"en": "Days", "zh": "天数"},
    "plan.total.minutes": {"en": "{hours} h {minutes} min", "zh": "{hours} 小时 {minutes} 分钟"},
    "plan.assumptions": {
        "en": "Travel times are estimates: straight-line distance × {detour} for winding roads, at "
              "{speed} km/h, plus {overhead} min per leg. Check live traffic and timetables.",
        "zh": "路程时间为估算值：直线距离 × {detour}（道路曲折系数），按每小时 {speed} 公里计算，"
              "每段另加 {overhead} 分钟。请以实时路况和时刻表为准。",
    },
    "plan.take_along": {"en": "Take it along", "zh": "导出带走"},
    "plan.download.ics": {"en": "Calendar (.ics)", "zh": "日历（.ics）"},
    "plan.download.gpx": {"en": "GPS route (.gpx)", "zh": "GPS 路线（.gpx）"},
    "plan.download.kml": {"en": "Google Earth (.kml)", "zh": "Google Earth（.kml）"},
    "plan.download.csv": {"en": "Spreadsheet (.csv)", "zh": "表格（.csv）"},
    "plan.download.json": {"en": "Data (.json)", "zh": "数据（.json）"},
    "plan.download.html_en": {"en": "Printable itinerary (English)", "zh": "打印版行程（英文）"},
    "plan.download.html_zh": {"en": "Printable itinerary (Chinese)", "zh": "打印版行程（中文）"},
    "plan.download.pdf_en": {"en": "PDF (English)", "zh": "PDF（英文）"},
    "plan.download.pdf_zh": {"en": "PDF (Chinese)", "zh": "PDF（中文）"},
    "plan.pdf_unavailable": {
        "en": "PDF is not available: no Chinese (CJK) font was found on the server. Install one "
              "(Debian: apt-get install fonts-noto-cjk) or use the printable itinerary.",
        "zh": "无法生成 PDF：服务器上没有中文（CJK）字体。请安装字体（Debian：apt-get install "
              "fonts-noto-cjk），或使用打印版行程。",
    },
    "plan.share": {"en": "Link to this plan", "zh": "本计划的链接"},
    "plan.empty_hint": {
        "en": "Add sites to start: pick them above, click markers on the map, or use "
              "“Add to visit plan” on the Explore page.",
        "zh": "请先添加示范点：在上方选择、点击地图标记，或在“探索”页面点击“加入参观计划”。",
    },
    "plan.print.title": {"en": "Visit itinerary", "zh": "参观行程"},
    "plan.print.generated": {"en": "Made with Guiyang Eco Sites", "zh": "由贵阳生态示范点生成"},
    "plan.print.day": {"en": "Day {day}: {date}", "zh": "第 {day} 天：{date}"},
    "plan.print.from": {"en": "Start: {place}", "zh": "出发：{place}"},
    "plan.print.to": {"en": "End: {place}", "zh": "结束：{place}"},
    "plan.print.hotel": {"en": "Point {lon}, {lat}", "zh": "地点 {lon}, {lat}"},
    "plan.print.notes": {"en": "Notes", "zh": "注意事项"},
    "plan.print.button": {"en": "Print", "zh": "打印"},
    "plan.which.start": {"en": "start", "zh": "出发"},
    "plan.which.end": {"en": "end", "zh": "结束"},
    "plan.day.mon": {"en": "Monday", "zh": "周一"},
    "plan.day.tue": {"en": "Tuesday", "zh": "周二"},
    "plan.day.wed": {"en": "Wednesday", "zh": "周三"},
    "plan.day.thu": {"en": "Thursday", "zh": "周四"},
    "plan.day.fri": {"en": "Friday", "zh": "周五"},
    "plan.day.sat": {"en": "Saturday", "zh": "周六"},
    "plan.day.sun": {"en": "Sunday", "zh": "周日"},
    "plan.notice.empty": {"en": "The plan has no stops yet.", "zh": "计划中还没有参观点。"},
    "plan.suggest.empty": {
        "en": "Add sites from the map, the list or a site's details.",
        "zh": "请从地图、列表或示范点详情中添加。",
    },
    "plan.notice.too_many": {
        "en": "A plan can have at most {max} stops; {count} were given, so the last {dropped} were "
              "left out.",
        "zh": "一个计划最多 {max} 个参观点；共给出 {count} 个，最后 {dropped} 个未纳入。",
    },
    "plan.suggest.too_many": {
        "en": "Split the programme into two plans.", "zh": "请将行程拆分为两个计划。"},
    "plan.notice.unknown_ids": {
        "en": "{count} unknown site id(s) left out of the plan: {ids}.",
        "zh": "{count} 个未知的示范点编号未纳入计划：{ids}。",
    },
    "plan.suggest.unknown_ids": {
        "en": "Check the spelling; site ids are listed on the Explore page and in the catalogue.",
        "zh": "请检查拼写；示范点编号可在“探索”页面和目录中查到。",
    },
    "plan.notice.past_date": {"en": "{date} is in the past.", "zh": "{date} 已经过去。"},
    "plan.suggest.past_date": {
        "en": "Pick today ({today}) or a later date.", "zh": "请选择今天（{today}）或之后的日期。"},
    "plan.notice.place_unknown": {
        "en": "The {which} point '{value}' is neither a site id nor longitude,latitude; it was "
              "ignored.",
        "zh": "{which}地点“{value}”既不是示范点编号，也不是“经度,纬度”，已忽略。",
    },
    "plan.suggest.place_unknown": {
        "en": "Give a site id, 'efg' for the Eco Forum Global venue, or e.g. 106.630,26.647.",
        "zh": "请填写示范点编号、代表论坛会址的“efg”，或例如 106.630,26.647。",
    },
    "plan.notice.place_swapped": {
        "en": "The {which} point looks like latitude,longitude; it was ignored.",
        "zh": "{which}地点似乎写成了“纬度,经度”，已忽略。",
    },
    "plan.suggest.place_swapped": {
        "en": "Give the longitude first: {lon},{lat}.", "zh": "请先写经度：{lon},{lat}。"},
    "plan.notice.place_outside": {
        "en": "The {which} point {lon},{lat} lies outside the Guiyang region; it was ignored.",
        "zh": "{which}地点 {lon},{lat} 不在贵阳市范围内，已忽略。",
    },
    "plan.suggest.place_outside": {
        "en": "Guiyang lies within longitude 106.07–107.33 and latitude 26.13–27.42 (WGS-84).",
        "zh": "贵阳市范围：经度 106.07–107.33，纬度 26.13–27.42（WGS-84）。",
    },
    "plan.notice.round_trip_with_end": {
        "en": "A round trip returns to the start, so the end point was ignored.",
        "zh": "往返行程会回到出发地点，因此忽略了结束地点。",
    },
    "plan.notice.closed_day": {
        "en": "Closed on {weekday}s ({date}).", "zh": "{weekday}闭馆/闭园（{date}）。"},
    "plan.suggest.closed_day": {
        "en": "Visit on {next_weekday} {next_date} instead, or leave it out.",
        "zh": "建议改在{next_weekday}（{next_date}）参观，或不安排此点。",
    },
    "plan.notice.hours_unverified": {
        "en": "Opening hours not yet verified.", "zh": "开放时间尚未核实。"},
    "plan.suggest.hours_unverified": {
        "en": "Check with the site before going.", "zh": "出发前请向该点核实。"},
    "plan.notice.closed_days_unverified": {
        "en": "Closing days not yet verified.", "zh": "闭馆/闭园日尚未核实。"},
    "plan.suggest.closed_days_unverified": {
        "en": "Check with the site before going.", "zh": "出发前请向该点核实。"},
    "plan.notice.wait": {
        "en": "Arrives {arrive}, before opening at {opens}: {minutes} min wait.",
        "zh": "{arrive} 到达，早于 {opens} 开放时间，需等候 {minutes} 分钟。",
    },
    "plan.suggest.wait": {
        "en": "Start later, or visit another stop first.", "zh": "可推迟出发，或先参观其他点。"},
    "plan.notice.after_closing": {
        "en": "Arrives {arrive}, after closing at {closes}.",
        "zh": "{arrive} 到达，已过 {closes} 关闭时间。",
    },
    "plan.suggest.after_closing": {
        "en": "Visit it earlier in the day (unlock the order or move it up), start earlier, or "
              "allow another day.",
        "zh": "请提前参观（取消固定顺序或将其前移）、提早出发，或增加一天。",
    },
    "plan.notice.after_last_entry": {
        "en": "Arrives {arrive}, after the last entry at {last_entry}.",
        "zh": "{arrive} 到达，已过最晚入场时间 {last_entry}。",
    },
    "plan.suggest.after_last_entry": {
        "en": "Visit it earlier in the day (unlock the order or move it up), start earlier, or "
              "allow another day.",
        "zh": "请提前参观（取消固定顺序或将其前移）、提早出发，或增加一天。",
    },
    "plan.notice.closes_during_visit": {
        "en": "Closes at {closes}: only {minutes} of the planned {planned} min.",
        "zh": "{closes} 关闭：计划参观 {planned} 分钟，实际只有 {minutes} 分钟。",
    },
    "plan.suggest.closes_during_visit": {
        "en": "Visit it earlier, or plan a shorter visit.", "zh": "请提前参观，或缩短参观时间。"},
    "plan.notice.all_closed": {
        "en": "Every stop is closed on {date}.", "zh": "所有参观点在 {date} 均不开放。"},
    "plan.suggest.all_closed": {
        "en": "Try {next_date} ({next_weekday}), when they are open.",
        "zh": "可改为 {next_date}（{next_weekday}），届时均开放。",
    },
    "plan.notice.visit_default": {
        "en": "Visit length not yet verified for {count} stop(s): planned with {minutes} min each.",
        "zh": "{count} 个参观点的参观时长尚未核实，按每处 {minutes} 分钟安排。",
    },
    "plan.notice.not_open": {
        "en": "Not open to visitors (status: {status}).", "zh": "暂不对游客开放（状态：{status}）。"},
    "plan.suggest.not_open": {
        "en": "Leave it out, or ask the site when it opens.", "zh": "请不安排此点，或向该点询问开放时间。"},
    "plan.notice.no_open_day": {
        "en": "Closed on every day of the plan ({date}).", "zh": "在计划的每一天都不开放（{date}）。"},
    "plan.suggest.no_open_day": {
        "en": "It is open on {next_weekday} {next_date}.", "zh": "{next_weekday}（{next_date}）开放。"},
    "plan.notice.no_room": {
        "en": "No room left on the plan's days.", "zh": "计划的日程已排满。"},
    "plan.suggest.no_room": {
        "en": "Allow another day or more hours per day, or remove a stop.",
        "zh": "请增加一天或延长每天时长，或减少参观点。",
    },
    "plan.notice.past_day_end": {
        "en": "Would end at {depart}, after the day's end at {day_end}.",
        "zh": "将于 {depart} 结束，晚于当天结束时间 {day_end}。",
    },
    "plan.suggest.past_day_end": {
        "en": "Start earlier, allow more hours per day or another day.",
        "zh": "请提早出发、延长每天时长或增加一天。",
    },
    "plan.unplaced.title": {"en": "Cannot be visited on these dates", "zh": "这些日期无法参观"},
    "plan.unplaced.dates": {"en": "Nearest dates it is open: {dates}.", "zh": "最近的开放日期：{dates}。"},
    "plan.unplaced.move": {"en": "Move the plan to {date}", "zh": "将计划改到 {date}"},
    "plan.unplaced.drop": {"en": "Drop {name}", "zh": "删除 {name}"},
    "plan.unplaced.locked": {
        "en": "Kept in your order, these stops break their hours and are not scheduled:",
        "zh": "按您固定的顺序，以下参观点不符合开放时间，未排入日程：",
    },
    "plan.travel_range": {"en": "{quick}–{slow} min", "zh": "{quick}–{slow} 分钟"},
    "plan.travel_measured": {"en": "measured: {source}", "zh": "实测：{source}"},
    "itinerary.address_unverified": {"en": "address not verified", "zh": "地址未核实"},
    "itinerary.taxi": {"en": "For the taxi driver", "zh": "请出示给出租车司机"},
    "itinerary.address_en": {"en": "Address", "zh": "英文地址"},
    "itinerary.times": {"en": "Arrive {arrive} · Leave {depart}", "zh": "到达 {arrive} · 离开 {depart}"},
    "itinerary.amap": {"en": "Scan to open in Amap", "zh": "扫码在高德地图中打开"},
    "itinerary.share": {"en": "Scan to open this plan", "zh": "扫码打开此计划"},
    "plan.show_sites": {"en": "Show the other sites (faint)", "zh": "显示其他示范点（淡色）"},
    "plan.share_qr": {"en": "The link as a QR code", "zh": "链接二维码"},
    "plan.share_qr_too_long": {"en": "This link is too long for a QR code; copy it instead.",
                               "zh": "链接太长，无法生成二维码；请复制链接。"},
    "plan.notice.bad_value": {
        "en": "The link's {name} '{value}' is not valid; using {used}.",
        "zh": "链接中的 {name}“{value}”无效，改用 {used}。",
    },
    "compare.title": {"en": "Compare sites", "zh": "示范点比较"},
    "compare.caption": {
        "en": "Two to four sites side by side, for planning a delegation's programme.",
        "zh": "并列比较二至四个示范点，便于安排代表团行程。",
    },
    "compare.pick": {"en": "Sites to compare (2 to 4)", "zh": "要比较的示范点（2 至 4 个）"},
    "compare.need_two": {"en": "Pick at least two sites.", "zh": "请至少选择两个示范点。"},
    "compare.too_many": {
        "en": "At most four sites can be compared; the others in the link were left out.",
        "zh": "最多比较四个示范点；链接中的其余示范点未纳入。",
    },
    "compare.field": {"en": "Field", "zh": "项目"},
    "compare.row.category": {"en": "Category", "zh": "类别"},
    "compare.row.themes": {"en": "Themes", "zh": "主题"},
    "compare.row.visit": {"en": "Visit duration", "zh": "参观时长"},
    "compare.row.hours": {"en": "Opening hours", "zh": "开放时间"},
    "compare.row.fee": {"en": "Fee", "zh": "门票"},
    "compare.row.accessibility": {"en": "Accessibility", "zh": "无障碍"},
    "compare.row.groups": {"en": "Suits groups", "zh": "适合团体"},
    "compare.row.languages": {"en": "Guiding languages", "zh": "讲解语言"},
    "compare.row.contact": {"en": "Contact", "zh": "联系方式"},
    "compare.row.district": {"en": "District", "zh": "区县"},
    "compare.unknown_all": {
        "en": "Not yet verified for any of these sites: {fields}.",
        "zh": "以下各项对所选示范点均尚未核实：{fields}。",
    },
    "compare.differs": {
        "en": "Marked ≠: the sites differ there.", "zh": "标有 ≠ 的项目：各示范点不同。"},
    "compare.from_venue": {
        "en": "From the Eco Forum Global venue by car", "zh": "从生态文明贵阳国际论坛会址驾车"},
    "compare.between": {"en": "Between the sites by car", "zh": "示范点之间驾车"},
    "compare.map": {"en": "Where they are", "zh": "位置"},
    "compare.yes": {"en": "Yes", "zh": "是"},
    "compare.no": {"en": "No", "zh": "否"},
    "compare.add_to_plan": {"en": "Plan a visit to these sites", "zh": "为这些示范点规划参观"},
    "compare.group.title": {"en": "Which suits a group better", "zh": "哪个更适合团组参观"},
    "compare.group.caption": {
        "en": "From sourced facts and the travel estimate only; what no source says is not compared.",
        "zh": "仅依据有来源的信息和行程估算；没有来源的内容不作比较。",
    },
    "compare.group.none": {
        "en": "No sourced fact tells these sites apart for a group yet.",
        "zh": "目前没有有来源的信息能区分这些示范点哪个更适合团组。",
    },
    "compare.group.line": {"en": "{label}: {sites}", "zh": "{label}：{sites}"},
    "compare.group.site_detail": {"en": "{site} ({detail})", "zh": "{site}（{detail}）"},
    "compare.group.card": {"en": "Better for a group: {reasons}", "zh": "更适合团组：{reasons}"},
    "compare.group.open": {"en": "Open to visitors", "zh": "可以参观"},
    "compare.group.open_line": {"en": "{label}: {sites}; not open: {closed}",
                                "zh": "{label}：{sites}；暂不开放：{closed}"},
    "compare.group.groups": {"en": "Stated to suit groups", "zh": "注明适合团体"},
    "compare.group.languages": {"en": "Most guiding languages", "zh": "讲解语言最多"},
    "compare.group.fee": {"en": "Lowest fee", "zh": "门票最低"},
    "compare.group.venue": {"en": "Nearest the Eco Forum Global venue", "zh": "距论坛会址最近"},
    "compare.group.transit": {"en": "Near a metro station", "zh": "靠近地铁站"},
    "compare.group.access": {"en": "Accessibility described", "zh": "有无障碍说明"},
    # --- end of visit planner and comparison ---
    # --- staff intake ---
    "staff.nav": {"en": "Staff", "zh": "工作人员"},
    "staff.nav_signin": {"en": "Staff sign-in", "zh": "工作人员登录"},
    "staff.signin_title": {"en": "Staff sign-in", "zh": "工作人员登录"},
    "staff.signin_intro": {
        "en": "City staff sign in here to add and correct sites. Every change is recorded with "
              "your name and can be rolled back.",
        "zh": "市级工作人员在此登录，以新增和更正示范点。每次更改都会记录您的姓名，并可回滚。",
    },
    "staff.not_configured": {
        "en": "Staff sign-in is switched off because there is no staff account yet. An "
              "administrator adds one per member of staff on the server with "
              "`python -m ecosites staff add NAME`. (The older shared password, "
              "`ECOSITES_STAFF_PASSWORD` or `staff_password` in `.streamlit/secrets.toml`, still "
              "signs in as the account `staff` until it is moved into an account.)",
        "zh": "还没有工作人员账户，因此登录已关闭。管理员可在服务器上用 "
              "`python -m ecosites staff add 姓名` 为每位工作人员添加账户。（旧的共用密码，即 "
              "`ECOSITES_STAFF_PASSWORD` 或 `.streamlit/secrets.toml` 中的 `staff_password`，"
              "在迁移为账户之前仍可作为账户 `staff` 登录。）",
    },
    # --- staff accounts ---
    "staff.name": {"en": "Account name (recorded with every change)", "zh": "账户名（随每次更改记录）"},
    "staff.password": {"en": "Password", "zh": "密码"},
    "staff.shared_password_warning": {
        "en": "You signed in with the shared staff password, so changes are recorded as 'staff', "
              "not as you. Ask an administrator for your own account (`python -m ecosites staff add`).",
        "zh": "您使用的是共用的工作人员密码，因此更改记录在“staff”名下，而不是您本人。"
              "请管理员为您创建个人账户（`python -m ecosites staff add`）。",
    },
    "staff.not_recorded": {
        "en": "Version {version} was published and is in the history with your name, but its audit "
              "log line was not written: {details}",
        "zh": "版本 {version} 已发布，并以您的名字记入历史版本，但审计日志未能写入：{details}",
    },
    "staff.signin_unavailable": {
        "en": "Signing in is not possible right now: {details}",
        "zh": "目前无法登录：{details}",
    },
    "staff.audit_failed": {
        "en": "The audit log could not record this: {details}",
        "zh": "审计日志未能记录此操作：{details}",
    },
    # --- end of staff accounts ---
    "staff.sign_in": {"en": "Sign in", "zh": "登录"},
    "staff.sign_out": {"en": "Sign out", "zh": "退出登录"},
    "staff.wrong": {"en": "Wrong account name or password.", "zh": "账户名或密码错误。"},
    "staff.no_name": {
        "en": "Enter your account name: it is recorded with every change.",
        "zh": "请输入您的账户名：它会随每次更改记录。",
    },
    "staff.throttled": {
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
        "zh": "失败次数过多，请在 {seconds} 秒后重试。",
    },
    "staff.signed_in_as": {"en": "Signed in as {name}.", "zh": "已登录：{name}。"},
    "staff.go_to_staff": {"en": "Open the staff page", "zh": "打开工作人员页面"},
    "staff.need_sign_in": {
        "en": "This page is for signed-in staff only.",
        "zh": "此页面仅限已登录的工作人员使用。",
    },
    "staff.title": {"en": "Staff: add and correct sites", "zh": "工作人员：新增与更正示范点"},
    "staff.section": {"en": "Staff task", "zh": "员工任务"},
    "staff.tab_reports": {"en": "Problem reports", "zh": "问题反馈"},
    "staff.reports_none": {"en": "No open problem reports.", "zh": "没有待处理的问题反馈。"},
    "staff.report_line": {"en": "Site {site} · {kind} · {time} (UTC)",
                          "zh": "示范点 {site} · {kind} · {time}（UTC）"},
    "staff.report_done": {"en": "Mark done", "zh": "标记为已处理"},
    "staff.report_marked": {"en": "Report on site {site} marked done.",
                            "zh": "示范点 {site} 的反馈已标记为已处理。"},
    "staff.reports_done": {"en": "Done reports ({count})", "zh": "已处理的反馈（{count}）"},
    "staff.template": {"en": "Download a template GeoJSON", "zh": "下载 GeoJSON 模板"},
    "staff.template_help": {
        "en": "One example site with every field; the file's 'field_notes' member says, in English and "
              "Chinese, what each field means, whether it is required and its limits.",
        "zh": "包含所有字段的示例示范点；文件中的 “field_notes” 部分用英文和中文说明每个字段的含义、"
              "是否必填及限制。",
    },
    "staff.tab_upload": {"en": "Upload", "zh": "上传"},
    "staff.tab_edit": {"en": "Edit one site", "zh": "编辑单个示范点"},
    "staff.tab_history": {"en": "History and rollback", "zh": "历史版本与回滚"},
    "staff.upload_help": {
        "en": "Upload GeoJSON, GeoPackage, a zipped Shapefile, KML or GPX. Nothing changes until "
              "you press Publish.",
        "zh": "可上传 GeoJSON、GeoPackage、压缩的 Shapefile、KML 或 GPX。点击“发布”之前不会有任何更改。",
    },
    "staff.upload_label": {"en": "Site files", "zh": "示范点文件"},
    "staff.limits": {
        "en": "Limits: {mb} MB and {features} sites per file.",
        "zh": "限制：每个文件 {mb} MB、{features} 个示范点。",
    },
    "staff.crs_label": {"en": "Coordinate system of the files", "zh": "文件的坐标系"},
    "staff.crs.auto": {
        "en": "As declared in the file, else WGS-84 (GPS, OpenStreetMap, Tianditu)",
        "zh": "按文件声明；未声明则为 WGS-84（GPS、OpenStreetMap、天地图）",
    },
    "staff.crs.gcj02": {
        "en": "GCJ-02: copied from Amap/Gaode or Tencent",
        "zh": "GCJ-02：取自高德或腾讯地图",
    },
    "staff.crs.bd09": {"en": "BD-09: copied from Baidu", "zh": "BD-09：取自百度地图"},
    "staff.crs.epsg": {"en": "Another EPSG code", "zh": "其他 EPSG 代码"},
    "staff.epsg_label": {"en": "EPSG code, e.g. EPSG:4547", "zh": "EPSG 代码，例如 EPSG:4547"},
    "staff.replace": {
        "en": "Replace the whole catalogue with these files (sites not in them are removed)",
        "zh": "用这些文件替换整个目录（文件中没有的示范点将被移除）",
    },
    "staff.replace_removes": {
        "en": "Replacing the whole catalogue removes {count} site(s) that are not in these files:",
        "zh": "替换整个目录将移除这些文件中没有的 {count} 个示范点：",
    },
    "staff.replace_more": {"en": "and {count} more", "zh": "以及另外 {count} 个"},
    "staff.replace_confirm": {
        "en": "Yes, remove these {count} site(s) from the catalogue",
        "zh": "确认从目录中移除这 {count} 个示范点",
    },
    "staff.repair": {
        "en": "Repair invalid boundaries (close open rings, fix self-intersections)",
        "zh": "修复无效边界（闭合未闭合的环、修复自相交）",
    },
    "staff.report": {"en": "Check report", "zh": "检查报告"},
    "staff.report_summary": {
        "en": "{valid} of {total} site(s) valid · {errors} error(s) · {warnings} warning(s)",
        "zh": "{total} 个示范点中 {valid} 个有效 · {errors} 个错误 · {warnings} 个警告",
    },
    "staff.converted": {
        "en": "{file}: coordinates converted from {crs} to WGS-84.",
        "zh": "{file}：坐标已从 {crs} 转换为 WGS-84。",
    },
    "staff.unreadable": {
        "en": "Some files could not be read at all; see the report.",
        "zh": "部分文件完全无法读取，请查看检查报告。",
    },
    "staff.problem_lines": {
        "en": "All {count} problem(s), one per line (to copy)",
        "zh": "全部 {count} 个问题，每行一个（可复制）",
    },
    "staff.col.file": {"en": "File", "zh": "文件"},
    "staff.col.feature": {"en": "Feature", "zh": "要素"},
    "staff.col.id": {"en": "Id", "zh": "编号"},
    "staff.col.status": {"en": "Status", "zh": "状态"},
    "staff.col.problems": {"en": "Problems", "zh": "问题"},
    "staff.col.field": {"en": "Field", "zh": "字段"},
    "staff.col.old": {"en": "Now", "zh": "当前"},
    "staff.col.new": {"en": "After publishing", "zh": "发布后"},
    "staff.col.version": {"en": "Version", "zh": "版本"},
    "staff.col.time": {"en": "Time (UTC)", "zh": "时间（UTC）"},
    "staff.col.author": {"en": "By", "zh": "操作人"},
    "staff.col.action": {"en": "Action", "zh": "操作"},
    "staff.col.sites": {"en": "Sites", "zh": "示范点数"},
    "staff.col.note": {"en": "Note", "zh": "说明"},
    "staff.col.sha": {"en": "SHA-256", "zh": "SHA-256"},
    "staff.action.publish": {"en": "publish", "zh": "发布"},
    "staff.action.edit": {"en": "edit", "zh": "编辑"},
    "staff.action.rollback": {"en": "rollback", "zh": "回滚"},
    "staff.action.found": {"en": "found", "zh": "发现（导入之外的更改）"},
    "staff.action.load": {"en": "load", "zh": "载入数据库"},
    "staff.action.report-done": {"en": "report-done", "zh": "反馈已处理"},
    "staff.action.sign-in": {"en": "sign-in", "zh": "登录"},
    "staff.action.sign-in-failed": {"en": "sign-in-failed", "zh": "登录失败"},
    "staff.action.sign-out": {"en": "sign-out", "zh": "退出登录"},
    "staff.author_unknown": {"en": "(unknown: changed outside staff intake)",
                             "zh": "（未知：在员工导入之外更改）"},
    "staff.note.rolled_back": {"en": "rolled back to version {version}", "zh": "回滚到版本 {version}"},
    "staff.note.form": {"en": "form", "zh": "编辑表单"},
    "staff.note.found": {"en": "the catalogue as found before this change",
                         "zh": "此次更改之前发现的目录"},
    "staff.col.current": {"en": "Current", "zh": "当前"},
    "staff.status.ok": {"en": "valid", "zh": "有效"},
    "staff.status.warning": {"en": "valid, with warnings", "zh": "有效（有警告）"},
    "staff.status.error": {"en": "not valid", "zh": "无效"},
    "staff.preview": {"en": "Preview on the map", "zh": "地图预览"},
    "staff.preview_none": {"en": "No valid site to show.", "zh": "没有可显示的有效示范点。"},
    "staff.diff": {"en": "What publishing changes", "zh": "发布后的变化"},
    "staff.diff_summary": {
        "en": "{added} added · {changed} changed · {unchanged} unchanged · {removed} removed",
        "zh": "新增 {added} · 修改 {changed} · 未变 {unchanged} · 移除 {removed}",
    },
    "staff.added": {"en": "Added", "zh": "新增"},
    "staff.changed": {"en": "Changed", "zh": "修改"},
    "staff.removed": {"en": "Removed", "zh": "移除"},
    "staff.nothing_to_publish": {
        "en": "Nothing to publish: the catalogue already holds exactly this.",
        "zh": "无需发布：目录中已是完全相同的内容。",
    },
    "staff.fix_first": {
        "en": "Fix the errors in the report and upload again: nothing is published while there "
              "are errors.",
        "zh": "请修正报告中的错误后重新上传：存在错误时不会发布任何内容。",
    },
    "staff.publish": {"en": "Publish", "zh": "发布"},
    "staff.published": {
        "en": "Published version {version}: {summary}. The explore page shows it now.",
        "zh": "已发布版本 {version}：{summary}。探索页面现已显示。",
    },
    "staff.conflict": {
        "en": "Not published: the catalogue changed since your preview (someone else published). "
              "The preview now shows the current catalogue; check it and publish again.",
        "zh": "未发布：预览之后目录已被他人更改。预览现已按当前目录更新，请检查后再次发布。",
    },
    "staff.store_error": {"en": "Not published: {details}", "zh": "未发布：{details}"},
    "staff.audit_unreadable": {
        "en": ("The audit log cannot be read, so who made each change is not shown; "
               "the versions below are complete."),
        "zh": "无法读取审计日志，因此不显示每次更改的操作人；以下版本记录完整。",
    },
    "staff.store_unavailable": {
        "en": "The catalogue cannot be changed right now: {details}",
        "zh": "目前无法修改目录：{details}",
    },
    "staff.conflict_winner": {
        "en": "Version {version} was published by {author} at {time} (UTC).",
        "zh": "版本 {version} 已由 {author} 于 {time}（UTC）发布。",
    },
    "staff.edit_pick": {"en": "Site to edit", "zh": "要编辑的示范点"},
    "staff.edit_help": {
        "en": "Themes, facts, sources and boundaries are changed by upload. Empty means not yet "
              "verified.",
        "zh": "主题、资料、来源和边界需通过上传更改。留空表示尚未核实。",
    },
    "staff.edit_save": {"en": "Check and publish", "zh": "检查并发布"},
    "staff.edit_no_change": {"en": "Nothing changed.", "zh": "没有任何更改。"},
    "staff.edit_empty": {"en": "The catalogue has no site to edit.", "zh": "目录中没有可编辑的示范点。"},
    "staff.edit_stale": {
        "en": "Someone else published since this form opened: version {version} by {author} at {time} "
              "(UTC) is the catalogue now. What you typed is kept; preview it against that version "
              "before publishing.",
        "zh": "自打开此表单以来，其他人已发布：当前目录为 {author} 于 {time}（UTC）发布的版本 {version}。"
              "您输入的内容已保留；请先与该版本对比预览，再发布。",
    },
    "staff.edit_stale_unknown": {
        "en": "The catalogue was changed outside staff intake since this form opened. What you typed "
              "is kept; preview it against the catalogue as it is now before publishing.",
        "zh": "自打开此表单以来，目录在员工导入之外被更改。您输入的内容已保留；"
              "请先与当前目录对比预览，再发布。",
    },
    "staff.edit_preview_again": {"en": "Preview my changes against version {version}",
                                 "zh": "将我的更改与版本 {version} 对比预览"},
    "staff.edit_preview_again_unknown": {"en": "Preview my changes against the current catalogue",
                                         "zh": "将我的更改与当前目录对比预览"},
    "staff.upload_conflict": {
        "en": "Not published: someone else published after your preview, so nothing of yours was "
              "published. Your files and choices are kept.",
        "zh": "未发布：在您预览之后其他人已发布，因此您的内容没有发布。您选择的文件和选项均已保留。",
    },
    "staff.upload_stale": {
        "en": "Version {version} by {author} at {time} (UTC) is the catalogue now. Preview your upload "
              "against it before publishing.",
        "zh": "当前目录为 {author} 于 {time}（UTC）发布的版本 {version}。"
              "请先将您的上传与该版本对比预览，再发布。",
    },
    "staff.upload_stale_unknown": {
        "en": "The catalogue was changed outside staff intake after your preview. Preview your upload "
              "against the catalogue as it is now before publishing.",
        "zh": "在您预览之后，目录在员工导入之外被更改。请先将您的上传与当前目录对比预览，再发布。",
    },
    "staff.upload_preview_again": {"en": "Preview my upload against version {version}",
                                   "zh": "将我的上传与版本 {version} 对比预览"},
    "staff.upload_preview_again_unknown": {"en": "Preview my upload against the current catalogue",
                                           "zh": "将我的上传与当前目录对比预览"},
    "staff.edit_previewed": {
        "en": "Your changes against the catalogue as it is now; press “Check and publish” to publish them.",
        "zh": "以下为您的更改与当前目录的对比；按“检查并发布”即可发布。",
    },
    "staff.field.name_en": {"en": "English name", "zh": "英文名称"},
    "staff.field.name_zh": {"en": "Chinese name", "zh": "中文名称"},
    "staff.field.category": {"en": "Category", "zh": "类别"},
    "staff.field.district": {"en": "District", "zh": "区县"},
    "staff.field.highlight_en": {"en": "Highlight (English)", "zh": "亮点（英文）"},
    "staff.field.highlight_zh": {"en": "Highlight (Chinese)", "zh": "亮点（中文）"},
    "staff.field.address_en": {"en": "Address (English)", "zh": "地址（英文）"},
    "staff.field.address_zh": {"en": "Address (Chinese)", "zh": "地址（中文）"},
    "staff.field.hours": {"en": "Opening hours, e.g. 09:00-17:00", "zh": "开放时间，例如 09:00-17:00"},
    "staff.field.last_entry": {"en": "Last entry, e.g. 16:00", "zh": "最晚入场，例如 16:00"},
    "staff.field.fee": {"en": "Fee in CNY (0 = free)", "zh": "门票（元，0 为免费）"},
    "staff.field.visit_minutes": {"en": "Typical visit (minutes)", "zh": "建议游览时长（分钟）"},
    "staff.field.website": {"en": "Website (http:// or https://)", "zh": "网站（http:// 或 https://）"},
    "staff.field.phone": {"en": "Phone", "zh": "电话"},
    "staff.field.coordinate_accuracy_m": {"en": "Position accuracy (m)", "zh": "位置精度（米）"},
    "staff.field.coordinate_source": {"en": "Where the position comes from", "zh": "位置来源"},
    "staff.field.lon": {"en": "Longitude (WGS-84)", "zh": "经度（WGS-84）"},
    "staff.field.lat": {"en": "Latitude (WGS-84)", "zh": "纬度（WGS-84）"},
    "staff.field.unknown": {"en": "not yet verified", "zh": "尚未核实"},
    "staff.history_none": {
        "en": "No versions yet: nothing has been published through staff intake.",
        "zh": "暂无版本：尚未通过工作人员页面发布任何内容。",
    },
    "staff.rollback_pick": {"en": "Version to restore", "zh": "要恢复的版本"},
    "staff.rollback_confirm": {
        "en": "Restore this version (it becomes a new version; nothing is deleted)",
        "zh": "恢复此版本（将作为新版本保存，不会删除任何内容）",
    },
    "staff.rollback": {"en": "Roll back", "zh": "回滚"},
    "staff.rolled_back": {
        "en": "Version {version} restored as version {new}. The explore page shows it now.",
        "zh": "已将版本 {version} 恢复为版本 {new}。探索页面现已显示。",
    },
    "staff.audit": {"en": "Audit log (latest first)", "zh": "审计日志（最新在前）"},
    # --- validation: GeoJSON as RFC 7946 judges it, and the product's geometry rules ---
    "validate.rule": {"en": " ({rule})", "zh": "（{rule}）"},
    "validate.warning": {"en": "warning: ", "zh": "警告："},
    "validate.where.feature": {"en": "feature {number}", "zh": "第 {number} 个要素"},
    "validate.where.id": {"en": "id '{id}'", "zh": "编号“{id}”"},
    "validate.where.field": {"en": "field '{field}'", "zh": "字段“{field}”"},
    "validate.where.separator": {"en": ", ", "zh": "，"},
    "validate.line": {"en": "{where}: {message}", "zh": "{where}：{message}"},
    "validate.with_hint": {"en": "{text} ({hint})", "zh": "{text}（{hint}）"},
    "validate.json.duplicate_member": {
        "en": "a JSON object has the member {name} twice; readers disagree on which one counts",
        "zh": "一个 JSON 对象中成员 {name} 出现了两次，不同软件对取哪一个并不一致",
    },
    "validate.json.duplicate_member.hint": {"en": "keep one of them", "zh": "只保留其中一个"},
    "validate.json.not_a_number": {
        "en": "invalid JSON at line {line}, column {column}: {token} is not a JSON number; "
              "coordinates must be finite numbers (no NaN or Infinity)",
        "zh": "第 {line} 行第 {column} 列的 JSON 无效：{token} 不是 JSON 数字；坐标必须是有限数字"
              "（不能是 NaN 或 Infinity）",
    },
    "validate.file.not_object": {
        "en": "expected a GeoJSON object (FeatureCollection or Feature)",
        "zh": "应为 GeoJSON 对象（FeatureCollection 或 Feature）",
    },
    "validate.file.no_features": {
        "en": "a FeatureCollection needs a 'features' list",
        "zh": "FeatureCollection 需要一个 'features' 列表",
    },
    "validate.file.topojson": {"en": "this is TopoJSON, not GeoJSON",
                               "zh": "这是 TopoJSON，不是 GeoJSON"},
    "validate.file.topojson.hint": {
        "en": "convert it to GeoJSON first (e.g. mapshaper or QGIS)",
        "zh": "请先转换为 GeoJSON（例如用 mapshaper 或 QGIS）",
    },
    "validate.file.bare_geometry": {
        "en": "this is a bare {kind} geometry without properties",
        "zh": "这是一个没有属性的单独 {kind} 几何",
    },
    "validate.file.bare_geometry.hint": {
        "en": "wrap it in a Feature with the site's properties",
        "zh": "请把它放进带有示范点属性的 Feature 中",
    },
    "validate.file.unknown_type": {
        "en": "expected type 'FeatureCollection' or 'Feature', found {found}",
        "zh": "类型应为 'FeatureCollection' 或 'Feature'，实际为 {found}",
    },
    "validate.rfc.no_type": {"en": "the object has no 'type' member",
                             "zh": "该对象缺少 'type' 成员"},
    "validate.rfc.type_case": {
        "en": "type {found} is written in the wrong case: GeoJSON types are case-sensitive",
        "zh": "类型 {found} 的大小写不对：GeoJSON 类型区分大小写",
    },
    "validate.rfc.type_case.hint": {"en": "write '{expected}'", "zh": "请写作“{expected}”"},
    "validate.rfc.unknown_type": {"en": "{found} is not a GeoJSON type here",
                                  "zh": "{found} 在此处不是 GeoJSON 类型"},
    "validate.rfc.unknown_type.hint": {"en": "use one of {expected}", "zh": "请使用以下之一：{expected}"},
    "validate.rfc.forbidden_member": {
        "en": "a {kind} must not have the member(s) {members}: they belong to another kind of "
              "GeoJSON object",
        "zh": "{kind} 不得含有成员 {members}：它们属于另一种 GeoJSON 对象",
    },
    "validate.rfc.forbidden_member.hint": {
        "en": "remove them, or rename them if they hold your own data",
        "zh": "请删除它们；如果存放的是您自己的数据，请改名",
    },
    "validate.rfc.bbox_not_array": {"en": "the bbox must be an array of numbers; found {found}",
                                    "zh": "bbox 必须是数字数组，实际为 {found}"},
    "validate.rfc.bbox_not_array.hint": {
        "en": "write it as [west, south, east, north], or remove it",
        "zh": "请写作 [西, 南, 东, 北]，或删除它",
    },
    "validate.rfc.bbox_length": {
        "en": "the bbox has {count} values; it needs 4 ([west, south, east, north]) or 6 with heights",
        "zh": "bbox 有 {count} 个值；应为 4 个（[西, 南, 东, 北]），含高度时为 6 个",
    },
    "validate.rfc.bbox_numbers": {"en": "the bbox must hold only numbers; found {found}",
                                  "zh": "bbox 只能包含数字，实际为 {found}"},
    "validate.rfc.bbox_finite": {"en": "the bbox must hold finite numbers (no NaN or Infinity)",
                                 "zh": "bbox 必须是有限数字（不能是 NaN 或 Infinity）"},
    "validate.rfc.bbox_dimension": {
        "en": "the bbox has {count} values but its geometries have {dimension} dimensions, so it "
              "needs {expected}",
        "zh": "bbox 有 {count} 个值，但其几何为 {dimension} 维，应为 {expected} 个值",
    },
    "validate.rfc.bbox_order_latitude": {
        "en": "the bbox's south edge {low} lies north of its north edge {high}",
        "zh": "bbox 的南边界 {low} 位于北边界 {high} 以北",
    },
    "validate.rfc.bbox_order_latitude.hint": {"en": "the order is [west, south, east, north]",
                                              "zh": "顺序为 [西, 南, 东, 北]"},
    "validate.rfc.bbox_order_height": {
        "en": "the bbox's lowest height {low} is above its highest height {high}",
        "zh": "bbox 的最低高度 {low} 高于最高高度 {high}",
    },
    "validate.rfc.bbox_order_height.hint": {
        "en": "the order is [west, south, lowest, east, north, highest]",
        "zh": "顺序为 [西, 南, 最低, 东, 北, 最高]",
    },
    "validate.rfc.position_size": {
        "en": "a position must be [longitude, latitude] (2 numbers, optionally a 3rd for height); "
              "found {found}",
        "zh": "位置必须是 [经度, 纬度]（2 个数字，可加第 3 个表示高度），实际为 {found}",
    },
    "validate.rfc.position_numbers": {"en": "coordinates must be numbers; found {found}",
                                      "zh": "坐标必须是数字，实际为 {found}"},
    "validate.rfc.position_finite": {
        "en": "coordinates must be finite numbers (no NaN or Infinity)",
        "zh": "坐标必须是有限数字（不能是 NaN 或 Infinity）",
    },
    "validate.rfc.coordinates_not_array": {
        "en": "the {kind}'s 'coordinates' must be an array; found {found}",
        "zh": "{kind} 的 'coordinates' 必须是数组，实际为 {found}",
    },
    "validate.rfc.nesting": {
        "en": "coordinates are not nested arrays as this geometry type needs",
        "zh": "坐标数组的嵌套层次与该几何类型不符",
    },
    "validate.rfc.nesting.hint": {
        "en": "check that the type {kind} matches the coordinates",
        "zh": "请检查类型 {kind} 与坐标是否一致",
    },
    "validate.rfc.mixed_dimensions": {
        "en": "the positions of one geometry must all have the same number of values: some "
              "have a height and some do not",
        "zh": "同一几何中的所有位置必须有相同数量的值：有的带高度，有的不带",
    },
    "validate.rfc.mixed_dimensions.hint": {"en": "give every position a height, or none",
                                           "zh": "请给所有位置都加上高度，或都不加"},
    "validate.rfc.line_short": {"en": "a line needs at least 2 positions",
                                "zh": "线至少需要 2 个位置"},
    "validate.rfc.ring_short": {"en": "a polygon ring needs at least 4 positions",
                                "zh": "多边形的环至少需要 4 个位置"},
    "validate.rfc.ring_short.hint": {"en": "a ring needs 3 distinct corners",
                                     "zh": "环需要 3 个不同的角点"},
    "validate.rfc.ring_open": {"en": "a polygon ring is not closed", "zh": "多边形的环没有闭合"},
    "validate.rfc.ring_open.hint": {
        "en": "its first position {first} and last {last} must be exactly equal: repeat the first "
              "position as the last one, or choose 'Repair geometry' on the staff page (or import "
              "with --repair)",
        "zh": "首个位置 {first} 与最后一个位置 {last} 必须完全相同：请把首个位置重复为最后一个，"
              "或在工作人员页面选择“修复几何”（命令行导入时加 --repair）",
    },
    "validate.rfc.winding_outer": {
        "en": "an outer ring runs clockwise; the right-hand rule asks for counter-clockwise",
        "zh": "外环为顺时针方向；右手法则要求逆时针",
    },
    "validate.rfc.winding_hole": {
        "en": "a hole runs counter-clockwise; the right-hand rule asks for clockwise",
        "zh": "内环（洞）为逆时针方向；右手法则要求顺时针",
    },
    "validate.rfc.winding_outer.hint": {
        "en": "import stores the rings the other way round; the shape does not change",
        "zh": "导入时会反转环的方向保存，形状不变",
    },
    "validate.rfc.winding_hole.hint": {
        "en": "import stores the rings the other way round; the shape does not change",
        "zh": "导入时会反转环的方向保存，形状不变",
    },
    "validate.rfc.geometry_not_object": {
        "en": "the geometry must be a GeoJSON object (or null); found {found}",
        "zh": "几何必须是 GeoJSON 对象（或 null），实际为 {found}",
    },
    "validate.rfc.no_geometries": {"en": "a GeometryCollection needs a 'geometries' array",
                                   "zh": "GeometryCollection 需要一个 'geometries' 数组"},
    "validate.rfc.no_coordinates": {"en": "the {kind} geometry has no 'coordinates' member",
                                    "zh": "{kind} 几何缺少 'coordinates' 成员"},
    "validate.rfc.feature_not_object": {"en": "this item is not a GeoJSON Feature; found {found}",
                                        "zh": "该条目不是 GeoJSON Feature，实际为 {found}"},
    "validate.rfc.no_geometry_member": {"en": "the feature has no 'geometry' member",
                                        "zh": "该要素缺少 'geometry' 成员"},
    "validate.rfc.no_geometry_member.hint": {
        "en": "a Feature always has 'geometry': a geometry, or null",
        "zh": "Feature 必须有 'geometry'：一个几何，或 null",
    },
    "validate.rfc.no_properties_member": {"en": "the feature has no 'properties' member",
                                          "zh": "该要素缺少 'properties' 成员"},
    "validate.rfc.no_properties_member.hint": {
        "en": "a Feature always has 'properties': an object, or null",
        "zh": "Feature 必须有 'properties'：一个对象，或 null",
    },
    "validate.rfc.properties_not_object": {
        "en": "the feature's 'properties' must be an object (or null); found {found}",
        "zh": "要素的 'properties' 必须是对象（或 null），实际为 {found}",
    },
    "validate.rfc.id_type": {"en": "the feature's id must be a string or a number; found {found}",
                             "zh": "要素的 id 必须是字符串或数字，实际为 {found}"},
    "validate.rfc.id_type.hint": {"en": "remove it, or write the site's id as text",
                                  "zh": "请删除它，或把示范点编号写成文字"},
    "validate.geo.none": {"en": "the feature has no geometry", "zh": "该要素没有几何"},
    "validate.geo.none.hint": {"en": "give the site a Point with [longitude, latitude]",
                               "zh": "请给示范点一个 [经度, 纬度] 的 Point"},
    "validate.geo.empty": {"en": "the geometry has no coordinates", "zh": "该几何没有坐标"},
    "validate.geo.empty.hint": {"en": "give the site a Point with [longitude, latitude]",
                                "zh": "请给示范点一个 [经度, 纬度] 的 Point"},
    "validate.geo.unsupported": {"en": "geometry type {found} is not supported",
                                 "zh": "不支持几何类型 {found}"},
    "validate.geo.unsupported.hint": {"en": "use Point, MultiPoint, Polygon or MultiPolygon",
                                      "zh": "请使用 Point、MultiPoint、Polygon 或 MultiPolygon"},
    "validate.geo.outside_swapped": {"en": "[{lon}, {lat}] is outside the Guiyang region",
                                     "zh": "[{lon}, {lat}] 不在贵阳范围内"},
    "validate.geo.outside_swapped.hint": {
        "en": "latitude and longitude look swapped: GeoJSON order is [longitude, latitude]",
        "zh": "经纬度似乎写反了：GeoJSON 的顺序是 [经度, 纬度]",
    },
    "validate.geo.outside": {"en": "[{lon}, {lat}] is outside the Guiyang region",
                             "zh": "[{lon}, {lat}] 不在贵阳范围内"},
    "validate.geo.outside.hint": {
        "en": "the Guiyang region is longitude {west}–{east}, latitude {south}–{north}",
        "zh": "贵阳范围为经度 {west}–{east}、纬度 {south}–{north}",
    },
    "validate.geo.not_lonlat": {"en": "[{lon}, {lat}] is not a longitude/latitude pair",
                                "zh": "[{lon}, {lat}] 不是经纬度"},
    "validate.geo.not_lonlat.hint": {
        "en": "GeoJSON is WGS-84 degrees; projected coordinates must be reprojected (declare the "
              "CRS at import)",
        "zh": "GeoJSON 使用 WGS-84 经纬度；投影坐标需要转换（导入时声明坐标系）",
    },
    "validate.geo.no_rings": {"en": "a polygon has no rings", "zh": "多边形没有环"},
    "validate.geo.no_rings.hint": {"en": "give every polygon an outer ring",
                                   "zh": "请给每个多边形一个外环"},
    "validate.geo.unreadable": {"en": "the boundary cannot be read as a polygon",
                                "zh": "无法把该边界读作多边形"},
    "validate.geo.invalid": {"en": "the boundary is not a valid polygon: {reason}",
                             "zh": "该边界不是有效的多边形：{reason}"},
    "validate.geo.unreadable.hint": {
        "en": "choose 'Repair geometry' on the staff page (or import with --repair), or fix it "
              "in your GIS, e.g. QGIS 'Fix geometries'",
        "zh": "请在工作人员页面选择“修复几何”（命令行导入时加 --repair），或在 GIS 中修复，"
              "例如 QGIS 的“修复几何”",
    },
    "validate.geo.invalid.hint": {
        "en": "choose 'Repair geometry' on the staff page (or import with --repair), or fix it "
              "in your GIS, e.g. QGIS 'Fix geometries'",
        "zh": "请在工作人员页面选择“修复几何”（命令行导入时加 --repair），或在 GIS 中修复，"
              "例如 QGIS 的“修复几何”",
    },
    "validate.geos.self_intersection": {"en": "the boundary crosses itself near [{x}, {y}]",
                                        "zh": "边界在 [{x}, {y}] 附近自相交"},
    "validate.geos.ring_self_intersection": {
        "en": "a ring of the boundary touches itself near [{x}, {y}]",
        "zh": "边界的一个环在 [{x}, {y}] 附近自相接触",
    },
    "validate.geos.hole_outside": {"en": "a hole lies outside the outer ring near [{x}, {y}]",
                                   "zh": "[{x}, {y}] 附近有一个洞位于外环之外"},
    "validate.geos.nested_holes": {"en": "a hole lies inside another hole near [{x}, {y}]",
                                   "zh": "[{x}, {y}] 附近有一个洞位于另一个洞之内"},
    "validate.geos.disconnected": {
        "en": "the holes cut the area into separate pieces near [{x}, {y}]",
        "zh": "[{x}, {y}] 附近的洞把面积切成了互不相连的几块",
    },
    "validate.geos.nested_shells": {
        "en": "one part of the boundary lies inside another part near [{x}, {y}]",
        "zh": "[{x}, {y}] 附近边界的一部分位于另一部分之内",
    },
    "validate.geos.duplicate_rings": {"en": "a ring is repeated near [{x}, {y}]",
                                      "zh": "[{x}, {y}] 附近有重复的环"},
    "validate.geos.too_few_points": {"en": "a ring has too few distinct points near [{x}, {y}]",
                                     "zh": "[{x}, {y}] 附近有一个环的不同点太少"},
    "validate.geos.invalid_coordinate": {"en": "a coordinate is not a number near [{x}, {y}]",
                                         "zh": "[{x}, {y}] 附近有坐标不是数字"},
    "validate.geos.ring_open": {"en": "a ring is not closed near [{x}, {y}]",
                                "zh": "[{x}, {y}] 附近有环没有闭合"},
    "validate.geos.other": {
        "en": "its rings cross or touch in a way a polygon does not allow, near [{x}, {y}]",
        "zh": "[{x}, {y}] 附近的环以多边形不允许的方式相交或接触",
    },
    "validate.geos.other_nowhere": {
        "en": "its rings cross or touch in a way a polygon does not allow",
        "zh": "其环以多边形不允许的方式相交或接触",
    },
    "validate.geo.conversion": {"en": "the coordinates cannot be converted from {crs} to WGS-84",
                                "zh": "无法把坐标从 {crs} 转换为 WGS-84"},
    "validate.geo.conversion.hint": {"en": "check that the file really is in {crs}",
                                     "zh": "请确认文件确实使用 {crs}"},
    "validate.geo.repair_failed": {
        "en": "the boundary is not valid and cannot be repaired: {reason}",
        "zh": "该边界无效，且无法修复：{reason}",
    },
    "validate.geo.repair_failed.hint": {"en": "fix it in your GIS, e.g. QGIS 'Fix geometries'",
                                        "zh": "请在 GIS 中修复，例如 QGIS 的“修复几何”"},
    "validate.geo.repaired": {"en": "the boundary was repaired ({reason}); now a {kind}",
                              "zh": "边界已修复（{reason}），现为 {kind}"},
    "validate.geo.repaired.hint": {"en": "check the repaired shape on the preview map",
                                   "zh": "请在预览地图上检查修复后的形状"},
    "validate.geo.rounding": {
        "en": "rounded to {decimals} decimals (about 1 cm), the boundary is no longer valid",
        "zh": "坐标保留 {decimals} 位小数（约 1 厘米）后，边界不再有效",
    },
    "validate.geo.rounding.hint": {
        "en": "move corners that lie less than 1 cm apart, or simplify the boundary",
        "zh": "请移开相距不到 1 厘米的角点，或简化边界",
    },
    "validate.geo.too_deep": {"en": "the coordinates are nested too deeply",
                              "zh": "坐标嵌套层次过深"},
    "validate.repair.done": {"en": "{reason}", "zh": "{reason}"},
    "validate.repair.closed": {"en": "closed the open ring(s)", "zh": "闭合了未闭合的环"},
    "validate.repair.no_area_ring": {
        "en": "a ring has fewer than 3 corners, so there is no area to keep",
        "zh": "有环的角点少于 3 个，没有可保留的面积",
    },
    "validate.repair.nothing_left": {"en": "nothing with an area is left after repair",
                                     "zh": "修复后没有剩下有面积的部分"},
    "validate.repair.unreadable": {"en": "the boundary cannot be read as a polygon",
                                   "zh": "无法把该边界读作多边形"},
    "validate.gdal.not_format": {"en": "the file cannot be read as {format}: it is in another format",
                                 "zh": "无法把该文件读作 {format}：它是另一种格式"},
    "validate.gdal.damaged": {"en": "the file cannot be read as {format}: it is damaged or incomplete",
                              "zh": "无法把该文件读作 {format}：文件已损坏或不完整"},
    "validate.gdal.unreadable": {"en": "the file cannot be read as {format}",
                                 "zh": "无法把该文件读作 {format}"},
    "validate.gdal.not_format.hint": {
        "en": "export it again from your GIS as GeoJSON, GeoPackage (.gpkg), a zipped Shapefile "
              "(.zip), KML/KMZ or GPX",
        "zh": "请从 GIS 重新导出为 GeoJSON、GeoPackage（.gpkg）、压缩的 Shapefile（.zip）、KML/KMZ 或 GPX",
    },
    "validate.gdal.damaged.hint": {
        "en": "export it again from your GIS and upload the new file",
        "zh": "请从 GIS 重新导出并上传新文件",
    },
    "validate.gdal.unreadable.hint": {
        "en": "export it again from your GIS as GeoJSON, GeoPackage (.gpkg), a zipped Shapefile "
              "(.zip), KML/KMZ or GPX",
        "zh": "请从 GIS 重新导出为 GeoJSON、GeoPackage（.gpkg）、压缩的 Shapefile（.zip）、KML/KMZ 或 GPX",
    },
    "validate.gdal.zip_damaged": {"en": "the zip file is damaged or incomplete",
                                  "zh": "该 zip 文件已损坏或不完整"},
    "validate.gdal.zip_damaged.hint": {"en": "zip the files again and upload the new zip",
                                       "zh": "请重新压缩并上传新的 zip 文件"},
    "validate.prop.missing": {"en": "is required but missing", "zh": "为必填项，但缺失"},
    "validate.prop.not_allowed": {"en": "{shown} is not allowed here", "zh": "此处不允许 {shown}"},
    "validate.prop.not_allowed.hint": {"en": "use one of {allowed}", "zh": "请使用以下之一：{allowed}"},
    "validate.prop.wrong_form": {"en": "{shown} has the wrong form", "zh": "{shown} 的格式不对"},
    "validate.prop.wrong_form_hinted": {"en": "{shown} has the wrong form", "zh": "{shown} 的格式不对"},
    "validate.prop.wrong_form_hinted.hint": {"en": "{hint}", "zh": "{hint}"},
    "validate.prop.control_character": {
        "en": "{shown} holds a control character (such as a NUL byte)",
        "zh": "{shown} 含有控制字符（例如 NUL 字节）",
    },
    "validate.prop.control_character.hint": {
        "en": "remove it: ids are never changed on import, so it cannot be dropped silently",
        "zh": "请删除它：导入时不会改动编号，因此不能悄悄去掉",
    },
    "validate.prop.hint.id": {
        "en": "use a lowercase slug of letters, digits and hyphens, e.g. 'guanshanhu-park'",
        "zh": "请使用由小写字母、数字和连字符组成的编号，例如“guanshanhu-park”",
    },
    "validate.prop.hint.hours": {
        "en": "write opening hours like 09:00-17:00 (24-hour clock; 00:00-24:00 for all day)",
        "zh": "开放时间请写作 09:00-17:00（24 小时制；全天开放写 00:00-24:00）",
    },
    "validate.prop.hint.time": {"en": "write a time like 16:00", "zh": "时间请写作 16:00 这样的格式"},
    "validate.prop.hint.url": {"en": "only http:// and https:// links are allowed",
                               "zh": "只允许 http:// 和 https:// 链接"},
    "validate.prop.hint.phone": {"en": "digits, spaces, +, -, parentheses and commas only",
                                 "zh": "只能包含数字、空格、+、-、括号和逗号"},
    "validate.prop.hint.tags": {"en": "tags are lowercase slugs such as 'wetland' or 'birds'",
                                "zh": "主题为小写编号，例如“wetland”或“birds”"},
    "validate.prop.hint.source": {"en": "use the id of one of this site's sources",
                                  "zh": "请使用该示范点某个来源的编号"},
    "validate.prop.too_long": {"en": "is too long (at most {limit} characters)",
                               "zh": "太长（最多 {limit} 个字符）"},
    "validate.prop.too_many": {"en": "has too many items (at most {limit})",
                               "zh": "条目太多（最多 {limit} 个）"},
    "validate.prop.empty": {"en": "must not be empty", "zh": "不能为空"},
    "validate.prop.wrong_type": {"en": "must be {wanted}, found {shown}",
                                 "zh": "必须是{wanted}，实际为 {shown}"},
    "validate.prop.type.text": {"en": "text", "zh": "文字"},
    "validate.prop.type.whole": {"en": "a whole number", "zh": "整数"},
    "validate.prop.type.number": {"en": "a number", "zh": "数字"},
    "validate.prop.type.list": {"en": "a list", "zh": "列表"},
    "validate.prop.type.bool": {"en": "true or false", "zh": "true 或 false"},
    "validate.prop.type.object": {"en": "an object", "zh": "对象"},
    "validate.prop.out_of_range": {"en": "{shown} is out of range: {bound}",
                                   "zh": "{shown} 超出范围：{bound}"},
    "validate.prop.bound.gt": {"en": "it must be greater than {limit}", "zh": "必须大于 {limit}"},
    "validate.prop.bound.ge": {"en": "it must be at least {limit}", "zh": "必须不小于 {limit}"},
    "validate.prop.bound.lt": {"en": "it must be less than {limit}", "zh": "必须小于 {limit}"},
    "validate.prop.bound.le": {"en": "it must be at most {limit}", "zh": "必须不大于 {limit}"},
    "validate.prop.not_finite": {"en": "{shown} is out of range: it must be a finite number",
                                 "zh": "{shown} 超出范围：必须是有限数字"},
    "validate.prop.rule": {"en": "{message}", "zh": "{message}"},
    "validate.prop.invalid": {"en": "{shown} is not valid here", "zh": "此处 {shown} 无效"},
    "validate.prop.no_object": {"en": "the feature has no 'properties' object",
                                "zh": "该要素没有 'properties' 对象"},
    "validate.prop.no_object.hint": {
        "en": "give the feature the site's properties: id, category, name_en or name_zh, "
              "coordinate_accuracy_m, coordinate_source",
        "zh": "请给要素填写示范点属性：id、category、name_en 或 name_zh、coordinate_accuracy_m、"
              "coordinate_source",
    },
    "validate.prop.markup": {
        "en": "contains HTML or script ({markup}); it is stored and shown as plain text, exactly "
              "as typed",
        "zh": "含有 HTML 或脚本（{markup}）；它会按原样作为纯文本保存和显示",
    },
    "validate.prop.markup.hint": {
        "en": "remove the markup unless the characters are meant literally",
        "zh": "除非这些字符本意如此，否则请删除这些标记",
    },
    "validate.prop.hint.media_file": {
        "en": "a file name directly under geodata/media/ ending .jpg, .jpeg, .png or .webp",
        "zh": "请写 geodata/media/ 下的文件名（不含子文件夹），以 .jpg、.jpeg、.png 或 .webp 结尾",
    },
    "validate.prop.hint.as_of": {
        "en": "write the date as precisely as the source gives it: 2022-03-01, 2020-05 or 2020",
        "zh": "按来源给出的精度写日期：2022-03-01、2020-05 或 2020",
    },
    "validate.prop.no_accuracy": {
        "en": "{fields} not given; the site is accepted and its panel says \"accuracy not stated\"",
        "zh": "未提供 {fields}；该示范点仍被接受，详情中显示“位置精度未注明”",
    },
    "validate.prop.no_accuracy_both": {
        "en": "{first} and {second} not given; the site is accepted and its panel says "
              "\"accuracy not stated\"",
        "zh": "未提供 {first} 和 {second}；该示范点仍被接受，详情中显示“位置精度未注明”",
    },
    "validate.prop.no_accuracy.hint": {
        "en": "add how far the point may be off in metres and where it came from",
        "zh": "请补充该点可能偏差多少米，以及坐标从何而来",
    },
    "validate.prop.no_accuracy_both.hint": {
        "en": "add how far the point may be off in metres and where it came from",
        "zh": "请补充该点可能偏差多少米，以及坐标从何而来",
    },
    "validate.prop.dated_not_number": {
        "en": "the dated value for '{field}' must be a number",
        "zh": "“{field}”的带日期取值必须是数字",
    },
    "validate.prop.dated_wrong_form": {
        "en": "the dated value for '{field}' has the wrong form ({value})",
        "zh": "“{field}”的带日期取值格式不对（{value}）",
    },
    "validate.prop.dated_not_newest": {
        "en": "'{field}' must hold the newest dated value ({value}, as of {as_of})",
        "zh": "“{field}”必须填写最新的带日期取值（{value}，截至 {as_of}）",
    },
    "validate.prop.dated_not_newest.hint": {
        "en": "write the newest value in '{field}'; older ones stay in dated_values",
        "zh": "请在“{field}”中填写最新的值；较早的值保留在 dated_values 中",
    },
    "validate.media.not_shown": {"en": "{reason}; the photo is not shown",
                                 "zh": "{reason}；该图片不予显示"},
    "validate.media.not_shown.hint": {
        "en": "put a JPEG, PNG or WebP of at most {limit_mb} MB in geodata/{folder}/ under this name",
        "zh": "请以此文件名在 geodata/{folder}/ 中放入不超过 {limit_mb} MB 的 JPEG、PNG 或 WebP 图片",
    },
    "validate.media.absent": {"en": "the image file '{file}' is not in {folder}/",
                              "zh": "图片文件“{file}”不在 {folder}/ 中"},
    "validate.media.too_big": {"en": "the image file '{file}' is {size} MB; the limit is {limit} MB",
                               "zh": "图片文件“{file}”有 {size} MB，上限为 {limit} MB"},
    "validate.media.not_image": {"en": "'{file}' is not a JPEG, PNG or WebP image",
                                 "zh": "“{file}”不是 JPEG、PNG 或 WebP 图片"},
    "validate.media.wrong_type": {"en": "'{file}' is named as {named} but holds a {found} image",
                                  "zh": "“{file}”按名称是 {named}，实际却是 {found} 图片"},
    "validate.core.duplicate_id": {"en": "duplicate id: {where} already has a site with this id",
                                   "zh": "编号重复：{where}已有使用该编号的示范点"},
    "validate.core.duplicate_id.hint": {"en": "give every site its own id; only the first is kept",
                                        "zh": "请给每个示范点不同的编号；只保留第一个"},
    "validate.core.duplicate_id_here": {"en": "feature {number}", "zh": "第 {number} 个要素"},
    "validate.core.duplicate_id_file": {"en": "{file}", "zh": "{file} "},
    "validate.core.too_big": {"en": "the file is {size} MB; the limit is {limit} MB",
                              "zh": "文件大小为 {size} MB，上限为 {limit} MB"},
    "validate.core.too_big.hint": {"en": "split it into smaller files, or raise ECOSITES_MAX_UPLOAD_MB",
                                   "zh": "请拆分为较小的文件，或调高 ECOSITES_MAX_UPLOAD_MB"},
    "validate.core.too_many": {"en": "the file has {count} features; the limit is {limit}",
                               "zh": "文件有 {count} 个要素，上限为 {limit}"},
    "validate.core.too_many.hint": {"en": "split it into smaller files, or raise ECOSITES_MAX_FEATURES",
                                    "zh": "请拆分为较小的文件，或调高 ECOSITES_MAX_FEATURES"},
    "validate.read.zip_members": {"en": "the zip holds {count} entries; the limit is {limit}",
                                  "zh": "压缩包内有 {count} 个条目，上限为 {limit}"},
    "validate.read.zip_members.hint": {
        "en": "zip only the site file, or raise ECOSITES_MAX_ZIP_MEMBERS",
        "zh": "只压缩示范点文件，或调高 ECOSITES_MAX_ZIP_MEMBERS",
    },
    "validate.read.unzipped": {"en": "unzipped, the file is more than {limit} MB, the limit",
                               "zh": "解压后文件超过 {limit} MB 的上限"},
    "validate.read.unzipped.hint": {
        "en": "split it into smaller files, or raise ECOSITES_MAX_UPLOAD_MB",
        "zh": "请拆分为较小的文件，或调高 ECOSITES_MAX_UPLOAD_MB",
    },
    "validate.read.zip_ratio": {
        "en": "'{member}' in the zip inflates more than {limit} times its packed size, the limit",
        "zh": "压缩包中的“{member}”解压后超过压缩大小的 {limit} 倍（上限）",
    },
    "validate.read.zip_ratio.hint": {
        "en": "this looks like a zip bomb; zip the file again, or raise ECOSITES_MAX_ZIP_RATIO",
        "zh": "这像是压缩炸弹；请重新压缩文件，或调高 ECOSITES_MAX_ZIP_RATIO",
    },
    "validate.read.time": {
        "en": "reading stopped after {seconds} s, the time limit for reading one file ({format})",
        "zh": "读取在 {seconds} 秒后停止，这是读取单个文件的时间上限（{format}）",
    },
    "validate.read.time.hint": {
        "en": "simplify or split the file, or raise ECOSITES_READ_SECONDS",
        "zh": "请简化或拆分文件，或调高 ECOSITES_READ_SECONDS",
    },
    "validate.read.memory": {
        "en": "reading stopped: it needed more than {mb} MB, the memory limit for reading one "
              "file ({format})",
        "zh": "读取已停止：所需内存超过 {mb} MB，这是读取单个文件的内存上限（{format}）",
    },
    "validate.read.memory.hint": {
        "en": "simplify or split the file, or raise ECOSITES_READ_MEMORY_MB",
        "zh": "请简化或拆分文件，或调高 ECOSITES_READ_MEMORY_MB",
    },
    "validate.read.stopped": {"en": "reading stopped because the session ended",
                              "zh": "会话已结束，读取已停止"},
    "validate.core.utf16": {"en": "the file is {encoding}; save it as UTF-8 and upload it again",
                            "zh": "文件为 {encoding} 编码；请另存为 UTF-8 后重新上传"},
    "validate.core.binary": {"en": "this is a binary file, not GeoJSON text",
                             "zh": "这是二进制文件，不是 GeoJSON 文本"},
    "validate.core.not_utf8": {
        "en": "the file is not UTF-8 text (byte {byte} cannot be read as UTF-8)",
        "zh": "文件不是 UTF-8 文本（第 {byte} 个字节无法按 UTF-8 读取）",
    },
    "validate.core.not_utf8.hint": {
        "en": "save it as UTF-8, e.g. from QGIS 'Export > Save Features As' with encoding UTF-8",
        "zh": "请另存为 UTF-8，例如在 QGIS 中“导出 > 要素另存为”并选择 UTF-8 编码",
    },
    "validate.core.syntax": {"en": "invalid JSON at line {line}, column {column}: {reason}",
                             "zh": "第 {line} 行第 {column} 列的 JSON 无效：{reason}"},
    "validate.core.too_deep": {"en": "the JSON is nested too deeply to be GeoJSON",
                               "zh": "JSON 嵌套过深，不可能是 GeoJSON"},
    "validate.core.huge_number": {
        "en": "the JSON cannot be read: it holds a number thousands of digits long",
        "zh": "无法读取该 JSON：其中有一个长达数千位的数字",
    },
    "validate.core.id_differs": {
        "en": "the feature's id {feature_id} differs from properties.id {site_id}",
        "zh": "要素的 id {feature_id} 与 properties.id {site_id} 不同",
    },
    "validate.core.id_differs.hint": {"en": "make them equal, or remove the feature-level id",
                                      "zh": "请使两者相同，或删除要素层级的 id"},
    "validate.core.catalogue_crs": {
        "en": "the file declares a legacy 'crs' member; catalogue files must be plain RFC 7946 "
              "WGS-84",
        "zh": "文件声明了旧式 'crs' 成员；目录文件必须是标准 RFC 7946 的 WGS-84",
    },
    "validate.core.catalogue_crs.hint": {
        "en": "import it with 'python -m ecosites import', which reprojects and removes it",
        "zh": "请用“python -m ecosites import”导入，它会转换坐标并去掉该成员",
    },
    # --- end of validation ---
    # --- end of staff intake ---
    # --- languages, search, basemaps, near me, list view ---
    "lang.label": {"en": "Language · 语言", "zh": "语言 · Language"},
    "lang.en": {"en": "English", "zh": "English"},
    "lang.zh": {"en": "中文", "zh": "中文"},
    "basemap.label": {"en": "Basemap", "zh": "底图"},
    "basemap.osm": {"en": "OpenStreetMap", "zh": "OpenStreetMap 开放街图"},
    "basemap.tianditu": {"en": "Tianditu 天地图", "zh": "天地图"},
    "basemap.amap": {"en": "Amap / Gaode 高德", "zh": "高德地图"},
    "basemap.pmtiles": {"en": "Offline map (this server)", "zh": "离线地图（本服务器）"},
    "basemap.pmtiles_unavailable": {
        "en": "The offline basemap cannot be shown: {details}",
        "zh": "无法显示离线底图：{details}",
    },
    "basemap.none": {"en": "No basemap (works offline)", "zh": "无底图（可离线使用）"},
    "basemap.help": {
        "en": "Amap draws its maps in China's GCJ-02 coordinates: while it is shown, markers, "
              "boundaries and routes are shifted by about 500 m to match it. The data are not changed.",
        "zh": "高德地图采用 GCJ-02 坐标：显示高德底图时，标记、边界和路线会相应平移约 500 米以与底图对齐，"
              "数据本身不变。",
    },
    "near.header": {"en": "Near me", "zh": "我的附近"},
    "near.enable": {"en": "Only sites near a position", "zh": "只看某位置附近的示范点"},
    "near.locate": {"en": "Use my location", "zh": "使用我的位置"},
    "near.locating": {"en": "Asking the browser…", "zh": "正在向浏览器获取位置…"},
    "near.position": {"en": "Position: longitude, latitude", "zh": "位置：经度, 纬度"},
    "near.position_help": {
        "en": "Type it, e.g. 106.63, 26.65; or press “Use my location”; or click the map.",
        "zh": "可直接输入，例如 106.63, 26.65；或点击“使用我的位置”；或在地图上点击。",
    },
    "near.datum": {"en": "Coordinates copied from", "zh": "坐标来源"},
    "near.datum.wgs84": {"en": "GPS, OpenStreetMap or Tianditu (WGS-84)",
                         "zh": "GPS、OpenStreetMap 或天地图（WGS-84）"},
    "near.datum.gcj02": {"en": "Amap/Gaode or Tencent (GCJ-02)", "zh": "高德或腾讯地图（GCJ-02）"},
    "near.datum.bd09": {"en": "Baidu (BD-09)", "zh": "百度地图（BD-09）"},
    "near.radius": {"en": "Within (km)", "zh": "范围（公里）"},
    "near.bad_position": {
        "en": "“{text}” is not a position. Type longitude, latitude, e.g. 106.63, 26.65.",
        "zh": "“{text}”不是有效位置。请输入“经度, 纬度”，例如 106.63, 26.65。",
    },
    "near.swapped": {
        "en": "The numbers looked like latitude, longitude, so they were read as longitude {lon}, "
              "latitude {lat}.",
        "zh": "输入的数字看起来是“纬度, 经度”，已按经度 {lon}、纬度 {lat} 理解。",
    },
    "near.outside": {
        "en": "This position is outside the Guiyang area.",
        "zh": "该位置不在贵阳范围内。",
    },
    "near.count": {"en": "{count} site(s) within {radius}, nearest first",
                   "zh": "{radius}范围内有 {count} 个示范点，由近及远排列"},
    "near.none": {"en": "No site within {radius} of this position.",
                  "zh": "该位置 {radius}范围内没有示范点。"},
    "near.waiting": {"en": "Give a position to see the sites near it.",
                     "zh": "请提供一个位置，以查看附近的示范点。"},
    "near.you": {"en": "Your position", "zh": "您的位置"},
    "near.denied": {
        "en": "The browser did not give a position ({reason}). Type it or click the map instead.",
        "zh": "浏览器未提供位置（{reason}）。请直接输入，或在地图上点击。",
    },
    "near.error.1": {"en": "permission denied", "zh": "未获授权"},
    "near.error.2": {"en": "position unavailable", "zh": "无法获取位置"},
    "near.error.3": {"en": "timed out", "zh": "超时"},
    "near.error.unsupported": {"en": "not supported by this browser or page",
                               "zh": "此浏览器或页面不支持定位"},
    "near.accuracy": {"en": "Located to within about {metres}.", "zh": "定位精度约 {metres}。"},
    "column.distance": {"en": "Distance", "zh": "距离"},
    "map.no_basemap": {
        "en": "Basemap off: positions only, no streets or place names.",
        "zh": "底图已关闭：仅显示位置，无街道和地名。",
    },
    "map.cell_title": {
        "en": "{count} sites here: click to zoom in", "zh": "此处有 {count} 个示范点：点击放大",
    },
    "explore.in_view": {
        "en": "The map draws the {shown} sites in and around its view, of {count}: pan or zoom out "
              "for the others.",
        "zh": "地图显示当前视野内及周边的 {shown} 个示范点（共 {count} 个）：平移或缩小地图查看其他示范点。",
    },
    "explore.open_first": {
        "en": "Open on… is judged for the first {shown} of the {count} matching sites: search or "
              "filter to narrow them.",
        "zh": "“开放时间”只判断 {count} 个匹配示范点中的前 {shown} 个：请搜索或筛选以缩小范围。",
    },
    "explore.grouped": {
        "en": "{count} sites are more than the map draws one by one: they are counted by area "
              "until you zoom in or narrow the filters.",
        "zh": "共 {count} 个示范点，超出地图逐个绘制的数量：放大地图或缩小筛选范围前按区域计数显示。",
    },
    "sitelist.capped": {
        "en": "The list shows the first {shown} of {total} sites: search or filter to narrow it.",
        "zh": "列表显示 {total} 个示范点中的前 {shown} 个：请搜索或筛选以缩小范围。",
    },
    "sitelist.open": {"en": "Open a site's details (type to search)", "zh": "打开示范点详情（可输入查找）"},
    "sitelist.choose": {"en": "Choose a site…", "zh": "选择示范点…"},
    "sitelist.help": {
        "en": "Keyboard: Tab to this box, type part of a name, then Enter.",
        "zh": "键盘操作：按 Tab 键到此框，输入名称的一部分，再按回车。",
    },
    "content.only_zh": {"en": "(Chinese only)", "zh": "（仅中文）"},
    "content.only_en": {"en": "(English only)", "zh": "（仅英文）"},
    "format.date": {"en": "{day} {month_name} {year}", "zh": "{year}年{month_name}{day}日"},
    "format.weekday_date": {"en": "{weekday} {day} {month_name} {year}",
                            "zh": "{year}年{month_name}{day}日（{weekday}）"},
    "format.today_date": {"en": "{date} (today)", "zh": "{date}（今天）"},
    "format.month.1": {"en": "January", "zh": "1月"},
    "format.month.2": {"en": "February", "zh": "2月"},
    "format.month.3": {"en": "March", "zh": "3月"},
    "format.month.4": {"en": "April", "zh": "4月"},
    "format.month.5": {"en": "May", "zh": "5月"},
    "format.month.6": {"en": "June", "zh": "6月"},
    "format.month.7": {"en": "July", "zh": "7月"},
    "format.month.8": {"en": "August", "zh": "8月"},
    "format.month.9": {"en": "September", "zh": "9月"},
    "format.month.10": {"en": "October", "zh": "10月"},
    "format.month.11": {"en": "November", "zh": "11月"},
    "format.month.12": {"en": "December", "zh": "12月"},
    "format.weekday.0": {"en": "Mon", "zh": "周一"},
    "format.weekday.1": {"en": "Tue", "zh": "周二"},
    "format.weekday.2": {"en": "Wed", "zh": "周三"},
    "format.weekday.3": {"en": "Thu", "zh": "周四"},
    "format.weekday.4": {"en": "Fri", "zh": "周五"},
    "format.weekday.5": {"en": "Sat", "zh": "周六"},
    "format.weekday.6": {"en": "Sun", "zh": "周日"},
    "filters.choose": {"en": "Choose options", "zh": "请选择"},
    "form.choose_one": {"en": "Choose one", "zh": "请选择一项"},
    "link.unknown_category": {"en": "unknown category {values}", "zh": "未知类别 {values}"},
    "link.unknown_tag": {"en": "unknown tag {values}", "zh": "未知主题 {values}"},
    "link.unknown_district": {"en": "unknown district {values}", "zh": "未知区县 {values}"},
    "link.unknown_site": {
        "en": "the link names site {values}, which is not in the catalogue",
        "zh": "链接中的示范点 {values} 不在目录中",
    },
    "link.text_cut": {
        "en": "the search text in the link was cut to {limit} characters",
        "zh": "搜索文字已截断为 {limit} 个字符",
    },
    # The "Open on…" filter (components/filters.py, ecosites/filters.py split_open_at).
    "link.bad_open": {"en": "unrecognised opening time {values} (use now or 2026-12-02T10:00)",
                      "zh": "无法识别的开放时间 {values}（请用 now 或 2026-12-02T10:00）"},
    "filters.open_on": {"en": "Open on…", "zh": "开放时间"},
    "filters.open_any": {"en": "Any time", "zh": "不限"},
    "filters.open_now": {"en": "Open now", "zh": "现在开放"},
    "filters.open_at": {"en": "Open on a date and time", "zh": "指定日期和时间开放"},
    "filters.open_date": {"en": "Date", "zh": "日期"},
    "filters.open_time": {"en": "Time (Guiyang)", "zh": "时间（贵阳）"},
    "filters.open_help": {
        "en": "Keeps the sites a visitor can enter then (Guiyang time). Sites whose hours are "
              "not verified are listed on their own.",
        "zh": "只保留届时可以入园的示范点（贵阳时间）。开放时间未核实的示范点单独列出。",
    },
    "filters.unverified_count": {"en": "{count} more with hours not verified",
                                 "zh": "另有 {count} 个开放时间未核实"},
    "explore.unverified_header": {"en": "Hours not verified", "zh": "开放时间未核实"},
    "explore.unverified_help": {
        "en": "These sites match the other filters, but no verified hours say whether they are "
              "open then, so they are not counted as open.",
        "zh": "这些示范点符合其他筛选条件，但没有核实过的开放时间能说明届时是否开放，因此未计为开放。",
    },
    # --- accessibility: page titles, map names, announcements ---
    "page.title": {"en": "{page} · Guiyang Eco Sites", "zh": "{page} · 贵阳生态示范点"},
    "map.label": {"en": "Map of {count} sites", "zh": "{count} 个示范点的地图"},
    "map.frame": {"en": "Map of the sites", "zh": "示范点地图"},
    "map.zoom_in": {"en": "Zoom in", "zh": "放大"},
    "map.zoom_out": {"en": "Zoom out", "zh": "缩小"},
    "map.cluster": {"en": "Cluster of {count} sites: zoom in", "zh": "{count} 个示范点的群组：放大"},
    "detail.opened": {"en": "Details of {name} opened.", "zh": "已打开{name}的详情。"},
    "plan.share_qr_alt": {"en": "QR code that opens this plan", "zh": "打开本计划的二维码"},
    # --- end of accessibility ---
    # --- end of languages, search, basemaps, near me, list view ---
    # --- the green record page (pages/about.py) ---
    "nav.about": {"en": "Guiyang's green record", "zh": "贵阳生态文明建设"},
    "about.title": {"en": "Guiyang's green record", "zh": "贵阳生态文明建设"},
    "about.caption": {
        "en": "Why Guiyang is a model of ecological progress: its recognitions, the 2024 figures, "
              "the demonstration sites and the Eco Forum Global Guiyang, each with its source.",
        "zh": "贵阳为何是生态文明建设的典范：所获荣誉、2024年数据、生态示范点和生态文明贵阳国际论坛，"
              "均注明出处。",
    },
    "about.translation_note": {
        "en": "Drawn from the Guiyang Foreign Affairs Office's English brochure and sourced notes; "
              "the page's Chinese version is a translation made for this project.",
        "zh": "内容取自贵阳市外事办公室的英文宣传册及注明出处的资料；本页中文为本项目翻译，"
              "专有名称旁附英文原文。",
    },
    "about.recognitions": {"en": "Recognitions", "zh": "所获荣誉"},
    "about.no_year": {"en": "Year not given", "zh": "未注明年份"},
    "about.timeline": {"en": "Milestones since 2009", "zh": "2009年以来的大事记"},
    "about.timeline_alt": {"en": "The timeline in words: {items}.", "zh": "时间线文字版：{items}。"},
    "about.year_item": {"en": "{year}: {label}", "zh": "{year}年：{label}"},
    "about.item_separator": {"en": "; ", "zh": "；"},
    "about.axis.year": {"en": "Year", "zh": "年份"},
    "about.axis.share": {"en": "Per cent", "zh": "百分比"},
    "about.figures": {"en": "The 2024 figures", "zh": "2024年数据"},
    "about.figure_source": {"en": "{year} · Source: {sources}", "zh": "{year}年 · 来源：{sources}"},
    "about.source": {"en": "Source: {sources}", "zh": "来源：{sources}"},
    "about.shares": {"en": "The percentages side by side, out of 100", "zh": "各项比率对比（满分100%）"},
    "about.shares_alt": {"en": "The chart in words: {items}.", "zh": "图表文字版：{items}。"},
    "about.unit.percent": {"en": "{value}%", "zh": "{value}%"},
    "about.unit.count": {"en": "{value}", "zh": "{value}"},
    "about.unit.m2_per_person": {"en": "{value} m²", "zh": "{value} 平方米"},
    "about.kinds": {"en": "Three kinds of demonstration site", "zh": "三类生态示范点"},
    "about.kind_sites": {"en": "{count} site(s) in the catalogue:", "zh": "目录中有 {count} 个示范点："},
    "about.kind_more": {"en": "…and {count} more, all on the map.",
                        "zh": "……另有 {count} 个，均可在地图上查看。"},
    "about.kind_none": {"en": "No site of this kind is in the catalogue yet.",
                        "zh": "目录中暂无此类示范点。"},
    "about.kind_link.one": {"en": "Show this site on the map", "zh": "在地图上查看此示范点"},
    "about.kind_link.many": {"en": "Show these {count} sites on the map",
                             "zh": "在地图上查看这 {count} 个示范点"},
    "about.forum.history": {"en": "History", "zh": "发展历程"},
    "about.forum.consensus": {"en": "The Guiyang Consensus", "zh": "《贵阳共识》"},
    "about.forum.heading.upcoming": {"en": "The next forum", "zh": "下一届论坛"},
    "about.forum.heading.ongoing": {"en": "The forum now", "zh": "本届论坛"},
    "about.forum.heading.past": {"en": "The latest forum", "zh": "最近一届论坛"},
    "about.forum.when.upcoming": {"en": "{name} is scheduled for {dates}.", "zh": "{name}定于{dates}举行。"},
    "about.forum.when.ongoing": {
        "en": "{name} is scheduled for {dates}: today is one of its days.",
        "zh": "{name}定于{dates}举行，今天正在会期内。",
    },
    "about.forum.when.past": {
        "en": "{name} was scheduled for {dates}. Later forums are not yet in this page's sources.",
        "zh": "{name}的会期为{dates}。本页资料来源尚未收录此后的论坛。",
    },
    "about.forum.days": {"en": "{first}–{last} {month_name} {year}",
                         "zh": "{year}年{month_name}{first}日至{last}日"},
    "about.forum.day_span": {"en": "{first} to {last}", "zh": "{first}至{last}"},
    "about.forum.theme": {"en": "Theme", "zh": "主题"},
    "about.forum.focus": {"en": "Focus", "zh": "重点议题"},
    "about.venue": {"en": "The venue", "zh": "论坛会址"},
    "about.venue_map": {"en": "Show the venue on the map", "zh": "在地图上查看会址"},
    "about.venue_plan": {"en": "Plan a programme around the venue", "zh": "以会址为起点规划参观行程"},
    "about.venue_missing": {
        "en": "The venue is not in the current catalogue, so it cannot be shown on the map.",
        "zh": "当前目录中没有论坛会址，无法在地图上显示。",
    },
    "about.contact": {"en": "Contact", "zh": "联系方式"},
    "about.contact.address": {"en": "Address", "zh": "地址"},
    "about.contact.address_note": {"en": "as given in the brochure", "zh": "宣传册仅提供英文地址"},
    "about.contact.phone": {"en": "Phone", "zh": "电话"},
    "about.contact.website": {"en": "English website", "zh": "英文网站"},
    "about.sources": {"en": "Sources", "zh": "资料来源"},
    "about.sources_note": {
        "en": "Every figure and fact on this page names one of these. Sources without a link are "
              "recorded by title and date.",
        "zh": "本页每项数据和事实均注明以下来源之一。没有链接的来源按标题和日期记录。",
    },
    "about.record_error": {
        "en": "The green record file could not be read, so this page cannot be shown: {error}",
        "zh": "无法读取生态文明建设资料文件，本页暂时无法显示：{error}",
    },
    # --- end of the green record page ---
}


def lang_from_url(value: str | None) -> str | None:
    """'zh', 'zh-CN', 'en', 'en-GB' -> 'zh'/'en'; anything else (or nothing) -> None."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else None


def preferred_lang(accept_language: str | None) -> str | None:
    """The first of our languages in an Accept-Language header, by its q weight; else None."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, number = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    weight = float(number)
                except ValueError:
                    weight = 1.0  # a malformed weight is ignored, as RFC 9110 allows
        lang = lang_from_url(tag)
        if lang and weight > 0:
            ranked.append((-weight, position, lang))
    return min(ranked)[2] if ranked else None


def choose_lang(url_value: str | None, locale: str | None, accept_language: str | None) -> str:
    """The language to start in: ``?lang=`` if valid, else the browser's (locale, then header)."""
    return (lang_from_url(url_value) or lang_from_url(locale) or preferred_lang(accept_language)
            or DEFAULT_LANG)


def format_number(
    value: float,
    lang: str,  # noqa: ARG001 -- both languages group digits alike; kept to match format_date
    decimals: int = 0,
) -> str:
    """A number with thousands separators: '10,000', '1,234.5' (the same grouping in both)."""
    return f"{value:,.{decimals}f}"


def format_date(day: date, lang: str, weekday: bool = False) -> str:
    """'5 July 2025' / '2025年7月5日'; with ``weekday``, 'Sat 5 July 2025' / '2025年7月5日（周六）'."""
    values = {"year": day.year, "day": day.day,
              "month_name": t(f"format.month.{day.month}", lang),
              "weekday": t(f"format.weekday.{day.weekday()}", lang)}
    return t("format.weekday_date" if weekday else "format.date", lang, **values)


def t(key: str, lang: str, **values: object) -> str:
    """The string for ``key`` in ``lang``, formatted with ``values``."""
    text = STRINGS[key][lang if lang in LANGS else DEFAULT_LANG]
    return text.format(**values) if values else text


def bilingual(en: _T, zh: _T, lang: str) -> _T:
    """The one rule for choosing by language: ``zh`` for Chinese, ``en`` for anything else."""
    return zh if lang == "zh" else en


def labelled(label: str, value: str, lang: str) -> str:
    """"Label: value" with the language's colon (full-width "：" in Chinese)."""
    return t("label.value", lang, label=label, value=value)


def html_lang(lang: str) -> str:
    """The HTML ``lang`` attribute for a language: 'en' or 'zh-Hans'."""
    return bilingual("en", "zh-Hans", lang)


def own_first(en: _T, zh: _T, lang: str) -> tuple[_T, _T]:
    """(the value in ``lang``, the value in the other language)."""
    return (zh, en) if lang == "zh" else (en, zh)


def pick(values: Mapping[str, str | None], lang: str) -> tuple[str, bool]:
    """Site text in ``lang`` from {'en': ..., 'zh': ...}; True when it fell back."""
    own = (values.get(lang) or "").strip()
    if own:
        return own, False
    other = next((str(v).strip() for k, v in values.items() if k != lang and v), "")
    return other, bool(other)
