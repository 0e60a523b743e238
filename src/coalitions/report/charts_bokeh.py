"""The explorer's interactive charts, drawn with Bokeh (the optional extra ``coalitions[explorer]``) from the report's
chart-data tables (:mod:`coalitions.report.charts_data`): the councils' membership timeline with a date cursor, the
affiliation network filterable by period, the overlap heatmap in blocs, and unity over time with its ranges.

Each chart is a Bokeh document as JSON (``bokeh.embed.json_item``), embedded by the page's own script with
BokehJS inlined (no CDN), so it works offline under a strict content security policy: no ``CustomJS`` (it would need
``unsafe-eval``); the page's script moves the cursor and filters the network through BokehJS's API.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

import attrs

from ..model import CoalitionsError, When, visible
from .document import Cell, Report, Table

__all__ = ["BokehUnavailable", "EXPLORER_HINT", "InteractiveChart", "bokeh_charts", "bokeh_js"]

EXPLORER_HINT = 'Interactive charts need Bokeh: pip install "coalitions[explorer]"'

#: Colour and hatch of each membership category (colour-blind safe: Okabe-Ito), and what the legend says.
STYLE = {
    "certain": ("#0072B2", " ", "certain: asserted by the sources, with a known start"),
    "possible": ("#56B4E9", "/", "possible: the source is unclear"),
    "undated": ("#999999", ".", "undated: asserted, no known start (drawn over the whole period)"),
    "disputed": ("#E69F00", "x", "disputed: sources disagree"),
    "denied": ("#D55E00", "-", "denied by the party concerned"),
    "declined": ("#CC79A7", "|", "declined: an invitation refused"),
    "withdrawn": ("#009E73", "\\", "withdrawn: held, then withdrawn"),
}


class BokehUnavailable(CoalitionsError, ImportError):
    """Bokeh is not installed."""


@attrs.frozen
class InteractiveChart:
    """One chart: its key, the section it belongs to, a title, what its marks mean, and the Bokeh JSON item."""

    key: str
    section: str
    title: str
    legend: tuple[tuple[str, str, str], ...]
    item: dict[str, Any]
    #: About how tall it is drawn, in CSS pixels (the page keeps the room while it draws).
    height: int = 400


def _bokeh() -> Any:
    try:
        import bokeh
    except ImportError as error:
        raise BokehUnavailable(EXPLORER_HINT) from error
    return bokeh


def bokeh_js() -> tuple[str, ...]:
    """BokehJS itself, inline (the ``bokeh`` bundle only: no widgets, tables, WebGL or MathJax)."""
    _bokeh()
    from bokeh.resources import Resources

    return tuple(js for js in Resources(mode="inline", components=["bokeh"]).js_raw if "set_log_level" not in js[:40])


def _label(text: object, width: int = 60) -> str:
    shown = visible(str(text), newlines=False)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _ms(day: datetime.date) -> float:
    return (day - datetime.date(1970, 1, 1)).days * 86_400_000.0


def _col(table: Table) -> dict[str, int]:
    return {c: i for i, c in enumerate(table.columns)}


def _text(cell: Cell) -> str:
    return "; ".join(cell) if isinstance(cell, tuple) else "" if cell is None else str(cell)


def _figure(**options: Any) -> Any:
    from bokeh.plotting import figure

    plot = figure(sizing_mode="stretch_width", tools="pan,wheel_zoom,box_zoom,reset,save", toolbar_location="above",
                  **options)  # fmt: skip
    plot.toolbar.logo = None
    plot.title.text_font_size = "13px"
    return plot


def _timeline(report: Report) -> InteractiveChart | None:
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, FactorRange, HoverTool, LabelSet, Span

    table = report.table("membership-bars")
    if not table.rows:
        return None
    c = _col(table)
    known = [When.of(str(r[c[k]])).earliest for r in table.rows for k in ("start", "end") if r[c[k]]]
    last = max((datetime.date.fromisoformat(str(r[c["last evidence"]])) for r in table.rows if r[c["last evidence"]]),
               default=max(known, default=datetime.date.today()))  # fmt: skip
    floor = min(known, default=last - datetime.timedelta(days=365)) - datetime.timedelta(days=60)
    from bokeh.models import Range1d

    plots, x_range = [], Range1d(_ms(floor), _ms(last) + 86_400_000 * 45)
    councils = list(dict.fromkeys(str(r[c["council id"]]) for r in table.rows))
    for n, council in enumerate(councils):
        rows = sorted((r for r in table.rows if r[c["council id"]] == council), key=lambda r: str(r[c["member"]]))
        data: dict[str, list[Any]] = {k: [] for k in ("y", "left", "right", "colour", "hatch", "category", "member",
                                                      "start", "end", "status", "role", "sources", "open")}  # fmt: skip
        labels = []
        for r in rows:
            label = visible(str(r[c["member"]]), newlines=False)
            label = label if label not in labels else f"{label} ({r[c['role']]}, {len(labels)})"
            labels.append(label)
            start = datetime.date.fromisoformat(str(r[c["start day"]])) if r[c["start day"]] else floor
            end = datetime.date.fromisoformat(str(r[c["end day"]])) if r[c["end day"]] else last
            colour, hatch, _ = STYLE[str(r[c["category"]])]
            for key, value in (("y", label), ("left", _ms(start)), ("right", _ms(max(end, start))), ("colour", colour),
                               ("hatch", hatch), ("category", str(r[c["category"]])), ("member", str(r[c["member"]])),
                               ("start", str(r[c["start"]]) or "unknown"), ("end", str(r[c["end"]]) or "no known end"),
                               ("status", str(r[c["status"]])), ("role", str(r[c["role"]])),
                               ("sources", _text(r[c["sources"]])), ("open", r[c["open end"]] == "yes")):  # fmt: skip
                data[key].append(value)
        source = ColumnDataSource(data)
        plot = _figure(title=visible(str(rows[0][c["council"]]), newlines=False), y_range=FactorRange(*labels[::-1]),
                       x_axis_type="datetime", height=70 + 24 * len(rows), x_range=x_range)  # fmt: skip
        bars = plot.hbar(y="y", left="left", right="right", height=0.62, source=source, fill_color="colour",
                         hatch_pattern="hatch", hatch_color="white", line_color="colour", fill_alpha=0.85)  # fmt: skip
        ends = ColumnDataSource({k: [v for v, o in zip(data[k], data["open"]) if o] for k in ("y", "right", "colour")})
        plot.scatter(x="right", y="y", source=ends, marker="triangle", angle=-math.pi / 2, size=10,
                     fill_color="white", line_color="colour", line_width=2)  # fmt: skip
        plot.add_tools(HoverTool(renderers=[bars], tooltips=[
            ("member", "@member"), ("role", "@role"), ("category", "@category"), ("status", "@status"),
            ("start", "@start"), ("end", "@end"), ("sources", "@sources")]))  # fmt: skip
        plot.add_layout(Span(location=_ms(last), dimension="height", line_color="#222222", line_dash="dashed",
                             line_width=2, name=f"cursor-{n}"))  # fmt: skip
        plot.add_layout(LabelSet(x="left", y="y", text="y", source=source, x_offset=4, y_offset=-1,
                                 text_baseline="middle", text_font_size="11px", text_color="#111111",
                                 background_fill_color="white", background_fill_alpha=0.75))  # fmt: skip
        plot.yaxis.visible = False  # the names are written on the bars: the plot keeps its width on a phone
        plot.ygrid.grid_line_color = None
        plots.append(plot)
    legend = tuple((STYLE[k][0], STYLE[k][1], STYLE[k][2]) for k in STYLE) + (
        ("#ffffff", "▶", f"an open triangle: no known end, the bar drawn to the last evidence, {last.isoformat()}"),
        ("#222222", "┆", "the date cursor: move it to list each council's members on that day"),
    )  # fmt: skip
    from bokeh.embed import json_item

    return InteractiveChart("memberships", "councils", "Who was in which council when", legend,
                            json_item(column(*plots, sizing_mode="stretch_width")),
                            sum(p.height for p in plots))  # fmt: skip


def _layout(nodes: Sequence[str], edges: Sequence[tuple[str, str, int]]) -> dict[str, tuple[float, float]]:
    """Node positions: each connected group laid out by a seeded spring layout (networkx, when installed) in a
    square whose side grows with its size, the squares packed in rows, the largest first; a circle without
    networkx."""
    if not nodes:
        return {}
    try:
        import networkx
    except ImportError:
        return {n: (math.cos(2 * math.pi * k / len(nodes)), math.sin(2 * math.pi * k / len(nodes)))
                for k, n in enumerate(nodes)}  # fmt: skip
    graph = networkx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b) for a, b, _ in edges)
    found = sorted((sorted(g) for g in networkx.connected_components(graph)), key=lambda g: (-len(g), g[0]))
    groups, alone = [g for g in found if len(g) > 1], [g[0] for g in found if len(g) == 1]
    sides = [math.sqrt(len(g)) for g in groups]
    width = max([sides[0] * 1.6] if sides else [4.0]) if len(sides) < 2 else max(
        sides[0] * 1.6, math.sqrt(sum(x * x for x in sides)) * 1.4)  # fmt: skip
    placed: dict[str, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for group, side in zip(groups, sides):
        if x and x + side > width:
            x, y, shelf = 0.0, y - shelf, 0.0
        inner = networkx.spring_layout(graph.subgraph(group), seed=7, k=2.5 / math.sqrt(len(group)), iterations=300,
                                       center=(0, 0), scale=1)  # fmt: skip
        for node, (px, py) in inner.items():
            placed[node] = (x + side * (0.5 + 0.42 * float(px)), y - side * (0.5 - 0.42 * float(py)))
        x += side
        shelf = max(shelf, side)
    per_row = max(1, int(width // 2.2))  # signers with no partner among those shown: a row below, room for names
    y -= shelf + 0.6
    for k, node in enumerate(alone):
        placed[node] = ((k % per_row) * width / per_row, y - 0.7 * (k // per_row))
    return placed


def _network(report: Report) -> InteractiveChart | None:
    from bokeh.embed import json_item
    from bokeh.models import ColumnDataSource, HoverTool, LabelSet

    nodes_t, edges_t = report.table("network-nodes"), report.table("network-edges")
    if not edges_t.rows:
        return None
    nc, ec = _col(nodes_t), _col(edges_t)
    names = {str(r[nc["id"]]): str(r[nc["name"]]) for r in nodes_t.rows}
    weights = [(str(r[ec["a"]]), str(r[ec["b"]]), int(r[ec["declarations together"]])) for r in edges_t.rows]  # type: ignore[arg-type]
    place = {n: (1.8 * x, y) for n, (x, y) in _layout(list(names), weights).items()}  # the plot is wide
    heaviest = max(w for _, _, w in weights)
    edges = ColumnDataSource({
        "x0": [place[a][0] for a, _, _ in weights], "y0": [place[a][1] for a, _, _ in weights],
        "x1": [place[b][0] for _, b, _ in weights], "y1": [place[b][1] for _, b, _ in weights],
        "width": [1 + 7 * w / heaviest for _, _, w in weights], "weight": [w for _, _, w in weights],
        "a": [names[a] for a, _, _ in weights], "b": [names[b] for _, b, _ in weights],
        "years": [_text(r[ec["years"]]) for r in edges_t.rows], "latest": [_text(r[ec["latest"]]) for r in edges_t.rows],
        "alpha": [0.45] * len(weights),
    }, name="network-edges")  # fmt: skip
    most = max(int(r[nc["declarations"]]) for r in nodes_t.rows)  # type: ignore[arg-type]
    people = {str(r[nc["id"]]) for r in nodes_t.rows if r[nc["kind"]] == "person"}
    nodes = ColumnDataSource({
        "x": [place[n][0] for n in names], "y": [place[n][1] for n in names],
        "name": [visible(v, newlines=False) for v in names.values()], "label": [_label(v, 32) for v in names.values()],
        "kind": [str(r[nc["kind"]]) for r in nodes_t.rows], "declarations": [r[nc["declarations"]] for r in nodes_t.rows],
        "size": [9 + 16 * math.sqrt(int(r[nc["declarations"]]) / most) for r in nodes_t.rows],  # type: ignore[arg-type]
        "colour": ["#CC79A7" if n in people else "#0072B2" for n in names],
    }, name="network-nodes")  # fmt: skip
    xs, ys = [p[0] for p in place.values()], [p[1] for p in place.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    plot = _figure(height=640, x_range=(min(xs) - 0.05 * span, max(xs) + 0.25 * span),
                   y_range=(min(ys) - 0.06 * span, max(ys) + 0.06 * span))  # fmt: skip
    lines = plot.segment("x0", "y0", "x1", "y1", source=edges, line_width="width", line_color="#555555",
                         line_alpha="alpha")  # fmt: skip
    dots = plot.scatter("x", "y", size="size", source=nodes, fill_color="colour", line_color="white", line_width=1.5)
    plot.add_layout(LabelSet(x="x", y="y", text="label", source=nodes, x_offset=7, y_offset=4, text_font_size="11px",
                             text_color="#1d2430"))  # fmt: skip
    plot.add_tools(HoverTool(renderers=[dots], tooltips=[("", "@name"), ("kind", "@kind"),
                                                          ("declarations", "@declarations")]))  # fmt: skip
    plot.add_tools(HoverTool(renderers=[lines], line_policy="interp", tooltips=[
        ("", "@a — @b"), ("declarations together", "@weight"), ("by year", "@years"), ("latest", "@latest")]))  # fmt: skip
    plot.axis.visible = False
    plot.grid.visible = False
    legend = (("#0072B2", "●", "an organisation (people who signed for one count as it); size: declarations signed"),
              ("#CC79A7", "●", "a person who signed in their own name"),
              ("#555555", "━", "a line: declarations signed together (wider: more; hover for which)"))  # fmt: skip
    return InteractiveChart("network", "overlap", "Who signed with whom", legend, json_item(plot), plot.height)


def _heatmap(report: Report) -> InteractiveChart | None:
    from bokeh.embed import json_item
    from bokeh.models import ColorBar, ColumnDataSource, HoverTool, LinearColorMapper
    from bokeh.palettes import Viridis256

    table = report.table("overlap-blocs")
    if len(table.rows) < 2:
        return None
    c = _col(table)
    labels: list[str] = []
    for r in table.rows:
        label = f"{_label(r[c['title']], 48)} ({str(r[c['date']])[:10]})"
        labels.append(label if label not in labels else f"{label} [{r[c['id']]}]")
    data: dict[str, list[Any]] = {k: [] for k in ("x", "y", "value", "a", "b", "signers_a", "signers_b")}
    for i, r in enumerate(table.rows):
        for j, other in enumerate(table.rows):
            for key, value in (("x", labels[j]), ("y", labels[i]), ("value", r[4 + j]), ("a", str(r[c["title"]])),
                               ("b", str(other[c["title"]])), ("signers_a", r[c["signers"]]),
                               ("signers_b", other[c["signers"]])):  # fmt: skip
                data[key].append(value)
    mapper = LinearColorMapper(palette=Viridis256, low=0, high=1)
    size = 260 + 26 * len(labels)
    plot = _figure(x_range=labels, y_range=labels[::-1], height=size + 160)
    plot.rect("x", "y", 1, 1, source=ColumnDataSource(data), fill_color={"field": "value", "transform": mapper},
              line_color="white")  # fmt: skip
    plot.add_tools(HoverTool(tooltips=[("", "@a"), ("and", "@b"), ("Jaccard", "@value{0.000}"),
                                       ("signers", "@signers_a and @signers_b")]))  # fmt: skip
    plot.xaxis.major_label_orientation = math.pi / 3
    plot.add_layout(ColorBar(color_mapper=mapper, title="Jaccard: shared signers / all signers of the two"), "right")
    plot.grid.visible = False
    legend = (("#fde725", "■", "bright: the two declarations share most of their signers"),
              ("#440154", "■", "dark: they share none"),)  # fmt: skip
    return InteractiveChart("overlap", "overlap", "How the declarations overlap, in blocs", legend, json_item(plot),
                            plot.height)  # fmt: skip


def dense_period(table: Table, share: float = 0.8) -> tuple[int, int]:
    """The shortest run of rows (windows) of the unity table holding ``share`` of its declarations: the period the
    corpus covers densely, where the chart opens."""
    counts = [int(r[1]) if isinstance(r[1], int) else 0 for r in table.rows]
    total, best = sum(counts), (0, max(len(counts) - 1, 0))
    if not total:
        return best
    for i in range(len(counts)):
        held = 0
        for j in range(i, len(counts)):
            held += counts[j]
            if held >= share * total:
                if j - i < best[1] - best[0]:
                    best = (i, j)
                break
    return best


def _unity(report: Report) -> InteractiveChart | None:
    from bokeh.embed import json_item
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, HoverTool, Range1d

    table = report.table("unity")
    if not table.rows:
        return None
    c = _col(table)
    claims = {str(r[0]): r[1] for r in report.table("unity-claims").rows}
    windows = [When.of(str(r[c["window"]])) for r in table.rows]
    first, last = dense_period(table)
    x_range = Range1d(_ms(windows[first].earliest) - 86_400_000 * 20, _ms(windows[last].latest) + 86_400_000 * 20)
    plots = []
    for metric in ("effective number", "fragmentation", "cohesion"):
        low = [r[c[f"{metric} low"]] for r in table.rows]
        high = [r[c[f"{metric} high"]] for r in table.rows]
        source = ColumnDataSource({
            "x": [_ms(w.earliest + (w.latest - w.earliest) / 2) for w in windows],
            "low": [math.nan if v is None else v for v in low], "high": [math.nan if v is None else v for v in high],
            "window": [str(w) for w in windows], "declarations": [r[c["declarations"]] for r in table.rows],
            "range": [str(r[c[metric]]) for r in table.rows],
            "claims": [_label(_text(claims.get(str(w), ())) or "none", 400) for w in windows],
        })  # fmt: skip
        known = [v for v in (*low, *high) if isinstance(v, (int, float))]
        bottom, top = (min(known), max(known)) if known else (0.0, 1.0)
        pad = (top - bottom) * 0.1 or 0.5
        plot = _figure(title=f"{metric}", x_axis_type="datetime", x_range=x_range, height=230,
                       y_range=Range1d(bottom - pad, top + pad))  # fmt: skip
        plot.varea(x="x", y1="low", y2="high", source=source, fill_color="#E69F00", fill_alpha=0.35)
        plot.line(x="x", y="low", source=source, line_color="#0072B2", line_width=2)
        plot.line(x="x", y="high", source=source, line_color="#D55E00", line_dash="dashed", line_width=2)
        dots = plot.scatter(x="x", y="high", source=source, size=7, color="#D55E00")
        plot.add_tools(HoverTool(renderers=[dots], tooltips=[("window", "@window"), (metric, "@range"),
                                                              ("declarations", "@declarations"),
                                                              ("disputed claims", "@claims")]))  # fmt: skip
        plots.append(plot)
    legend = (("#E69F00", "▬", "the band: the metric's range over the readings of the disputed claims (exact "
               "when it is a line)"), ("#0072B2", "━", "low"), ("#D55E00", "┅", "high; hover a dot for the window's "
               "disputed claims"))  # fmt: skip
    title = (f"Unity over time (opens on {windows[first]} to {windows[last]}, where the declarations are; zoom out "
             "for the rest)")  # fmt: skip
    return InteractiveChart("unity", "unity", title, legend, json_item(column(*plots, sizing_mode="stretch_width")),
                            sum(p.height for p in plots))  # fmt: skip


def bokeh_charts(report: Report) -> tuple[InteractiveChart, ...]:
    """The charts of the report that it has data for; raises :class:`BokehUnavailable` without Bokeh."""
    _bokeh()
    found = []
    for draw in (_timeline, _network, _heatmap, _unity):
        try:
            chart = draw(report)
        except KeyError:  # a report without that table (a view, not build_report)
            continue
        if chart is not None:
            found.append(chart)
    return tuple(found)
