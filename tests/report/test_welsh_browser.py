"""The Welsh report opens offline in headless Chromium: Welsh headings, charts drawn, no
serious accessibility issue, Welsh text that fits its charts and a phone's width."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.report.test_report_browser import (
    AXE,
    TEXT_PROBLEMS,
    TOO_WIDE,
    in_browser,
    open_offline,
    serious_axe_violations,
)
from whatmatters.language import _, use
from whatmatters.words import short_months

pytestmark = pytest.mark.browser


def welsh(message: str) -> str:
    with use("cy"):
        said = _(message)
    assert said != message, f"no Welsh for {message!r}"
    return said


def test_the_welsh_report_opens_offline_with_welsh_headings_and_its_charts_drawn(
    welsh_report: Path,
) -> None:
    in_browser(lambda browser: drawn_in_welsh(browser, welsh_report))


def drawn_in_welsh(browser, report: Path) -> None:
    context, page, asked, failed = open_offline(browser, report, 1280)
    try:
        assert page.locator("html").get_attribute("lang") == "cy"
        assert page.locator("h1").inner_text() == welsh("Following the work through the system")
        headings = page.locator("h2").all_inner_texts()
        for title in (
            "Capability: what the system predictably does",
            "Results: before and after",
        ):
            assert welsh(title) in headings, headings
        charts = json.loads((report / "report.json").read_text())["charts"]
        assert charts and page.locator("[data-chart].failed").count() == 0
        for key in charts:
            # the outermost drawing (a before-and-after map holds one map a side inside it)
            svg = page.locator(f"figure#{key} .chart svg:not(svg svg)")
            assert svg.count() == 1 and svg.is_visible(), key
            assert svg.locator("path, rect, circle, text").count() > 5, key
        # the charts' own words are Welsh: their time axes name the months in Welsh
        with use("cy"):
            welsh_months = set(short_months())
        english_months = set(short_months()) - welsh_months
        labels = page.locator("figure[id^=capability_] .drawing svg text").all_text_contents()
        months = {t.split()[0] for t in labels if re.fullmatch(r"\w+ \d{4}", t)}
        assert months and months <= welsh_months and not months & english_months, labels
        assert page.locator(".fallback:visible").count() == 0
        assert asked == [] and failed == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_an_axe_scan_of_the_welsh_report_finds_no_serious_issue(
    welsh_report: Path, width: int
) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci")
    in_browser(lambda browser: axe_and_fit(browser, welsh_report, width))


def axe_and_fit(browser, report: Path, width: int) -> None:
    context, page, _, _ = open_offline(browser, report, width)
    try:
        assert serious_axe_violations(page) == []
        # Welsh runs longer than English: its chart text must still fit, and the page the screen
        assert page.evaluate(TEXT_PROBLEMS) == []
        assert page.evaluate(TOO_WIDE) == []
    finally:
        context.close()
