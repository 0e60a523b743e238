"""The report and the small views (show, timeline, diff) as plain data, and their renderers.

``build`` (with ``section_councils`` and ``section_overlap``) and ``views`` make :class:`Report` objects from the
analysis; ``formats`` turns one into text
(``text``), Markdown, HTML with charts (``html``, ``figures``), JSON or CSV. Imports the model, the files and the
analysis.
"""

from __future__ import annotations

from ..model import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "build_report": "build",
    "BokehUnavailable": "charts_bokeh",
    "EXPLORER_HINT": "charts_bokeh",
    "InteractiveChart": "charts_base",
    "bokeh_charts": "charts_bokeh",
    "bokeh_js": "charts_bokeh",
    "STYLE": "charts_timeline",
    "draw_to": "charts_data",
    "with_chart_data": "charts_data",
    "Cell": "document",
    "REPORT_VERSION": "document",
    "Report": "document",
    "Section": "document",
    "Table": "document",
    "cell_text": "document",
    "cell_text_number": "document",
    "councils_word": "document",
    "date_cells": "document",
    "date_text": "document",
    "is_claimed": "document",
    "range_cells": "document",
    "range_text": "document",
    "span_text": "document",
    "when_cells": "document",
    "render_explorer": "explorer",
    "Chart": "figures",
    "INSTALL_HINT": "figures",
    "PlotsUnavailable": "figures",
    "charts": "figures",
    "have_matplotlib": "figures",
    "FORMATS": "formats",
    "render": "formats",
    "render_csv": "formats",
    "render_json": "formats",
    "render_html": "html",
    "render_static_html": "html",
    "LIST_KINDS": "lookup",
    "OUTPUT_VERSION": "lookup",
    "list_data": "lookup",
    "list_view": "lookup",
    "search_data": "lookup",
    "search_view": "lookup",
    "CATEGORIES": "section_councils",
    "category": "section_councils",
    "Filters": "selection",
    "Selection": "selection",
    "select": "selection",
    "claims_citing": "shapes",
    "diff_data": "shapes",
    "diff_readings": "shapes",
    "show_data": "shapes",
    "timeline_data": "shapes",
    "markdown_escape": "text",
    "render_markdown": "text",
    "render_text": "text",
    "diff_view": "views",
    "show": "views",
    "timeline_view": "views",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
