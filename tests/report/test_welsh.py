"""The report in Welsh: one catalogue, every message translated, no English left.

The catalogue (``report/readings/locale/cy/LC_MESSAGES/report.po``) must
hold every message the report can say, each translated, with the same
named values; the Welsh report of a generated council must say none of the
catalogue's English.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import polib
from typer.testing import CliRunner

from whatmatters import language
from whatmatters.cli import app
from whatmatters.report.readings import messages
from whatmatters.words import date, plural

CATALOGUE = messages.catalogue_path("cy")
NAMED = re.compile(r"\{(\w*)[^}]*\}|%\((\w+)\)s")


def entries() -> list[polib.POEntry]:
    return list(polib.pofile(str(CATALOGUE)))


def test_every_message_the_report_says_is_in_the_welsh_catalogue_and_translated():
    held = {(e.msgctxt, e.msgid): e for e in entries()}
    missing = [m.key for m in messages.collected() if m.key not in held]
    assert missing == [], "run python -m whatmatters.report.readings.messages, then translate"
    untranslated = [key for key, e in held.items() if not e.translated()]
    assert untranslated == []


def test_no_message_is_kept_that_the_report_no_longer_says():
    said = {m.key for m in messages.collected()}
    assert [key for key in ((e.msgctxt, e.msgid) for e in entries()) if key not in said] == []


def test_a_translation_names_no_value_its_english_does_not_give():
    for entry in entries():
        given = {a or b for a, b in NAMED.findall(entry.msgid + (entry.msgid_plural or ""))}
        for said in [entry.msgstr, *entry.msgstr_plural.values()]:
            used = {a or b for a, b in NAMED.findall(said)}
            assert used <= given, (entry.msgid, said)


def test_the_compiled_catalogue_matches_its_source(tmp_path: Path):
    compiled = tmp_path / "report.mo"
    polib.pofile(str(CATALOGUE)).save_as_mofile(str(compiled))
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes(), (
        "run python -m whatmatters.report.readings.messages"
    )


def test_dates_counts_and_words_follow_the_language():
    import datetime as dt

    day = dt.date(2024, 3, 2)
    assert (date(day), plural(2, "week"), plural(3, "record")) == (
        "2 Mar 2024",
        "2 weeks",
        "3 records",
    )
    with language.use("cy"):
        assert date(day) == "2 Maw 2024"
        assert plural(2, "record") == "2 gofnod"  # soft mutation after "dau"
        assert plural(3, "person", "people") == "3 o bobl"
    assert language.current() == "en"


def test_chart_axes_have_a_short_name_for_each_day_in_either_language():
    from whatmatters.report.charts import time_locale

    assert time_locale()["shortDays"][:2] == ["Sun", "Mon"]
    with language.use("cy"):
        short = time_locale()["shortDays"]
    # not the first three letters of "Dydd Sul", "Dydd Llun", … (all "Dyd")
    assert short[:2] == ["Sul", "Llun"] and len(set(short)) == 7


def test_a_language_the_report_is_not_written_in_is_refused_in_one_line(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--out", str(tmp_path / "out"), "--language", "fr"]
    )
    assert result.exit_code == 2
    assert "not written in 'fr'" in result.output and "cy (Cymraeg)" in result.output
    assert not (tmp_path / "out").exists()


def test_regional_codes_are_their_language():
    assert [language.choose(c) for c in ("cy", "CY-gb", "en-gb", "en")] == ["cy", "cy", "en", "en"]


# The Welsh report


def page_text(report: Path) -> list[str]:
    """The page's words: every text node and attribute a reader or screen reader meets."""
    page = (report / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title)="([^"]*)"', page)
    texts = re.split(r"<[^>]+>", page)
    return [html.unescape(t).strip() for t in [*texts, *attributes] if t.strip()]


SHOWN = {"title", "subtitle", "description", "text", "months", "shortMonths", "days"}
"""Specification keys whose strings a reader sees (titles, labels, the locale's names)."""
OUR_DATA = {"label", "shows", "said", "kind", "rule", "within", "demand"}
"""Data fields the report writes in its own words (the rest are the council's records)."""


