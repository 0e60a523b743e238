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

from ..model import CoalitionsError, When, visible
from .charts_base import InteractiveChart, col, figure, label, ms, text
from .document import Report, Table

__all__ = ["BokehUnavailable", "EXPLORER_HINT", "InteractiveChart", "bokeh_charts", "bokeh_js"]

EXPLORER_HINT = 'Interactive charts need Bokeh: pip install "coalitions[explorer]"'

class BokehUnavailable(CoalitionsError, ImportError):
    """Bokeh is not installed."""


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
    nc, ec = col(nodes_t), col(edges_t)
    names = {str(r[nc["id"]]): str(r[nc["name"]]) for r in nodes_t.rows}
    weights = [(str(r[ec["a"]]), str(r[ec["b"]]), int(r[ec["declarations together"]])) for r in edges_t.rows]  # type: ignore[arg-type]
    place = {n: (1.8 * x, y) for n, (x, y) in _layout(list(names), weights).items()}  # the plot is wide
    heaviest = max(w for _, _, w in weights)
    edges = ColumnDataSource({
        "x0": [place[a][0] for a, _, _ in weights], "y0": [place[a][1] for a, _, _ in weights],
        "x1": [place[b][0] for _, b, _ in weights], "y1": [place[b][1] for _, b, _ in weights],
        "width": [1 + 7 * w / heaviest for _, _, w in weights], "weight": [w for _, _, w in weights],
        "a": [names[a] for a, _, _ in weights], "b": [names[b] for _, b, _ in weights],
        "years": [text(r[ec["years"]]) for r in edges_t.rows], "latest": [text(r[ec["latest"]]) for r in edges_t.rows],
        "together": [text(r[ec["together"]]) for r in edges_t.rows],
        "alpha": [0.45] * len(weights),
    }, name="network-edges")  # fmt: skip
    most = max(int(r[nc["declarations"]]) for r in nodes_t.rows)  # type: ignore[arg-type]
    people = {str(r[nc["id"]]) for r in nodes_t.rows if r[nc["kind"]] == "person"}
    nodes = ColumnDataSource({
        "x": [place[n][0] for n in names], "y": [place[n][1] for n in names],
        "name": [visible(v, newlines=False) for v in names.values()], "label": [label(v, 32) for v in names.values()],
        "kind": [str(r[nc["kind"]]) for r in nodes_t.rows], "declarations": [r[nc["declarations"]] for r in nodes_t.rows],
        "size": [9 + 16 * math.sqrt(int(r[nc["declarations"]]) / most) for r in nodes_t.rows],  # type: ignore[arg-type]
        "colour": ["#CC79A7" if n in people else "#0072B2" for n in names],
    }, name="network-nodes")  # fmt: skip
    xs, ys = [p[0] for p in place.values()], [p[1] for p in place.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    plot = figure(height=640, x_range=(min(xs) - 0.05 * span, max(xs) + 0.25 * span),
                   y_range=(min(ys) - 0.06 * span, max(ys) + 0.06 * span))  # fmt: skip
    lines = plot.segment("x0", "y0", "x1", "y1", source=edges, line_width="width", line_color="#555555",
                         line_alpha="alpha")  # fmt: skip
    dots = plot.scatter("x", "y", size="size", source=nodes, fill_color="colour", line_color="white", line_width=1.5)
    plot.add_layout(LabelSet(x="x", y="y", text="label", source=nodes, x_offset=7, y_offset=4, text_font_size="11px",
                             text_color="#1d2430"))  # fmt: skip
    plot.add_tools(HoverTool(renderers=[dots], tooltips=[("", "@name"), ("kind", "@kind"),
                                                          ("declarations", "@declarations")]))  # fmt: skip
    plot.add_tools(HoverTool(renderers=[lines], line_policy="interp", tooltips=[
        ("", "@a — @b"), ("declarations together", "@weight"), ("over the readings", "@together"),
        ("by year", "@years"), ("latest", "@latest")]))  # fmt: skip
    plot.axis.visible = False
    plot.grid.visible = False
    legend = (("#0072B2", "●", "an organisation in scope (people who signed or attended for one count as it; hosts "
               "never); size: declarations counting it"),
              ("#555555", "━", "a line: declarations counting both, every uncertain claim counted (wider: more; hover "
               "for the range over the readings, and which)"))  # fmt: skip
    return InteractiveChart("network", "overlap", "Who signed with whom", legend, json_item(plot), plot.height)


def _heatmap(report: Report) -> InteractiveChart | None:
    from bokeh.embed import json_item
    from bokeh.models import ColorBar, ColumnDataSource, HoverTool, LinearColorMapper
    from bokeh.palettes import Viridis256

    table, pairs = report.table("overlap-blocs"), report.table("overlap-bloc-pairs")
    if len(table.rows) < 2:
        return None
    c, pc = col(table), col(pairs)
    labels: dict[str, str] = {}
    for r in table.rows:
        name = f"{label(r[c['title']], 48)} ({str(r[c['date']])[:10]})"
        labels[str(r[c["id"]])] = name if name not in labels.values() else f"{name} [{r[c['id']]}]"
    rows = {str(r[c["id"]]): r for r in table.rows}
    data: dict[str, list[Any]] = {k: [] for k in ("x", "y", "value", "jaccard", "a", "b", "signers_a", "signers_b")}
    for p in pairs.rows:
        a, b = str(p[pc["a"]]), str(p[pc["b"]])
        value = p[pc["value"]]
        for key, cell in (("x", labels[b]), ("y", labels[a]), ("value", math.nan if value is None else value),
                          ("jaccard", str(p[pc["jaccard"]])), ("a", str(rows[a][c["title"]])),
                          ("b", str(rows[b][c["title"]])), ("signers_a", str(rows[a][c["signers"]])),
                          ("signers_b", str(rows[b][c["signers"]]))):  # fmt: skip
            data[key].append(cell)
    order = list(labels.values())
    mapper = LinearColorMapper(palette=Viridis256, low=0, high=1, nan_color="#dddddd")
    size = 260 + 26 * len(order)
    plot = figure(x_range=order, y_range=order[::-1], height=size + 160)
    plot.rect("x", "y", 1, 1, source=ColumnDataSource(data), fill_color={"field": "value", "transform": mapper},
              line_color="white")  # fmt: skip
    plot.add_tools(HoverTool(tooltips=[("", "@a"), ("and", "@b"), ("Jaccard", "@jaccard"),
                                       ("organisations", "@signers_a and @signers_b")]))  # fmt: skip
    plot.xaxis.major_label_orientation = math.pi / 3
    plot.add_layout(ColorBar(color_mapper=mapper, title="Jaccard: organisations both count / those either counts"),
                    "right")  # fmt: skip
    plot.grid.visible = False
    legend = (("#fde725", "■", "bright: the two declarations count most of the same organisations (every uncertain "
               "claim counted; hover for the range over the readings)"),
              ("#440154", "■", "dark: they share none"), ("#dddddd", "■", "grey: undefined (n/a)"))  # fmt: skip
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
    c = col(table)
    found = report.table("unity-claims")
    claims = {str(r[0]): r[col(found)["claims"]] for r in found.rows}
    windows = [When.of(str(r[c["window"]])) for r in table.rows]
    first, last = dense_period(table)
    x_range = Range1d(ms(windows[first].earliest) - 86_400_000 * 20, ms(windows[last].latest) + 86_400_000 * 20)
    plots = []
    for metric in ("effective number", "fragmentation", "cohesion"):
        low = [r[c[f"{metric} low"]] for r in table.rows]
        high = [r[c[f"{metric} high"]] for r in table.rows]
        source = ColumnDataSource({
            "x": [ms(w.earliest + (w.latest - w.earliest) / 2) for w in windows],
            "low": [math.nan if v is None else v for v in low], "high": [math.nan if v is None else v for v in high],
            "window": [str(w) for w in windows], "declarations": [r[c["declarations"]] for r in table.rows],
            "range": [str(r[c[metric]]) for r in table.rows],
            "exact": ["yes" if r[c[f"{metric} exact"]] else "no: bounds of the readings tried" for r in table.rows],
            "claims": [label(text(claims.get(str(w), ())) or "none", 400) for w in windows],
        })  # fmt: skip
        known = [v for v in (*low, *high) if isinstance(v, (int, float))]
        bottom, top = (min(known), max(known)) if known else (0.0, 1.0)
        pad = (top - bottom) * 0.1 or 0.5
        plot = figure(title=f"{metric}", x_axis_type="datetime", x_range=x_range, height=230,
                       y_range=Range1d(bottom - pad, top + pad))  # fmt: skip
        plot.varea(x="x", y1="low", y2="high", source=source, fill_color="#E69F00", fill_alpha=0.35)
        plot.line(x="x", y="low", source=source, line_color="#0072B2", line_width=2)
        plot.line(x="x", y="high", source=source, line_color="#D55E00", line_dash="dashed", line_width=2)
        dots = plot.scatter(x="x", y="high", source=source, size=7, color="#D55E00")
        plot.add_tools(HoverTool(renderers=[dots], tooltips=[("window", "@window"), (metric, "@range"),
                                                              ("exact", "@exact"), ("declarations", "@declarations"),
                                                              ("claims that move it", "@claims")]))  # fmt: skip
        plots.append(plot)
    legend = (("#E69F00", "▬", "the band: the metric's range over the readings of the uncertain claims (one value "
               "when it is a line)"), ("#0072B2", "━", "low"), ("#D55E00", "┅", "high; hover a dot for the window's "
               "range, whether it is exact, and the claims that move it"))  # fmt: skip
    title = (f"Unity over time (opens on {windows[first]} to {windows[last]}, where the declarations are; zoom out "
             "for the rest)")  # fmt: skip
    return InteractiveChart("unity", "unity", title, legend, json_item(column(*plots, sizing_mode="stretch_width")),
                            sum(p.height for p in plots))  # fmt: skip


def bokeh_charts(report: Report) -> tuple[InteractiveChart, ...]:
    """The charts of the report that it has data for; raises :class:`BokehUnavailable` without Bokeh."""
    _bokeh()
    found = []
    from .charts_timeline import timeline_chart

    for draw in (timeline_chart, _network, _heatmap, _unity):
        try:
            chart = draw(report)
        except KeyError:  # a report without that table (a view, not build_report)
            continue
        if chart is not None:
            found.append(chart)
    return tuple(found)
