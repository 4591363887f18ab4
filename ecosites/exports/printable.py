"""The printable itinerary: one standalone HTML page, every text escaped."""

from __future__ import annotations

from ecosites.escape import escape_text
from ecosites.exports.text import assumptions_text, plan_summary
from ecosites.i18n import html_lang, labelled, t
from ecosites.itinerary import address_unverified_note, itinerary_stops, qr_fits, qr_svg
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import day_headings, notice_text, place_name, unplaced_rows

_PRINT_CSS = """
body{font:14px/1.45 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",
 system-ui,sans-serif;color:#111;margin:2em auto;max-width:48em;padding:0 1em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.4em 0 .4em}
h3{font-size:1.1em;margin:0 0 .3em}
.stop{border:1px solid #777;border-radius:6px;padding:.7em .9em;margin:.7em 0;display:flex;
 gap:1em;break-inside:avoid}.stop .text{flex:1;min-width:0;overflow-wrap:anywhere}
.taxi{font-size:1.9em;line-height:1.3;font-weight:700;margin:.2em 0}
.label{font-size:.9em;color:#333}.qr{flex:none;text-align:center;font-size:.8em;color:#333}
.warn{color:#7a4100}.meta{color:#333}.small{font-size:.9em;color:#333}
@media print{button{display:none}body{margin:0;max-width:none}h2{break-after:avoid}}
"""


def plan_to_html(plan: Plan, lang: str = "en", share_link: str | None = None) -> str:
    """A print-friendly itinerary page (standalone HTML, every text escaped)."""
    e = escape_text
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(t('plan.print.title', lang))} {e(plan.day.isoformat())}</title>",
        f"<style>{_PRINT_CSS}</style></head><body>",
        f"<button onclick=\"window.print()\">{e(t('plan.print.button', lang))}</button>",
        f"<h1>{e(t('plan.print.title', lang))}</h1>",
        f"<p class=\"meta\">{e(plan_summary(plan, lang))}</p>",
    ]
    for place, key in ((plan.start, "plan.print.from"), (plan.end, "plan.print.to")):
        if place is not None:
            parts.append(f"<p>{e(t(key, lang, place=place_name(place, lang)))}</p>")
    if plan.notices:
        parts.append(f"<h2>{e(t('plan.print.notes', lang))}</h2><ul>")
        parts += [f"<li class=\"warn\">{e(notice_text(n, lang))}</li>" for n in plan.notices]
        parts.append("</ul>")
    unplaced = unplaced_rows(plan, lang)
    if unplaced:
        parts.append(f"<h2>{e(t('plan.unplaced.title', lang))}</h2><ul>")
        parts += [f"<li class=\"warn\">{e(labelled(r.name, r.reason, lang))} {e(r.dates)}</li>"
                  for r in unplaced]
        parts.append("</ul>")
    stops = itinerary_stops(plan, lang)
    for day, heading in day_headings(plan, lang).items():
        parts.append(f"<h2>{e(heading)}</h2>")
        for stop in (s for s in stops if s.day == day):
            parts.append(f'<section class="stop"><div class="text"><h3>{stop.number}. '
                         f"{e(stop.title)}</h3>")
            parts.append(f'<div class="label">{e(t("itinerary.taxi", lang))}</div>'
                         f'<div class="taxi" lang="zh-Hans">{e(stop.taxi_text)}</div>')
            if not stop.address_verified:
                parts.append(f'<div class="warn">{e(address_unverified_note())}</div>')
            if stop.address_en:
                parts.append("<div>" + labelled(
                    f'<span class="label">{e(t("itinerary.address_en", lang))}</span>',
                    f'<span lang="en">{e(stop.address_en)}</span>', lang) + "</div>")
            parts.append(f"<p><strong>{e(t('itinerary.times', lang, arrive=stop.arrive, depart=stop.depart))}"
                         "</strong>" + (f"<br>{e(stop.leg_before)}" if stop.leg_before else "")
                         + "</p>")
            parts += [f'<div class="warn">{e(w)}</div>' for w in stop.warnings]
            parts.append(f'</div><div class="qr">{qr_svg(stop.amap_url)}<br>'
                         f'<a href="{e(stop.amap_url)}">{e(t("itinerary.amap", lang))}</a>'
                         "</div></section>")
    if share_link and qr_fits(share_link):
        parts.append(f'<h2>{e(t("itinerary.share", lang))}</h2><div class="qr">'
                     f'{qr_svg(share_link)}<br><a href="{e(share_link)}">{e(share_link)}</a></div>')
    parts.append(f"<p class=\"small\">{e(assumptions_text(plan, lang))}</p>")
    parts.append(f"<p class=\"small\">{e(t('plan.print.generated', lang))}</p></body></html>")
    return "\n".join(parts) + "\n"