def spec_words(report: Path) -> list[str]:
    """Every string of the charts' specifications that a reader sees, but the records' own."""
    page = (report / "index.html").read_text(encoding="utf-8")
    found: list[str] = []

    def walk(value, key: str = "", shown: bool = False) -> None:
        if isinstance(value, str) and shown:
            found.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k, k in SHOWN)
        elif isinstance(value, list):
            for v in value:
                walk(v, key, shown)

    for spec in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S):
        drawn = json.loads(spec)
        walk({k: v for k, v in drawn.items() if k not in ("data", "datasets")})
        for row in rows_of(drawn):
            found.extend(str(row[k]) for k in OUR_DATA & row.keys() if row[k] is not None)
    return found


def rows_of(spec: dict) -> list[dict]:
    """A chart's rows: every chart keeps them as named datasets (``drawing.Datasets``)."""
    assert '"data": {"values"' not in json.dumps(spec), "a chart's rows are inline, not named"
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def english_pieces(entry: polib.POEntry) -> list[str]:
    """The runs of plain English in a message, between its named values."""
    pieces = NAMED.split(entry.msgid)[::3]
    return [
        p.strip(" ;:,.()") for p in pieces if len(p.strip(" ;:,.()")) >= 12 and " " in p.strip()
    ]


def english_left(report: Path) -> list[str]:
    """The catalogue's English found in a report: phrases anywhere, short labels whole."""
    text = "\n".join(page_text(report))
    words = set(page_text(report)) | set(spec_words(report))
    welsh = [e for e in entries() if e.msgstr != e.msgid and not e.msgid_plural]
    phrases = {piece for e in welsh for piece in english_pieces(e)}
    found = [p for p in phrases if p in text or any(p in w for w in words)]
    # single words and short labels (headings, column heads, axis titles) as whole texts
    labels = {e.msgid for e in welsh} - {e.msgstr for e in welsh}
    return sorted(found) + sorted(w for w in words if w in labels)


def test_the_welsh_report_says_no_english_from_the_catalogue(report: Path, welsh_report: Path):
    assert english_left(welsh_report) == []
    assert len(english_left(report)) > 100  # the scan finds the English where it is


def test_the_welsh_report_is_marked_welsh_and_dated_in_welsh(welsh_report: Path):
    page = (welsh_report / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    assert "<h1>Dilyn y gwaith drwy&#39;r system</h1>" in page
    assert re.search(r"\d+ (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) \d{4}", page)
    assert not re.search(r"\b\d+ (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}", page)
    assert not re.search(r"\b(January|February|March|April|June|July|August|September) \d{4}", page)
    assert json.loads((welsh_report / "report.json").read_text())["language"] == "cy"


def test_the_welsh_charts_name_their_months_and_legends_in_welsh(welsh_report: Path):
    page = (welsh_report / "index.html").read_text(encoding="utf-8")
    specs = [
        json.loads(s)
        for s in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    ]
    assert specs and all(s["config"]["locale"]["time"]["shortMonths"][0] == "Ion" for s in specs)
    timeline = next(s for s in specs if "P0" in s.get("description", ""))
    kinds = {row["kind"] for row in rows_of(timeline) if "kind" in row}
    assert "asesiad" in kinds and "assessment" not in kinds


def test_the_welsh_report_holds_the_same_tables_as_the_english(report: Path, welsh_report: Path):
    def tables(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}

    assert tables(welsh_report) == tables(report)


def test_words_kept_in_a_constant_are_collected_when_marked():
    source = 'NOTE = N_("Kept for later.")\nsaid = _(NOTE)\nplain = "Not marked."\n'
    assert [m.text for m in messages.in_python(source)] == ["Kept for later."]
    with language.use("cy"):
        assert language.N_("Kept for later.") == "Kept for later."  # said later, with _
