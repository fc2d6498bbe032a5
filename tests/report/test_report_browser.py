"""The report opens in headless Chromium with every network request blocked.

Charts (drawn in the page by the bundled vega-embed) and process maps must
be drawn (visible, with marks in them), points must show their values on
hover, nothing outside the report folder may be fetched, and the page must
fit a phone's width. Without scripts each chart's sentence stands in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]


def in_browser(check: Callable[[Any], None]) -> None:
    """Run ``check(browser)`` with a fresh headless Chromium, in a thread of its own.

    Playwright's sync API refuses to start where an event loop runs (another
    test module may hold one for the whole session); a new thread has none.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is needed at {CHROMIUM} (scripts/install-test-needs)")

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                check(chromium)
            finally:
                chromium.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def open_offline(browser, report: Path, width: int, *, scripts: bool = True, touch: bool = False):
    """A page with the report loaded and its charts drawn; every request outside its folder
    is refused. ``touch``: a phone's touch screen."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        offline=True,
        java_script_enabled=scripts,
        has_touch=touch,
    )
    asked: list[str] = []

    def refuse(route) -> None:
        url = route.request.url
        if url.startswith(report.as_uri() + "/"):
            route.continue_()
        else:
            asked.append(url)
            route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((report / "index.html").as_uri(), wait_until="load")
    if scripts:
        page.wait_for_function(
            "[...document.querySelectorAll('[data-chart]')]"
            ".every(c => c.matches('.drawn, .failed'))",
            timeout=60_000,
        )
    return context, page, asked, failed


def test_charts_and_maps_render_with_the_network_off(report: Path) -> None:
    in_browser(lambda browser: charts_render(browser, report))


def charts_render(browser, report: Path) -> None:
    context, page, asked, failed = open_offline(browser, report, 1280)
    try:
        charts = json.loads((report / "report.json").read_text())["charts"]
        assert page.locator("[data-chart].failed").count() == 0
        for key in charts:
            # the outermost drawing (a before-and-after map holds one map a side inside it)
            svg = page.locator(f"figure#{key} .chart svg:not(svg svg)")
            assert svg.count() == 1, key
            assert svg.is_visible(), key
            box = svg.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50, key
            assert svg.locator("path, rect, circle, text").count() > 5, key
        process_map = page.locator("figure#process_map_frequency svg")
        assert process_map.get_by_text("Assessment", exact=True).count() >= 1
        assert page.locator("#results .result .drawing svg").count() >= 5
        assert page.locator(".fallback:visible").count() == 0
        assert asked == [] and failed == []
    finally:
        context.close()


def test_a_point_shows_its_value_period_and_signal_on_hover(report: Path) -> None:
    in_browser(lambda browser: tooltips_show(browser, report))


def tooltips_show(browser, report: Path) -> None:
    context, page, _, _ = open_offline(browser, report, 1366)
    try:
        figure = page.locator("figure[id^=capability_]").first
        figure.scroll_into_view_if_needed()
        point = figure.locator(".drawing svg .mark-symbol path").first
        point.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=10_000)
        text = tooltip.inner_text()
        for field in ("period", "shows", "rule"):
            assert field in text, text
        assert any(ch.isdigit() for ch in text), text
    finally:
        context.close()


def test_without_scripts_each_chart_keeps_its_sentence_and_table(report: Path) -> None:
    in_browser(lambda browser: without_scripts(browser, report))


def without_scripts(browser, report: Path) -> None:
    context, page, _, _ = open_offline(browser, report, 1366, scripts=False)
    try:
        fallback = page.locator("figure#timeline .fallback")
        assert fallback.is_visible()
        assert "tables/timeline.csv" in fallback.locator("a").get_attribute("href")
        assert page.locator("figure#process_map_frequency svg").is_visible()
        # zoom needs the scripts: without them the map scrolls sideways, with no dead buttons
        assert page.locator("figure#process_map_frequency .map-zoom").is_hidden()
    finally:
        context.close()


def test_the_page_fits_a_phone(report: Path) -> None:
    in_browser(lambda browser: fits_a_phone(browser, report))


def fits_a_phone(browser, report: Path) -> None:
    context, page, _, _ = open_offline(browser, report, 390)
    try:
        body_width = page.evaluate("document.body.scrollWidth")
        assert body_width <= 390
        heading = page.locator("h1")
        assert heading.is_visible()
    finally:
        context.close()


def test_a_process_map_zooms_and_pans_on_a_phone(report: Path) -> None:
    in_browser(lambda browser: zooms_and_pans(browser, report))


MAP = "#process_map_frequency-map"


def map_width(page) -> float:
    return page.evaluate(f"document.querySelector('{MAP} svg').getBoundingClientRect().width")


def zooms_and_pans(browser, report: Path) -> None:
    """On a 390 px phone: buttons, keys and a two-finger pinch zoom the map; it pans inside
    its own box (keys, one finger, scrolling); "Whole map" brings all of it into view."""
    context, page, _, _ = open_offline(browser, report, 390, touch=True)
    try:
        tools = page.locator("figure#process_map_frequency .map-zoom")
        assert tools.is_visible()
        assert "pinch" in tools.locator(".hint").inner_text()  # the visible cue
        box = page.locator(MAP)
        drawn = float(box.locator("svg").get_attribute("width"))
        start = map_width(page)

        tools.get_by_role("button", name="Zoom in").click()
        zoomed = map_width(page)
        assert zoomed == pytest.approx(start * 1.5, rel=0.02)
        assert page.evaluate(f"document.querySelector('{MAP}').scrollWidth") > 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # only the map moves

        box.focus()
        before = page.evaluate(f"document.querySelector('{MAP}').scrollLeft")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"document.querySelector('{MAP}').scrollLeft > {before}", timeout=5_000
        )
        page.keyboard.press("+")
        assert map_width(page) == pytest.approx(zoomed * 1.5, rel=0.02)
        page.keyboard.press("-")
        assert map_width(page) == pytest.approx(zoomed, rel=0.02)

        page.keyboard.press("0")  # the whole map: as wide as its box, all of it in view
        whole = map_width(page)
        assert whole <= page.evaluate(f"document.querySelector('{MAP}').clientWidth") + 1
        assert whole < drawn
        assert tools.get_by_role("button", name="Zoom out").is_disabled()

        pinch(page, box, apart=(60, 240))
        assert map_width(page) == pytest.approx(whole * 4, rel=0.05)
        assert page.evaluate(TOO_WIDE) == []  # scrolls with its cue, nothing else wider
    finally:
        context.close()


def pinch(page, box, apart: tuple[float, float]) -> None:
    """Two fingers on the map, moved from ``apart[0]`` to ``apart[1]`` pixels apart."""
    frame = box.bounding_box()
    x, y = frame["x"] + frame["width"] / 2, frame["y"] + min(frame["height"], 300) / 2
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, gap: float) -> None:
        points = [{"x": x - gap / 2, "y": y, "id": 0}, {"x": x + gap / 2, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", apart[0])
    steps = 6
    for i in range(1, steps + 1):
        touch("touchMove", apart[0] + (apart[1] - apart[0]) * i / steps)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


# Every drawn chart's text: boxes outside their chart, and pairs of boxes that overlap.
TEXT_PROBLEMS = """() => {
  const problems = [];
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
    && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const chart of document.querySelectorAll('[data-chart] .drawing svg')) {
    const key = chart.closest('[data-chart]').dataset.chart;
    const frame = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && getComputedStyle(t).opacity !== '0')
      .map(t => ({ text: t.textContent, box: t.getBoundingClientRect() }))
      .filter(t => t.box.width > 0);
    for (const t of texts) {
      if (!inside(t.box, frame)) problems.push(`${key}: "${t.text}" outside its chart`);
    }
    texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
      if (overlap(a.box, b.box)) problems.push(`${key}: "${a.text}" overlaps "${b.text}"`);
    }));
  }
  return problems;
}"""

# Elements wider than the viewport (their box, or their content without a scrolling box).
TOO_WIDE = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('main *')) {
    const box = el.getBoundingClientRect();
    const scrolled = el.closest('.table-wrap, .chart');
    if (box.right > width + 1 && !(scrolled && scrolled !== el)) {
      problems.push(`${el.tagName}.${el.className.baseVal ?? el.className} is wider than the page`);
    }
  }
  for (const box of document.querySelectorAll('.table-wrap, .chart')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      const style = getComputedStyle(box);
      if (style.overflowX !== 'auto' || !style.backgroundImage.includes('gradient')) {
        problems.push(`${box.className} scrolls with no cue`);
      }
    }
  }
  return [...new Set(problems)];
}"""


