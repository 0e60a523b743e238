"""The HTML explorer: the report as one self-contained page that works offline from ``file://``.

The page opens on a summary of the period covered, then the charts and the tables; every table can be sorted,
filtered and searched, every name links to a section of its own (its timeline and sources). Everything it shows
comes from the :class:`~coalitions.report.Report`: the tables travel as JSON in ``<script type="application/json">``
elements (never run), the page's script (``assets/explorer.js``) draws them with ``textContent`` only, so a value
from the data is never read as HTML. A content security policy forbids every request and runs only the page's own
inline scripts, by their SHA-256 hashes. Charts are Bokeh's (``coalitions[explorer]``, BokehJS inlined); without
Bokeh, matplotlib's static images (``coalitions[plots]``) stand in, and the page says how to get the charts.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import json
from collections.abc import Iterable
from typing import Any

from ..model import html_text
from .document import Cell, Report, Table, cell_text

__all__ = ["render_explorer"]

#: Tables shown as tables: the column of each shown column that holds the id its name links to.
LINKS: dict[str, dict[str, str]] = {
    "declarations": {"title": "id"},
    "organisations": {"name": "id"},
    "people": {"name": "id"},
    "council-members": {"council": "council id", "member": "member id"},
    "council-changes": {"council": "council id", "member": "member id"},
    "council-memberships": {"council": "council id", "member": "member id"},
    "overlap": {"title a": "a", "title b": "b"},
    "partners": {"name a": "a", "name b": "b", "name": "id"},
    "relations": {"organisation": "organisation id", "other": "other id"},
    "lists": {"title": "id"},
}
#: Columns offered as a choice filter (their few values), and the date column of a table (a date range filter).
CHOICES = ("kind", "status", "change", "role", "scope", "role tier", "category", "certainty", "relation",
           "organisations listed", "people listed", "in scope")
DATES = ("date", "window", "start", "first seen")
#: Rows per page of a table.
PAGE = 25


def _asset(name: str) -> str:
    return (importlib.resources.files("coalitions.report") / "assets" / name).read_text(encoding="utf-8")


def _json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can close it or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))  # fmt: skip


def _encode_column(values: list[Cell]) -> Any:
    """A column as a list or, when its texts repeat, as ``{"d": distinct texts, "i": indices}`` (-1: empty); a
    column of lists whose items repeat as ``{"l": distinct items, "v": lists of indices}``. Lossless: the page's
    script decodes it back (``column`` in explorer.js)."""
    if values and all(v is None or isinstance(v, str) for v in values):
        distinct = list(dict.fromkeys(v for v in values if v is not None))
        if len(distinct) < 0.6 * len(values):
            index = {v: i for i, v in enumerate(distinct)}
            return {"d": distinct, "i": [-1 if v is None else index[v] for v in values]}
    elif values and all(v is None or isinstance(v, tuple) for v in values):
        items = list(dict.fromkeys(x for v in values if v for x in v))
        if len(items) < 0.6 * sum(len(v) for v in values if v):
            where = {x: i for i, x in enumerate(items)}
            return {"l": items, "v": [None if v is None else [where[x] for x in v] for v in values]}
    return [list(v) if isinstance(v, tuple) else v for v in values]


def _table_data(table: Table) -> dict[str, Any]:
    """A table for the page: its columns (what a reader sees, and the ids names link to), column by column."""
    links = {shown: target for shown, target in LINKS.get(table.key, {}).items() if shown in table.columns}
    if table.chart_data:
        keep = list(range(len(table.columns)))
    else:
        visible = set(table.visible_columns())
        keep = [i for i, c in enumerate(table.columns) if i in visible or c in links.values()]
    columns = [table.columns[i] for i in keep]
    shown = columns if table.chart_data else [table.columns[i] for i in table.visible_columns()]
    return {
        "key": table.key, "title": table.title, "note": table.note, "columns": columns, "shown": shown,
        "links": links, "choices": [c for c in shown if c in CHOICES],
        "date": next((c for c in shown if c in DATES), None), "rows": len(table.rows),
        "data": [_encode_column([row[i] for row in table.rows]) for i in keep],
    }  # fmt: skip


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _rows(report: Report, key: str) -> tuple[Table | None, dict[str, int]]:
    try:
        table = report.table(key)
    except KeyError:
        return None, {}
    return table, {c: i for i, c in enumerate(table.columns)}


def _link(record_id: Cell, label: Cell) -> str:
    return f'<a href="#record/{html_text(str(record_id))}" data-record="{html_text(str(record_id))}">' \
           f"{html_text(cell_text(label))}</a>"  # fmt: skip


def _summary(report: Report) -> str:
    """The first screen: the period covered, the latest declarations, who joined or left, how unity moved, the
    open disputes; each from a table of the report."""
    parts = [f"<p>{html_text(line)}</p>" for line in report.section("summary").lines] if any(
        s.key == "summary" for s in report.sections) else []  # fmt: skip
    items: list[tuple[str, list[str]]] = []
    table, c = _rows(report, "declarations")
    if table is not None and table.rows:
        latest = [f"{html_text(cell_text(r[c['date']]))}: {_link(r[c['id']], r[c['title']])}" for r in table.rows[-5:]]
        items.append(("The latest declarations", latest[::-1]))
        key = "uncertain claims" if "uncertain claims" in c else "disputed"
        disputed = [r for r in table.rows if r[c[key]]][-5:] if key in c else []
        if disputed:
            items.append(("Uncertain claims", [f"{_link(r[c['id']], r[c['title']])}: {html_text(_short(r[c[key]]))}"
                                               for r in disputed[::-1]]))  # fmt: skip
    table, c = _rows(report, "council-changes")
    if table is not None and table.rows:
        items.append(("Who joined or left", [
            f"{html_text(cell_text(r[c['date']]))}: {_link(r[c['member id']], r[c['member']])} "
            f"{html_text(cell_text(r[c['change']]))} {_link(r[c['council id']], r[c['council']])}"
            for r in table.rows[-5:][::-1]]))  # fmt: skip
    table, c = _rows(report, "unity")
    if table is not None and table.rows:
        from .charts_bokeh import dense_period

        first, last = dense_period(table)
        dense = table.rows[first:last + 1]
        moves = []
        for metric in ("effective number", "cohesion"):
            known = [r for r in dense if r[c[f"{metric} low"]] is not None]
            if known:
                a, b = known[0], known[-1]
                moves.append(f"{metric}: {cell_text(a[c[metric]])} in {cell_text(a[c['window']])}, "
                             f"{cell_text(b[c[metric]])} in {cell_text(b[c['window']])}")  # fmt: skip
        if moves:
            items.append(("How unity moved", [html_text("; ".join(moves) + " (ranges over the readings of the uncertain "
                                                                      "claims).")]))
    cards = [f'<div class="card"><h3>{html_text(title)}</h3><ul>' + "".join(f"<li>{line}</li>" for line in lines)
             + "</ul></div>" for title, lines in items]  # fmt: skip
    return "".join(parts) + '<div class="cards">' + "".join(cards) + "</div>"


def _short(cell: Cell, most: int = 160) -> str:
    text = cell_text(cell, "; ")
    return text if len(text) <= most else text[: most - 1] + "…"


def _legend(entries: Iterable[tuple[str, str, str]]) -> str:
    return '<ul class="legend">' + "".join(
        f'<li><span class="swatch" style="color:{html_text(colour)}">{html_text(mark.strip() or "■")}</span>'
        f"{html_text(text)}</li>" for colour, mark, text in entries) + "</ul>"  # fmt: skip


def _charts(report: Report) -> tuple[dict[str, list[str]], dict[str, Any], list[str], str]:
    """The chart figures by section, their Bokeh items, the scripts they need, and the hint when they are static."""
    from .charts_bokeh import BokehUnavailable, bokeh_charts, bokeh_js

    figures: dict[str, list[str]] = {}
    try:
        charts = bokeh_charts(report)
        scripts = list(bokeh_js()) if charts else []
    except BokehUnavailable as error:
        hint = str(error)
        from .figures import PlotsUnavailable
        from .figures import charts as static

        try:
            for chart in static(report):
                data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
                figures.setdefault(chart.section, []).append(
                    f'<figure id="chart-{html_text(chart.key)}" class="static"><img alt="{html_text(chart.title)}" '
                    f'src="data:image/svg+xml;base64,{data}"><figcaption>{html_text(chart.title)}</figcaption></figure>')
        except PlotsUnavailable as missing:
            hint += f"; {missing}"
        return figures, {}, [], hint
    items: dict[str, Any] = {}
    controls = {
        "memberships": '<div class="controls"><label>Date cursor <input type="range" id="cursor" min="0" max="0" '
                       'value="0"></label> <output id="cursor-date"></output></div><div id="composition"></div>',
        "network": '<div class="controls"><label>From <select id="network-from"></select></label> '
                   '<label>to <select id="network-to"></select></label> <output id="network-count"></output></div>',
    }  # fmt: skip
    for chart in charts:
        items[chart.key] = chart.item
        figures.setdefault(chart.section, []).append(
            f'<figure id="chart-{chart.key}" class="chart"><figcaption>{html_text(chart.title)}</figcaption>'
            f'{_legend(chart.legend)}{controls.get(chart.key, "")}<div class="plot" id="plot-{chart.key}" style="min-height:{chart.height}px"></div>'
            "</figure>")  # fmt: skip
    return figures, items, scripts, ""


def render_explorer(report: Report, *, charts: bool = True) -> str:
    """The report as the explorer page (one self-contained HTML document)."""
    figures, items, scripts, hint = _charts(report) if charts else ({}, {}, [], "")
    tables = {t.key: _table_data(t) for t in report.tables()}
    page = {"filters": dict(report.filters), "tables": tables, "page": PAGE,
            "shown": [t.key for t in report.tables() if not t.chart_data]}  # fmt: skip
    code = [*scripts, _asset("explorer.js")]
    policy = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src {' '.join(_hash(s) for s in code)}; base-uri 'none'; form-action 'none'")  # fmt: skip
    nav = ['<a href="#summary">Summary</a>'] + [f'<a href="#{html_text(s.key)}">{html_text(s.title)}</a>'
                                                for s in report.sections if s.key != "summary"]  # fmt: skip
    filters = "; ".join(f"{html_text(k)}: {html_text(v)}" for k, v in report.filters)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html_text(report.title)}</title><style>{_asset('explorer.css')}</style></head><body>",
        f"<header><h1>{html_text(report.title)}</h1>",
        f'<p class="filters">{filters}</p>' if filters else "",
        f'<nav>{"".join(nav)}</nav>',
        f'<p class="hint" id="no-charts">{html_text(hint)}.</p>' if hint else "",
        '<noscript><p class="hint">The tables and charts need JavaScript; the summary below does not.</p></noscript>',
        "</header><main>",
        f'<section id="summary"><h2>Summary</h2>{_summary(report)}</section>',
        '<section id="record" hidden><h2 id="record-title"></h2><div id="record-body"></div></section>',
    ]
    for section in report.sections:
        if section.key == "summary":
            continue
        parts.append(f'<section id="{html_text(section.key)}"><h2>{html_text(section.title)}</h2>')
        parts.extend(f"<p>{html_text(line)}</p>" for line in section.lines)
        parts.extend(figures.get(section.key, ()))
        for table in section.tables:
            if not table.chart_data:
                parts.append(f'<div class="xtable" data-table="{html_text(table.key)}"></div>')
        parts.append("</section>")
    parts.append("</main>")
    parts.append(f'<script type="application/json" id="report-data">{_json(page)}</script>')
    parts.append(f'<script type="application/json" id="chart-items">{_json(items)}</script>')
    parts.extend(f"<script>{s}</script>" for s in code)
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p) + "\n"
