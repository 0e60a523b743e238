"""Charts of a report, drawn with matplotlib (the optional extra ``coalitions[plots]``) as SVG images.

Each chart is drawn from a table of the :class:`~coalitions.report.Report`, so it shows exactly what the tables
say: the council membership timeline, the overlap heatmap, the co-signing network and unity over time. Text from
the data is drawn literally (no mathtext) and the SVG is meant for an ``<img>`` element, where it cannot run code.
"""

from __future__ import annotations

import datetime
import io
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs

from ..model import CoalitionsError, When, visible
from .document import Report, Table

__all__ = ["Chart", "PlotsUnavailable", "charts", "have_matplotlib", "INSTALL_HINT"]

INSTALL_HINT = 'Charts need matplotlib: pip install "coalitions[plots]"'

#: Most rows a chart draws (the membership timeline, the network's nodes).
MOST = 60


class PlotsUnavailable(CoalitionsError, ImportError):
    """matplotlib is not installed."""


@attrs.frozen
class Chart:
    """One chart: a key (``memberships``, ``overlap``, ``network``, ``unity``), a title and an SVG document."""

    key: str
    title: str
    svg: str
    section: str


def have_matplotlib() -> bool:
    """matplotlib can be imported."""
    try:
        _pyplot()
    except PlotsUnavailable:
        return False
    return True


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as error:
        raise PlotsUnavailable(INSTALL_HINT) from error
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence matplotlib's warnings (a glyph missing from the font is not the reader's problem)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _label(text: object, width: int = 40) -> str:
    shown = visible(str(text), newlines=False).replace("$", r"\$")
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _svg(figure: Any) -> str:
    plt = _pyplot()
    out = io.StringIO()
    with plt.rc_context({"svg.hashsalt": "coalitions", "svg.fonttype": "path"}):
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return out.getvalue()


def _iso(text: object) -> datetime.date | None:
    return datetime.date.fromisoformat(str(text)) if text else None


#: Colour and hatch of each membership category, as the interactive chart draws them.
_STYLE = {"certain": ("#0072B2", None), "possible": ("#56B4E9", "//"), "undated": ("#999999", ".."),
          "disputed": ("#E69F00", "xx"), "denied": ("#D55E00", "--"), "declined": ("#CC79A7", "||"),
          "withdrawn": ("#009E73", "\\\\")}  # fmt: skip


def _memberships(table: Table, today: datetime.date) -> Any:
    """The membership bars (``membership-bars``): the category where its dates make it certain, possible where
    they leave it open, a diamond on each day a document shows an undated one (no bar), an open end to the last
    day the corpus covers."""
    plt = _pyplot()
    col = {c: i for i, c in enumerate(table.columns)}
    rows = table.rows[:MOST]
    last = max((d for r in rows if (d := _iso(r[col["last day"]]))), default=today)
    known = [d for r in rows for k in ("may from", "status date") if (d := _iso(r[col[k]]))]
    floor = min(known) if known else last - datetime.timedelta(days=365)
    figure, axes = plt.subplots(figsize=(10, 0.3 * len(rows) + 1.6))
    for y, row in enumerate(rows):
        kind = str(row[col["category"]])
        if not row[col["undated"]] and row[col["may from"]]:
            may_from, may_to = _iso(row[col["may from"]]), _iso(row[col["may to"]]) or last
            sure_from, sure_to = _iso(row[col["certain from"]]), _iso(row[col["certain to"]]) or last
            pieces = [("possible", may_from, may_to)]
            if sure_from is not None:
                pieces = [("possible", may_from, sure_from), (kind, sure_from, max(sure_to, sure_from)),
                          ("possible", sure_to, max(may_to, sure_to))]  # fmt: skip
            for style, first, final in pieces:
                colour, hatch = _STYLE[style]
                if final > first or style == kind:
                    axes.barh(y, (final - first).days or 1, left=first, color=colour, hatch=hatch, edgecolor="white",
                              linewidth=0.5, alpha=0.9)  # fmt: skip
            if row[col["open end"]]:
                axes.plot(may_to, y, marker=">", markerfacecolor="white", markeredgecolor=_STYLE[kind][0])
        for day in (*(row[col["shown on"]] or ()), *((row[col["status date"]],) if row[col["status date"]] else ())):
            axes.plot(datetime.date.fromisoformat(str(day)), y, marker="D", color=_STYLE[kind][0],
                      markeredgecolor="#222222")  # fmt: skip
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels([f"{_label(r[col['council']], 24)}: {_label(r[col['member']], 28)}"
                          + (" (undated)" if r[col["undated"]] else "") for r in rows])  # fmt: skip
    axes.set_xlim(floor - datetime.timedelta(days=60), last + datetime.timedelta(days=45))
    axes.invert_yaxis()
    axes.set_xlabel("colour: " + ", ".join(_STYLE) + "; pale blue, hatched: possible (dates leave it open); "
                    f"undated: no bar, a diamond on a day a document shows it; > : no known end ({last})")
    axes.grid(axis="x", alpha=0.3)
    return figure