@pytest.mark.parametrize("width", [1366, 390])
def test_chart_text_fits_and_nothing_is_wider_than_the_screen(report: Path, width: int) -> None:
    in_browser(lambda browser: legible(browser, report, width))


def legible(browser, report: Path, width: int) -> None:
    context, page, _, _ = open_offline(browser, report, width)
    try:
        assert page.evaluate(TEXT_PROBLEMS) == []
        assert page.evaluate(TOO_WIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", [1366, 390])
def test_an_axe_scan_finds_no_serious_issue(report: Path, width: int) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci")
    in_browser(lambda browser: axe_scan(browser, report, width))


def serious_axe_violations(page) -> list[str]:
    """What axe finds serious or critical on the open page, each with where it is."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def axe_scan(browser, report: Path, width: int) -> None:
    context, page, _, _ = open_offline(browser, report, width)
    try:
        assert serious_axe_violations(page) == []
    finally:
        context.close()


def test_filters_choose_a_side_and_a_team_from_the_keyboard(report: Path) -> None:
    in_browser(lambda browser: filters_work(browser, report))


def _marks(figure, mark: str) -> int:
    return figure.locator(f".drawing svg .mark-{mark} path").count()


def filters_work(browser, report: Path) -> None:
    context, page, asked, failed = open_offline(browser, report, 390)
    try:
        bars = page.locator("figure#value_failure_sides")
        both = _marks(bars, "rect")
        side = bars.get_by_role("combobox", name=re.compile("^Side of the change"))
        side.focus()  # a labelled select box, reached and changed from the keyboard
        page.keyboard.press("ArrowDown")  # both sides -> before only
        assert side.input_value() == "before"
        page.wait_for_function(
            "n => document.querySelectorAll("
            "'figure#value_failure_sides .drawing svg .mark-rect path').length < n",
            arg=both,
        )
        assert 0 < _marks(bars, "rect") < both

        matrix = page.locator("figure#team_handoffs")
        cells = _marks(matrix, "rect")
        team = matrix.get_by_role("combobox", name=re.compile("^Team"))
        team.select_option(index=1)
        page.wait_for_function(
            "n => document.querySelectorAll("
            "'figure#team_handoffs .drawing svg .mark-rect path').length < n",
            arg=cells,
        )
        matrix.get_by_role("combobox", name=re.compile("^Side of the change")).select_option(
            "after"
        )
        assert _marks(matrix, "rect") > 0
        assert page.evaluate(TEXT_PROBLEMS) == []
        assert asked == [] and failed == []
    finally:
        context.close()
