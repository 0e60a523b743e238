"""The HTML report opened in a real headless browser (Debian's chromium), where one is installed.

The test talks to the browser over the DevTools protocol on a pipe (``--remote-debugging-pipe``: file descriptors
3 and 4, JSON messages ending in NUL), so it needs no network port and no extra Python package. It collects every
console message, uncaught exception and log entry (a refused resource, a content-security-policy violation) while
the page loads, checks what the page shows, and saves a screenshot under the test's temporary directory.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from coalitions import load
from coalitions.report.formats import render
from coalitions.report import Filters, build_report

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium installed (apt-get install chromium; .ci/run installs it when it can)"
)

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe", "--window-size=1280,2000")  # fmt: skip

#: What the page reports about itself once loaded.
PROBE = """JSON.stringify({
  tables: [...document.querySelectorAll('table')].map(t => t.id),
  images: [...document.images].map(i => [i.closest('figure').id, i.complete, i.naturalWidth]),
  scripts: document.scripts.length,
  hostile: [...document.querySelectorAll('td')].some(td => td.textContent.includes('<script>alert(1)</script>')),
  links: [...document.links].filter(a => !a.getAttribute('href').startsWith('#')).map(a => a.protocol),
  hint: !!document.getElementById('no-charts'),
})"""


class Browser:
    """A headless chromium driven over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser_r, self._write = os.pipe()
        self._read, from_browser_w = os.pipe()

        def wire() -> None:  # in the child: the browser reads commands on fd 3 and writes answers on fd 4
            commands, answers = os.dup(to_browser_r), os.dup(from_browser_w)  # safe even if either is 3 or 4
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=wire,  # noqa: PLW1509 - dup2 only
        )  # fmt: skip
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 60) -> dict[str, Any]:  # fmt: skip
        """Send a command and return its result; events that arrive meanwhile are kept in ``events``."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(timeout)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def receive(self, timeout: float) -> dict[str, Any]:
        """The next message from the browser (raising TimeoutError after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message)
        return message

    def wait_for(self, method: str, timeout: float = 60) -> None:
        """Wait until the event ``method`` has arrived."""
        while not any(e["method"] == method for e in self.events):
            self.receive(timeout)

    def close(self) -> None:
        """Close the browser (and wait for it)."""
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)


def open_page(path: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str], bytes]:
    """Load ``path``; return what the page reports, the problems the browser logged, and a PNG screenshot."""
    browser = Browser(tmp_path / "profile")
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session=session)
        browser.events.clear()
        browser.send("Page.navigate", {"url": path.as_uri()}, session=session)
        browser.wait_for("Page.loadEventFired")
        probe = browser.send("Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session)
        shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                            session=session)  # fmt: skip
        problems = []
        for event in browser.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                problems.append(f"{details.get('text')}: {details.get('exception', {}).get('description', '')}")
            elif event["method"] == "Runtime.consoleAPICalled":
                problems.append(f"console.{params['type']}: {json.dumps(params.get('args'))[:300]}")
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                problems.append(f"log {params['entry']['level']}: {params['entry']['text']}")
        return json.loads(probe["result"]["value"]), problems, base64.b64decode(shot["data"])
    finally:
        browser.close()


def test_the_detector_sees_console_errors(tmp_path):
    """The browser harness reports console errors and exceptions (so a clean report below means something)."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><figure id="f"><img src="x.png"></figure><table id="t"></table>'
                    '<script>console.error("boom"); notDefined();</script>')  # fmt: skip
    _, problems, _ = open_page(page, tmp_path)
    assert any("boom" in p for p in problems) and any("notDefined" in p for p in problems)


def test_html_report_in_a_browser(tmp_path):
    """The HTML report loads with no console error, shows its tables and its four charts, escapes a hostile
    name, and is screenshotted under the test's temporary directory."""
    pytest.importorskip("matplotlib")
    corpus = load(Path(__file__).parent / "golden" / "corpus")
    page = tmp_path / "report.html"
    page.write_text(render(build_report(corpus, Filters(end="2024-12-31")), "html"), encoding="utf-8")
    seen, problems, screenshot = open_page(page, tmp_path)
    (tmp_path / "report.png").write_bytes(screenshot)
    assert [] == problems
    assert {"declarations", "organisations", "council-changes", "overlap", "partners", "unity"} <= set(
        seen["tables"]
    )
    charts = {figure: (complete, width > 0) for figure, complete, width in seen["images"]}
    expected = {f"chart-{k}": (True, True) for k in ("memberships", "overlap", "network", "unity")}
    assert expected == charts
    assert (0, True, False) == (seen["scripts"], seen["hostile"], seen["hint"])
    assert set(seen["links"]) <= {"https:", "http:"}
    assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 10_000


def test_html_report_without_matplotlib_in_a_browser(tmp_path, monkeypatch):
    """Without matplotlib the page still loads cleanly, with tables and the hint on how to get the charts."""
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    corpus = load(Path(__file__).parent / "golden" / "corpus")
    page = tmp_path / "report.html"
    page.write_text(render(build_report(corpus, Filters(end="2024-12-31")), "html"), encoding="utf-8")
    seen, problems, _ = open_page(page, tmp_path)
    assert ([], [], True) == (problems, seen["images"], seen["hint"])
