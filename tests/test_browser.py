"""The HTML report in a real browser: Debian's Chromium, driven by Playwright.

The browser is ``$SLANT_CHROMIUM`` or ``/usr/bin/chromium`` (``apt-get install chromium``;
``make test`` installs it where it can). Playwright never downloads a browser here. When no
browser can be found the tests are skipped with a loud reason -- except in CI (``CI`` set),
where they fail instead, because there they must run.

Screenshots go to ``screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SEED_RELATIVE = "corpus/article/000_538137e8ce602f76.txt"
SCREENSHOTS = ROOT / "screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
#: Without the background-networking switches Chromium tries to reach Google's services at
#: start-up; the report must not need any network, so nothing is allowed out.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "sudo apt-get install chromium"


def chromium_path() -> str | None:
    """The browser to use, or None when there is none."""
    candidate = os.environ.get("SLANT_CHROMIUM") or DEFAULT_CHROMIUM
    path = Path(candidate)
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


def _no_browser(reason: str) -> None:
    message = (
        f"BROWSER TESTS NOT RUN: {reason}. The HTML report was NOT checked in a browser; "
        f"install Debian's Chromium with `{INSTALL_HINT}` (or set SLANT_CHROMIUM)."
    )
    if os.environ.get("CI"):
        pytest.fail(message + " In CI these tests must run.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        where = os.environ.get("SLANT_CHROMIUM") or DEFAULT_CHROMIUM
        _no_browser(f"no Chromium at {where}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed (pip install -e '.[browser]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """``slant analyze SEED --json --html`` once per session (shared with test_cli if run)."""
    folder = tmp_path_factory.getbasetemp() / "shared-seed-run"
    record_path, report = folder / "analysis.json", folder / "report.html"
    if not (record_path.is_file() and report.is_file()):
        folder.mkdir(exist_ok=True)
        script = Path(sys.executable).with_name("slant")
        base = [str(script)] if script.exists() else [sys.executable, "-m", "slant"]
        done = subprocess.run(
            [*base, "analyze", SEED_RELATIVE, "--json", "--html", str(report)],
            capture_output=True,
            cwd=ROOT,
            check=False,
            timeout=240,
        )
        assert done.returncode == 0, done.stderr.decode()
        record_path.write_bytes(done.stdout)
    return json.loads(record_path.read_text(encoding="utf-8")), report


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    return _seed_outputs(tmp_path_factory)


@pytest.fixture
def page(browser: Any, seed: tuple[dict[str, Any], Path]) -> Iterator[Any]:
    """The seed report opened from disk, with every console message and request recorded."""
    _, report = seed
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.messages = []
    tab.requests = []
    tab.on("console", lambda m: tab.messages.append((m.type, m.text)))
    tab.on("pageerror", lambda e: tab.messages.append(("pageerror", str(e))))
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.goto(report.resolve().as_uri())
    try:
        yield tab
    finally:
        context.close()


def test_report_opens_without_errors_or_network(
    page: Any, seed: tuple[dict[str, Any], Path]
) -> None:
    _, report = seed
    assert [m for m in page.messages if m[0] in ("error", "pageerror", "warning")] == []
    assert page.requests == [report.resolve().as_uri()]
    assert page.title().startswith("slant report: ")


def test_highlights_in_the_page_equal_the_json(
    page: Any, seed: tuple[dict[str, Any], Path]
) -> None:
    record, _ = seed
    expected = len(record["highlights"])
    assert expected > 0
    unique = page.evaluate(
        "new Set([...document.querySelectorAll('mark[data-highlight]')]"
        ".map(m => m.dataset.highlight)).size"
    )
    focusable = page.evaluate("document.querySelectorAll('mark[tabindex=\"0\"]').length")
    assert unique == focusable == expected
    ids = page.evaluate("[...document.querySelectorAll('mark[tabindex=\"0\"]')].map(m => m.id)")
    assert ids == [h["id"] for h in record["highlights"]]


def test_keyboard_reaches_a_highlight_and_it_explains_itself(
    page: Any, seed: tuple[dict[str, Any], Path]
) -> None:
    record, _ = seed
    first = record["highlights"][0]
    note = page.locator(f"#{first['id']}-note")
    assert note.is_hidden()
    for _ in range(60):  # the skip link and the section links come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    else:
        pytest.fail("no highlight was reached with the Tab key")
    assert page.evaluate("document.activeElement.id") == first["id"]
    assert note.is_visible()
    shown = note.inner_text()
    for line in first["notes"]:
        assert line.rstrip(". ") in shown
    box = note.bounding_box()
    assert box is not None
    assert box["width"] > 50
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(f"#{first['id']}").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "report-focused-highlight.png"))
    page.keyboard.press("Tab")
    assert note.is_hidden()


def test_hover_explains_a_highlight(page: Any, seed: tuple[dict[str, Any], Path]) -> None:
    record, _ = seed
    plain = page.evaluate(
        "[...document.querySelectorAll('mark[tabindex=\"0\"]')]"
        ".filter(m => !m.querySelector('mark')).map(m => m.id)"
    )
    target = next(h for h in record["highlights"] if h["id"] in plain)
    note = page.locator(f"#{target['id']}-note")
    assert note.is_hidden()
    page.locator(f"#{target['id']}").hover()
    assert note.is_visible()


def test_figures_render_and_print_numbers_the_highlights(page: Any) -> None:
    widths = page.evaluate(
        "[...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().width)"
    )
    assert len(widths) >= 4
    assert min(widths) > 300
    page.emulate_media(media="print")
    after = page.evaluate("getComputedStyle(document.getElementById('h1'), '::after').content")
    assert after == '"[1]"'
    assert page.locator("nav").is_hidden()


def test_full_page_screenshot(page: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "report.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 50_000