def _heatmap(table: Table) -> Any:
    """The Jaccard matrix (``overlap-matrix``, one row a pair), coloured with every uncertain claim counted."""
    plt = _pyplot()
    col = {c: i for i, c in enumerate(table.columns)}
    ids = list(dict.fromkeys(str(r[col["a"]]) for r in table.rows))
    value = {(str(r[col["a"]]), str(r[col["b"]])): r[col["jaccard high"]] for r in table.rows}
    values = [[float(v) if isinstance(v := value.get((a, b)), (int, float)) else math.nan for b in ids] for a in ids]
    labels = [_label(i, 28) for i in ids]
    size = max(4.0, 0.45 * len(ids) + 2)
    figure, axes = plt.subplots(figsize=(size + 1.5, size))
    image = axes.imshow(values, cmap="viridis", vmin=0, vmax=1)
    axes.set_xticks(range(len(ids)))
    axes.set_xticklabels(labels, rotation=60, ha="right")
    axes.set_yticks(range(len(ids)))
    axes.set_yticklabels(labels)
    figure.colorbar(image, ax=axes, label="Jaccard, its highest over the readings (the overlap table has ranges)")
    return figure


def _network(table: Table) -> Any:
    plt = _pyplot()
    col = {c: i for i, c in enumerate(table.columns)}
    edges = [(str(r[col["name a"]]), str(r[col["name b"]]), int(r[col["together high"]]))  # type: ignore[arg-type]
             for r in table.rows]  # fmt: skip
    nodes = list(dict.fromkeys(n for a, b, _ in edges for n in (a, b)))[:MOST]
    place = {n: (math.cos(2 * math.pi * k / len(nodes)), math.sin(2 * math.pi * k / len(nodes)))
             for k, n in enumerate(nodes)}  # fmt: skip
    heaviest = max((w for _, _, w in edges), default=1)
    figure, axes = plt.subplots(figsize=(9, 9))
    for a, b, weight in edges:
        if a in place and b in place:
            (xa, ya), (xb, yb) = place[a], place[b]
            axes.plot([xa, xb], [ya, yb], color="#4a6fa5", alpha=0.6, linewidth=1 + 5 * weight / heaviest)
    for name, (x, y) in place.items():
        axes.plot(x, y, "o", color="#d9822b", markersize=9)
        axes.annotate(_label(name, 30), (x, y), xytext=(x * 1.08, y * 1.08), ha="left" if x >= 0 else "right",
                      va="center", fontsize=8)  # fmt: skip
    axes.set_xlim(-1.9, 1.9)
    axes.set_ylim(-1.3, 1.3)
    axes.set_axis_off()
    axes.set_title("line width: declarations counting both (the most over the readings)")
    return figure


def _unity(table: Table) -> Any:
    plt = _pyplot()
    col = {c: i for i, c in enumerate(table.columns)}
    xs = [When.of(str(r[col["window"]])).earliest for r in table.rows]
    metrics = ("effective number", "fragmentation", "cohesion")
    figure, panels = plt.subplots(len(metrics), 1, figsize=(10, 2.6 * len(metrics)), sharex=True)
    for axes, metric in zip(panels, metrics):
        low = [_number(r[col[f"{metric} low"]]) for r in table.rows]
        high = [_number(r[col[f"{metric} high"]]) for r in table.rows]
        axes.fill_between(xs, low, high, alpha=0.3, step="post", label="range over the uncertain claims")
        for x, r, top in zip(xs, table.rows, high):
            if not r[col[f"{metric} exact"]] and not math.isnan(top):
                axes.annotate("not exact", (x, top), fontsize=7, xytext=(0, 4), textcoords="offset points")
        axes.step(xs, low, where="post", label=f"{metric} (low)")
        axes.step(xs, high, where="post", linestyle="--", label=f"{metric} (high)")
        axes.set_ylabel(metric)
        axes.grid(alpha=0.3)
        axes.legend(loc="upper left", fontsize=8)
    return figure


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else math.nan


def charts(report: Report, today: datetime.date | None = None) -> tuple[Chart, ...]:
    """The charts of a full report, for the tables it has rows in; raises :class:`PlotsUnavailable` without
    matplotlib."""
    _pyplot()
    for key, value in report.filters:
        if key == "now":
            today = When.of(value).latest
    today = today or datetime.date(2000, 1, 1)  # a report without "now" has no membership bars to draw
    plans: list[tuple[str, str, str, str, Callable[[Table], Any]]] = [
        ("memberships", "membership-bars", "Who was in which council when", "councils",
         lambda t: _memberships(t, today)),
        ("overlap", "overlap-matrix", "Overlap of the most overlapping declarations", "overlap", _heatmap),
        ("network", "partners", "Co-signing network", "overlap", _network),
        ("unity", "unity", "Unity over time, with the range over the uncertain claims", "unity", _unity),
    ]  # fmt: skip
    found = []
    with _quiet():
        for key, table_key, title, section, draw in plans:
            try:
                table = report.table(table_key)
            except KeyError:
                continue
            if key == "network" and "name a" not in table.columns:
                continue
            if table.rows:
                found.append(Chart(key, title, _svg(draw(table)), section))
    return tuple(found)
