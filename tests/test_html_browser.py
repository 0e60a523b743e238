"""The HTML explorer opened in a real headless browser: Debian's Chromium driven by Playwright.

One browser for the whole module (started once, closed at the end), the small golden corpus, a 1280-pixel-wide
window. Skipped with the reason when Playwright (``pip install "coalitions[browser]"``) or Chromium
(``apt-get install chromium``; ``.ci/run`` installs both) is missing. Screenshots are saved under the test's
temporary directory.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from coalitions import load
from coalitions.report import Filters, build_report, render_html

HERE = Path(__file__).parent
CHROMIUM = next((shutil.which(b) for b in ("chromium", "chromium-browser") if shutil.which(b)), None)
#: What Chromium needs on these machines: no sandbox as root, no GPU, and no background connections.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
#: Each chart's size at 1280 pixels on the golden corpus (width, height), as stored; a chart may differ by 15%.
SIZES = json.loads((HERE / "data" / "explorer-chart-sizes.json").read_text(encoding="utf-8"))
CHARTS = ("memberships", "network", "overlap", "unity")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    sync_api = pytest.importorskip("playwright.sync_api", reason='no Playwright: pip install "coalitions[browser]"')
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    """The explorer of the golden corpus, with a hostile name added, as a file."""
    pytest.importorskip("bokeh", reason='no Bokeh: pip install "coalitions[explorer]"')
    import attrs

    corpus = load(HERE / "golden" / "corpus")
    first = corpus.organisations[0]
    corpus = attrs.evolve(corpus, organisations=(attrs.evolve(first, name="<script>alert(1)</script>"),
                                                 *corpus.organisations[1:]))  # fmt: skip
    path = tmp_path_factory.mktemp("explorer") / "report.html"
    path.write_text(render_html(build_report(corpus, Filters(end="2024-12-31"))), encoding="utf-8")
    return path


class Opened:
    """A page opened in the browser, with what it logged and every request it made."""

    def __init__(self, browser, path: Path, width: int = 1280) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console.{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")

    def chart(self, key: str):
        """The chart's figure, scrolled into view and drawn."""
        figure = self.page.locator(f"#chart-{key}")
        figure.scroll_into_view_if_needed()
        self.page.wait_for_selector(f"#chart-{key}[data-ready=yes]", timeout=30_000)
        self.page.wait_for_timeout(200)  # the canvas paints after the document is ready
        return figure


@pytest.fixture
def opened(browser, report_page):
    """The golden explorer, opened in a new page (closed after the test)."""
    page = Opened(browser, report_page)
    yield page
    page.page.close()


