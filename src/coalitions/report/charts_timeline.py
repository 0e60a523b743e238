"""The explorer's chart of who was in which council when (Bokeh), from the report's ``membership-bars`` and
``council-compositions``: a bar per membership in its category where its dates make it certain, possible where
they leave it open, no bar for an undated one (a mark on each day a dated document shows it), an open end drawn to
the last day the corpus covers, and a date cursor the page's script moves."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

from ..model import visible
from .charts_base import InteractiveChart, col, figure, iso, ms, text
from .document import Cell, Report

__all__ = ["STYLE", "segments", "timeline_chart"]

#: Colour and hatch of each membership category (colour-blind safe: Okabe-Ito), and what the legend says.
STYLE = {
    "certain": ("#0072B2", " ", "certain: asserted by the sources, on the days its dates make certain"),
    "possible": ("#56B4E9", "/", "possible: days its dates leave open (a start or an end known to the month or year)"),
    "undated": ("#999999", ".", "undated: the sources say it held, not when: no bar, a ◆ on each day a dated "
                "document shows it"),
    "disputed": ("#E69F00", "x", "disputed or unclear: sources disagree, or are unclear"),
    "denied": ("#D55E00", "-", "denied by the party concerned"),
    "declined": ("#CC79A7", "|", "declined: an invitation refused"),
    "withdrawn": ("#009E73", "\\", "withdrawn: held, then withdrawn (the bar ends on the day it was withdrawn)"),
}


def segments(r: Sequence[Cell], c: dict[str, int], last: datetime.date) -> list[tuple[str, datetime.date,
                                                                                      datetime.date]]:  # fmt: skip
    """The pieces of a membership's bar: ``(style, first day, last day)``, its category where its dates make it
    certain, ``possible`` where they leave it open; none for an undated membership."""
    if r[c["undated"]]:
        return []
    may_from, may_to = iso(r[c["may from"]]), iso(r[c["may to"]]) or last
    sure_from, sure_to = iso(r[c["certain from"]]), iso(r[c["certain to"]])
    if may_from is None:
        return []
    kind = str(r[c["category"]])
    if sure_from is None:
        return [("possible", may_from, max(may_to, may_from))]
    sure_to = sure_to or last
    pieces = [("possible", may_from, sure_from - datetime.timedelta(days=1))] if may_from < sure_from else []
    pieces.append((kind, sure_from, max(sure_to, sure_from)))
    if sure_to < may_to:
        pieces.append(("possible", sure_to + datetime.timedelta(days=1), may_to))
    return pieces


def timeline_chart(report: Report) -> InteractiveChart | None:
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, FactorRange, HoverTool, LabelSet, Range1d, Span

    table = report.table("membership-bars")
    if not table.rows:
        return None
    c = col(table)
    known = [d for r in table.rows for k in ("may from", "may to", "status date") if (d := iso(r[c[k]]))]
    known += [datetime.date.fromisoformat(d) for r in table.rows for d in (r[c["shown on"]] or ())]
    last = max((d for r in table.rows if (d := iso(r[c["last day"]]))), default=max(known, default=None))
    if last is None:  # no date anywhere: nothing to draw on a time axis
        return None
    floor = min(known, default=last - datetime.timedelta(days=365)) - datetime.timedelta(days=60)
    plots, x_range = [], Range1d(ms(floor), ms(last) + 86_400_000 * 45)
    councils = list(dict.fromkeys(str(r[c["council id"]]) for r in table.rows))
    keys = ("y", "left", "right", "colour", "hatch", "category", "member", "start", "end", "status", "role",
            "sources", "drawn")  # fmt: skip
    for n, council in enumerate(councils):
        rows = sorted((r for r in table.rows if r[c["council id"]] == council), key=lambda r: str(r[c["member"]]))
        data: dict[str, list[Any]] = {k: [] for k in keys}
        marks: dict[str, list[Any]] = {k: [] for k in ("x", "y", "colour", "what")}
        ends: dict[str, list[Any]] = {k: [] for k in ("x", "y", "colour")}
        labels, starts = [], []
        for r in rows:
            label = visible(str(r[c["member"]]), newlines=False)
            label = label if label not in labels else f"{label} ({r[c['role']]}, {len(labels)})"
            kind = str(r[c["category"]])
            notes = [m for m in ("undated" if r[c["undated"]] else "", kind if kind not in ("certain", "undated")
                                 else "") if m]  # fmt: skip
            if notes:
                label += f" ({', '.join(notes)})"
            labels.append(label)
            pieces = segments(r, c, last)
            starts.append(ms(pieces[0][1]) if pieces else ms(floor))
            for style, first, final in pieces:
                colour, hatch, _ = STYLE[style]
                for key, value in (("y", label), ("left", ms(first)), ("right", ms(final) + 86_400_000),
                                   ("colour", colour), ("hatch", hatch), ("category", kind),
                                   ("member", str(r[c["member"]])), ("start", str(r[c["start"]]) or "undated"),
                                   ("end", str(r[c["end"]]) or "no known end"), ("status", str(r[c["status"]])),
                                   ("role", str(r[c["role"]])), ("sources", text(r[c["sources"]])),
                                   ("drawn", style)):  # fmt: skip
                    data[key].append(value)
            colour = STYLE[kind][0]
            for day in r[c["shown on"]] or ():
                for key, value in (("x", ms(datetime.date.fromisoformat(day))), ("y", label), ("colour", colour),
                                   ("what", f"{r[c['member']]}: shown as a member by a document of {day}")):
                    marks[key].append(value)
            if r[c["status date"]]:
                for key, value in (("x", ms(datetime.date.fromisoformat(str(r[c["status date"]])))), ("y", label),
                                   ("colour", colour), ("what", f"{r[c['member']]}: {kind} on {r[c['status date']]}")):
                    marks[key].append(value)
            if r[c["open end"]]:
                for key, value in (("x", ms(last) + 86_400_000), ("y", label), ("colour", colour)):
                    ends[key].append(value)
        source = ColumnDataSource(data)
        plot = figure(title=visible(str(rows[0][c["council"]]), newlines=False), y_range=FactorRange(*labels[::-1]),
                       x_axis_type="datetime", height=70 + 24 * len(rows), x_range=x_range)  # fmt: skip
        bars = plot.hbar(y="y", left="left", right="right", height=0.62, source=source, fill_color="colour",
                         hatch_pattern="hatch", hatch_color="white", line_color="colour", fill_alpha=0.85)  # fmt: skip
        plot.scatter(x="x", y="y", source=ColumnDataSource(ends), marker="triangle", angle=-math.pi / 2, size=10,
                     fill_color="white", line_color="colour", line_width=2)  # fmt: skip
        dots = plot.scatter(x="x", y="y", source=ColumnDataSource(marks), marker="diamond", size=11,
                            fill_color="colour", line_color="#222222")  # fmt: skip
        plot.add_tools(HoverTool(renderers=[bars], tooltips=[
            ("member", "@member"), ("role", "@role"), ("category", "@category"), ("drawn", "@drawn"),
            ("status", "@status"), ("start", "@start"), ("end", "@end"), ("sources", "@sources")]))  # fmt: skip
        plot.add_tools(HoverTool(renderers=[dots], tooltips=[("", "@what")]))
        plot.add_layout(Span(location=ms(last), dimension="height", line_color="#222222", line_dash="dashed",
                             line_width=2, name=f"cursor-{n}"))  # fmt: skip
        names = ColumnDataSource({"y": labels, "x": [max(s, ms(floor)) for s in starts]})
        plot.add_layout(LabelSet(x="x", y="y", text="y", source=names, x_offset=4, y_offset=-1,
                                 text_baseline="middle", text_font_size="11px", text_color="#111111",
                                 background_fill_color="white", background_fill_alpha=0.75))  # fmt: skip
        plot.yaxis.visible = False  # the names are written on the bars: the plot keeps its width on a phone
        plot.ygrid.grid_line_color = None
        plots.append(plot)
    legend = tuple((STYLE[k][0], STYLE[k][1], STYLE[k][2]) for k in STYLE) + (
        ("#ffffff", "▶", f"an open triangle: no known end, the bar drawn to the last day the corpus covers, "
         f"{last.isoformat()}"),
        ("#222222", "◆", "a diamond: a day a dated document shows the membership, or the day its status was dated"),
        ("#222222", "┆", "the date cursor: move it to list each council's members on that day"),
    )  # fmt: skip
    from bokeh.embed import json_item

    return InteractiveChart("memberships", "councils", "Who was in which council when", legend,
                            json_item(column(*plots, sizing_mode="stretch_width")),
                            sum(p.height for p in plots))  # fmt: skip
