"""The report as HTML: :func:`render_html` is the explorer (:mod:`coalitions.report.explorer`); the static page below
(inline style, charts as embedded images, no script, no network) is kept for readers who want no script at all.

Every string from the data is escaped, and only http and https URLs become links. Charts (with matplotlib, the
``coalitions[plots]`` extra) are SVG documents embedded as ``data:`` images, which cannot run code.
"""

from __future__ import annotations

import base64
import re

from ..model import html_link, html_text
from .document import Cell, Report, Table, cell_text

__all__ = ["render_html", "render_static_html"]

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1d2430;
background:#fafafa}
header,main{max-width:1200px;margin:0 auto;padding:0 1.2em}
header{padding-top:1em}
h1{margin:.3em 0}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:1.8em}
nav a{margin-right:1em}
.filters{color:#57606a}
.table{overflow-x:auto;margin:.5em 0 1.2em}
table{border-collapse:collapse;background:#fff;font-size:13px}
th,td{border:1px solid #d0d7de;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eef1f4;position:sticky;top:0}
tr:nth-child(even) td{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0;background:#fff;border:1px solid #d0d7de;padding:.6em}
figure img{max-width:100%;height:auto}
.note{color:#57606a;font-size:13px}
.hint{background:#fff8c5;border:1px solid #d4a72c;padding:.6em;border-radius:4px}
"""

_URL = re.compile(r"https?://\S+\Z")


def _cell(cell: Cell) -> str:
    if isinstance(cell, tuple):
        return "<br>".join(_text(item) for item in cell)
    return _text(cell_text(cell))


def _text(text: str) -> str:
    return html_link(text, text) if _URL.match(text) else html_text(text)


def _table(table: Table) -> str:
    if not table.rows:
        return '<p class="note">None.</p>'
    keep = table.visible_columns()
    head = "".join(f'<th scope="col">{html_text(table.columns[i])}</th>' for i in keep)
    body = []
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{_cell(row[i])}</td>' if isinstance(row[i], (int, float)) else f"<td>{_cell(row[i])}</td>"
            for i in keep
        )
        body.append(f"<tr>{cells}</tr>")
    rows = "\n".join(body)
    return f'<div class="table"><table id="{html_text(table.key)}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>'  # noqa: E501


def _figure(title: str, svg: str, key: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure id="chart-{html_text(key)}"><img alt="{html_text(title)}" src="data:image/svg+xml;base64,{data}">'
            f"<figcaption>{html_text(title)}</figcaption></figure>")  # fmt: skip


def render_html(report: Report, *, charts: bool = True) -> str:
    """The report as the explorer: one self-contained, interactive HTML page (see :mod:`coalitions.report.explorer`),
    with its charts unless ``charts`` is False."""
    from .explorer import render_explorer

    return render_explorer(report, charts=charts)


def render_static_html(report: Report, *, charts: bool = True) -> str:
    """The report as a static HTML document, no script at all; with ``charts`` and matplotlib, charts as images."""
    drawn: dict[str, list[str]] = {}
    hint = ""
    if charts:
        from .figures import PlotsUnavailable
        from .figures import charts as draw

        try:
            for chart in draw(report):
                drawn.setdefault(chart.section, []).append(_figure(chart.title, chart.svg, chart.key))
        except PlotsUnavailable as error:
            hint = f'<p class="hint" id="no-charts">{html_text(str(error))}.</p>'
    nav = "".join(f'<a href="#{html_text(s.key)}">{html_text(s.title)}</a>' for s in report.sections)
    filters = "; ".join(f"{html_text(k)}: {html_text(v)}" for k, v in report.filters)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">",
        f"<title>{html_text(report.title)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{html_text(report.title)}</h1>",
        f'<p class="filters">{filters}</p>' if filters else "",
        f"<nav>{nav}</nav>{hint}</header><main>",
    ]
    for section in report.sections:
        parts.append(f'<section id="{html_text(section.key)}"><h2>{html_text(section.title)}</h2>')
        parts.extend(f"<p>{html_text(line)}</p>" for line in section.lines)
        parts.extend(drawn.get(section.key, ()))
        for table in section.tables:
            parts.append(f"<h3>{html_text(table.title)} ({len(table.rows)})</h3>")
            parts.append(_table(table))
            if table.note and table.rows:
                parts.append(f'<p class="note">{html_text(table.note)}</p>')
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(p for p in parts if p) + "\n"