def test_the_detector_sees_console_errors(browser, tmp_path):
    """The harness reports console errors and uncaught exceptions (so a clean page below means something)."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><script>console.error("boom"); notDefined();</script>')
    page = Opened(browser, bad)
    assert any("boom" in p for p in page.problems) and any("notDefined" in p for p in page.problems)
    page.page.close()


class TestExplorerInChromium:
    def test_loads_cleanly_offline(self, opened, report_page):
        """The page loads with no console message at all and requests nothing but itself, even once every chart
        is drawn; the hostile name shows as text."""
        for key in CHARTS:
            opened.chart(key)
        assert [] == opened.problems
        assert [report_page.as_uri()] == [u for u in opened.requests if not u.startswith("data:")]
        assert 0 == opened.page.locator("script:not([type])").evaluate_all(
            "nodes => nodes.filter(n => n.textContent.includes('alert(1)')).length")  # fmt: skip

    def test_filter_narrows_a_table(self, opened):
        """Typing in a table's search box keeps only the rows that match."""
        holder = opened.page.locator('.xtable[data-table="declarations"]')
        before = int(holder.get_attribute("data-shown"))
        holder.locator("input.search").fill("open letter")
        after = int(holder.get_attribute("data-shown"))
        titles = holder.locator("tbody tr td:nth-child(3)").all_inner_texts()
        assert 0 < after < before and all("Open Letter" in t for t in titles)

    def test_choice_and_date_filters(self, opened):
        """A kind and a date range narrow the declarations to those of that kind in that period."""
        holder = opened.page.locator('.xtable[data-table="declarations"]')
        holder.locator('select[data-column="kind"]').select_option("statement")
        holder.locator('input[data-range="from"]').fill("2024")
        holder.locator('input[data-range="to"]').fill("2024-01")
        dates = holder.locator("tbody tr td:nth-child(1)").all_inner_texts()
        kinds = holder.locator("tbody tr td:nth-child(4)").all_inner_texts()
        assert dates and all(d.startswith("2024-01") for d in dates) and {"statement"} == set(kinds)
        holder.locator('input[data-range="from"]').fill("2025")
        assert "0" == holder.get_attribute("data-shown")

    def test_sort_reorders(self, opened):
        """Clicking a column's header sorts by it, clicking again reverses (a range sorts by its low end)."""
        holder = opened.page.locator('.xtable[data-table="organisations"]')
        header = holder.locator("th button", has_text="declarations")
        header.click()
        ascending = [int(x.split()[0]) for x in holder.locator("tbody tr td:nth-child(4)").all_inner_texts()]
        header.click()
        descending = [int(x.split()[0]) for x in holder.locator("tbody tr td:nth-child(4)").all_inner_texts()]
        assert sorted(ascending) == ascending and sorted(descending, reverse=True) == descending
        assert ascending[0] < descending[0]

    def test_clicking_an_organisation_shows_its_section(self, opened):
        """A name links to the record's section: its name, its timeline and its sources."""
        link = opened.page.locator('.xtable[data-table="organisations"] tbody a[data-record]').first
        name = link.inner_text()
        link.click()
        section = opened.page.locator("#record")
        section.wait_for(state="visible")
        assert name == opened.page.locator("#record-title").inner_text()
        assert section.locator("h3", has_text="Timeline").count() == 1
        assert section.locator("h3", has_text="Sources").count() == 1

    def test_hovering_a_chart_shows_a_label(self, opened):
        """Hovering a heatmap cell shows the two declarations' titles and their Jaccard."""
        opened.chart("overlap")
        canvas = opened.page.locator("#plot-overlap canvas").first.bounding_box()
        opened.page.mouse.move(canvas["x"] + canvas["width"] * 0.6, canvas["y"] + canvas["height"] * 0.3)
        opened.page.wait_for_timeout(400)
        shown = opened.page.evaluate("""() => [...document.querySelectorAll('.bk-Tooltip')]
            .filter(t => t.checkVisibility()).map(t => (t.shadowRoot || t).textContent).join(' ')""")
        assert "Jaccard" in shown

    def test_date_cursor_lists_the_composition(self, opened):
        """Moving the date cursor to its first day lists each council's members on that day."""
        opened.chart("memberships")
        slider = opened.page.locator("#cursor")
        slider.fill("0")
        day = opened.page.locator("#cursor-date").inner_text()
        assert day and opened.page.locator("#composition h3").first.inner_text().endswith(")")
        assert day in opened.page.locator("#composition").inner_text()

    def test_charts_screenshots(self, opened, tmp_path):
        """Each chart's screenshot has its stored size (within 15%) and is not blank (many colours)."""
        from PIL import Image

        for key in CHARTS:
            shot = opened.chart(key).screenshot()
            (tmp_path / f"chart-{key}.png").write_bytes(shot)
            image = Image.open(io.BytesIO(shot)).convert("RGB")
            width, height = SIZES[key]
            assert abs(image.width - width) <= 0.15 * width and abs(image.height - height) <= 0.15 * height, key
            colours = image.resize((200, 200)).getcolors(40_000)
            assert len(colours) > 50, key


class TestFallbackInChromium:
    def test_static_charts_without_bokeh(self, browser, tmp_path, monkeypatch):
        """Without Bokeh the page still loads cleanly, with matplotlib's images and the hint on the charts."""
        pytest.importorskip("matplotlib")
        monkeypatch.setitem(sys.modules, "bokeh", None)
        path = tmp_path / "static.html"
        path.write_text(render_html(build_report(load(HERE / "golden" / "corpus"), Filters(end="2024-12-31"))),
                        encoding="utf-8")  # fmt: skip
        page = Opened(browser, path)
        images = page.page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
        assert ([], [True] * 4) == (page.problems, images)
        assert "coalitions[explorer]" in page.page.locator("#no-charts").inner_text()
        page.page.close()
