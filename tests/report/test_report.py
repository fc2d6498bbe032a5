"""The report folder: a self-contained page, every table, every chart; refusals and atomicity."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.check.conftest import journal
from tests.journal.cld.factory import F, journey, row, write_cld
from whatmatters.check.backends import journal_table
from whatmatters.check.params import CheckParams
from whatmatters.check.run import TABLES, run_check
from whatmatters.cli import app
from whatmatters.journal import write_journal
from whatmatters.report import writer
from whatmatters.report.page import namespace_ids, plain_and_detail
from whatmatters.report.readings.results import worded
from whatmatters.report.sections import menu
from whatmatters.report.writer import spreadsheet_safe

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_every_table_is_written_as_csv_and_parquet(report: Path, journal_folder: Path) -> None:
    expected = run_check(
        journal_table(journal_folder, "duckdb"),
        CheckParams(change_date=__import__("datetime").date(2024, 1, 1)),
    )
    for name in TABLES:
        parquet = pq.read_table(report / "tables" / f"{name}.parquet")
        table = expected.tables[name]  # the results are written with their method in words
        assert parquet.equals(worded(table) if name == "results" else table), name
        csv = pacsv.read_csv(report / "tables" / f"{name}.csv")
        assert csv.num_rows == parquet.num_rows, name


def test_charts_are_drawn_from_specifications_in_the_page(report: Path) -> None:
    manifest = json.loads((report / "report.json").read_text())
    page = (report / "index.html").read_text()
    assert "timeline" in manifest["charts"]
    assert any(c.startswith("capability_") for c in manifest["charts"])
    specs = dict(
        re.findall(r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>', page)
    )
    for key in manifest["charts"]:
        if key.startswith("process_map"):
            continue
        spec = json.loads(specs[key])
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/"), key
        assert f'data-chart="{key}"' in page, key
    assert json.loads(specs["timeline"])["width"] == "container"
    assert (report / "scripts" / "vega-embed.js").stat().st_size > 100_000
    assert "vegaEmbed" in (report / "scripts" / "draw.js").read_text()


def test_images_are_written_only_when_asked(report: Path, journal_folder: Path, tmp_path) -> None:
    assert json.loads((report / "report.json").read_text())["images"] == [
        "process_map_frequency.svg",
        "process_map_frequency_full.svg",
        "process_map_sides.svg",  # before and after side by side (the report has a change date)
        "process_map_time.svg",
        "process_map_time_full.svg",
        "process_map_time_sides.svg",
    ]
    code, output = run(str(journal_folder), "--out", str(tmp_path / "r"), "--images")
    assert code == 0, output
    manifest = json.loads((tmp_path / "r" / "report.json").read_text())
    for key in manifest["charts"]:
        svg = (tmp_path / "r" / "charts" / f"{key}.svg").read_text()
        assert svg.startswith("<svg"), key
        assert (tmp_path / "r" / "charts" / f"{key}.png").read_bytes().startswith(PNG_MAGIC), key
    assert "process_map_frequency_full.png" in manifest["images"]


def test_the_page_needs_no_network(report: Path) -> None:
    page = (report / "index.html").read_text()
    scripts = re.findall(r"<script\b([^>]*)>", page)
    # no inline script: JSON data blocks, and the folder's own three files
    assert [a for a in scripts if "application/json" not in a] == [
        ' src="scripts/vega-embed.js"',
        ' src="scripts/draw.js"',
        ' src="scripts/zoom.js"',
    ]
    assert "<link" not in page
    assert "@import" not in page
    for attribute, target in re.findall(r'\b(src|href)="([^"]*)"', page):
        assert target.startswith(("#", "tables/", "charts/", "scripts/")), (attribute, target)
    for url in re.findall(r"url\(([^)]*)\)", page):
        assert url.startswith("#"), url
    without_schemas = re.sub(r'"\$schema": "https://vega\.github\.io[^"]*"', "", page)
    assert "http" not in re.sub(r'xmlns(:\w+)?="http[^"]*"', "", without_schemas)


def test_every_figure_is_explained_in_one_sentence(report: Path) -> None:
    page = (report / "index.html").read_text()
    captions = re.findall(r"<figcaption>\s*<h3[^>]*>([^<]*)</h3>\s*<p>([^<]+)</p>", page)
    assert len(captions) == page.count("<figure ")
    for title, sentence in captions:
        assert sentence.strip().endswith((".", ")")), title
    assert 'name="viewport"' in page


def test_svg_ids_are_made_unique_per_chart() -> None:
    svg = '<svg><clipPath id="c1"/><g clip-path="url(#c1)"/><use href="#c1"/></svg>'
    assert namespace_ids(svg, "a") == (
        '<svg><clipPath id="a-c1"/><g clip-path="url(#a-c1)"/><use href="#a-c1"/></svg>'
    )


def test_csv_text_that_a_spreadsheet_would_run_is_neutralised() -> None:
    table = pa.table({"words": ['=HYPERLINK("x")', "+44 7700", "plain", None], "n": [1, 2, 3, 4]})
    safe = spreadsheet_safe(table)
    assert safe["words"].to_pylist() == ['\'=HYPERLINK("x")', "'+44 7700", "plain", None]
    assert safe["n"].to_pylist() == [1, 2, 3, 4]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.output


def test_a_missing_journal_is_one_clear_line(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "nowhere"), "--out", str(tmp_path / "r"))
    assert code == 1
    assert "is not a journal" in output
    assert "Traceback" not in output
    assert not (tmp_path / "r").exists()


def test_a_bad_date_is_refused(journal_folder: Path, tmp_path: Path) -> None:
    code, output = run(str(journal_folder), "--out", str(tmp_path / "r"), "--change-date", "1/4/24")
    assert code == 2
    assert "is not a date like 2024-04-01" in output


def test_a_window_that_ends_before_it_starts_is_refused(
    journal_folder: Path, tmp_path: Path
) -> None:
    code, output = run(
        str(journal_folder),
        "--out",
        str(tmp_path / "r"),
        "--from",
        "2024-05-01",
        "--to",
        "2024-01-01",
    )
    assert code == 2
    assert "starts (2024-05-01) after it ends" in output


def test_a_change_date_after_the_records_end_is_refused(
    journal_folder: Path, tmp_path: Path
) -> None:
    code, output = run(
        str(journal_folder), "--out", str(tmp_path / "r"), "--change-date", "2035-01-01"
    )
    assert code == 1
    assert "the change date 01 Jan 2035 is not inside the window checked" in output
    assert not (tmp_path / "r").exists()


def test_a_timeline_for_someone_not_in_the_records_is_one_clear_line(
    journal_folder: Path, tmp_path: Path
) -> None:
    code, output = run(str(journal_folder), "--out", str(tmp_path / "r"), "--person", "nobody")
    assert code == 1 and "Traceback" not in output
    assert "no one with the person id 'nobody' has events in the window" in output
    assert "ids here look like" in output
    assert not (tmp_path / "r").exists()


def test_an_event_logs_timeline_leaves_out_what_it_does_not_record(
    test_data: Path, tmp_path: Path
) -> None:
    log = test_data / "eventlogs" / "running-example.csv"
    code, output = run(str(log), "--out", str(tmp_path / "r"))
    assert code == 0, output
    page = (tmp_path / "r" / "index.html").read_text()
    assert "records by" in page  # the journey's sentence is there …
    assert not re.search(r"\b0 (workers|teams|assessments|referrals|plans)\b", page)  # … with no 0s


def test_postgres_needs_a_database_url(journal_folder: Path, tmp_path: Path) -> None:
    code, output = run(str(journal_folder), "--out", str(tmp_path / "r"), "--backend", "postgres")
    assert code == 1
    assert "give a database URL" in output


def test_a_folder_that_is_not_a_report_is_not_replaced(
    journal_folder: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    code, output = run(str(journal_folder), "--out", str(precious))
    assert code == 1
    assert "is not a whatmatters report" in output
    assert (precious / "notes.txt").read_text() == "keep me"


def test_a_failed_write_leaves_the_earlier_report(
    report: Path, journal_folder: Path, monkeypatch
) -> None:
    before = (report / "index.html").read_text()

    def broken(folder):
        raise RuntimeError("bundling failed")

    monkeypatch.setattr(writer, "write_scripts", broken)
    with pytest.raises(RuntimeError):
        result = run_check(journal_table(journal_folder, "duckdb"))
        writer.write_report(result, report, source="test")
    assert (report / "index.html").read_text() == before
    assert not [p for p in report.parent.iterdir() if p.name.startswith(".report.")]


def test_an_event_log_is_imported_on_the_fly(test_data: Path, tmp_path: Path) -> None:
    log = test_data / "eventlogs" / "running-example.csv"
    code, output = run(str(log), "--out", str(tmp_path / "r"))
    assert code == 0, output
    people = pq.read_table(tmp_path / "r" / "tables" / "people.parquet")
    assert people.num_rows == 6  # the running example's six cases
    assert "imported for the check" in (tmp_path / "r" / "index.html").read_text()


def test_what_the_records_hold_none_of_is_named_not_charted_as_zeros(tmp_path: Path) -> None:
    steps = [
        dict(person_id=f"case{n}", kind="other", activity=activity, start=start, end=start)
        # two years, so months are followed the 180 days end-to-end time needs to be charted
        for n in range(120)
        for activity, start in (
            ("register", dt.datetime(2024, 1, 1) + dt.timedelta(days=6 * n)),
            ("decide", dt.datetime(2024, 1, 5) + dt.timedelta(days=6 * n + n % 7)),
        )
    ]
    write_journal(tmp_path / "log", [journal(steps)], sources=["log"])
    code, output = run(str(tmp_path / "log"), "--out", str(tmp_path / "r"))
    assert code == 0, output
    page = (tmp_path / "r" / "index.html").read_text()
    # a log records no contacts, care or cost: none of it is drawn as a flat line of zeros
    charts = json.loads((tmp_path / "r" / "report.json").read_text())["charts"]
    assert "capability_end_to_end_days" in charts
    assert "capability_contacts" not in charts and "capability_weekly_cost" not in charts
    assert "Not charted, as the records hold none: contacts, requests" in page
    assert "Not compared, as the records hold none: residential and nursing" in page
    # and the results table is blank there, not a row of zeros to believe
    rows = {
        r["measure"]: r for r in pq.read_table(tmp_path / "r/tables/results.parquet").to_pylist()
    }
    assert (rows["contacts"]["before"], rows["contacts"]["after"]) == (None, None)
    assert rows["contacts"]["method"] == "Not compared: the records hold none of this."
    assert rows["cost_avoidance"]["after"] is None


def test_an_event_log_that_cannot_be_imported_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "export.csv"
    bad.write_text("a,b\n1,2\n")
    code, output = run(str(bad), "--out", str(tmp_path / "r"))
    assert code == 1
    assert "could not be imported as an event log" in output
    assert "whatmatters import events" in output
    assert not (tmp_path / "r").exists()


def test_a_cld_return_is_imported_on_the_fly(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "src/whatmatters/journal/cld/sample"
    code, output = run(str(sample / "cld_r2_sample.csv"), "--out", str(tmp_path / "r"))
    assert code == 0, output
    page = (tmp_path / "r" / "index.html").read_text()
    assert "a CLD return of" in page
    # what a return cannot hold is said plainly: who does each part of a plan, closures
    assert menu.NOT_HELD in page and "a CLD return holds no closures" in page
    sequels = pq.read_table(tmp_path / "r" / "tables" / "sequels.parquet")
    assert sequels.num_rows > 0  # CLD requests and services give SALT-style sequels


def test_rows_a_cld_return_loses_on_the_fly_are_said_in_the_terminal(tmp_path: Path) -> None:
    rows = [*journey(), row("request", {F.EVENT_END_DATE: "31/02/2024"})]
    path = write_cld(tmp_path / "return.csv", rows)
    code, output = run(str(path), "--out", str(tmp_path / "r"))
    assert code == 0, output
    said = " ".join(output.split())
    assert "checked return.csv (a CLD return of 4 rows imported for the check; 1 row" in said
    assert "with errors left out: `whatmatters validate` lists them)" in said


def test_a_cld_return_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "return.csv"
    bad.write_bytes(b"Event Type,Event Start Date\n\xff\xfe\x00garbage\x00\n")
    code, output = run(str(bad), "--out", str(tmp_path / "r"))
    assert code == 1, output
    assert "could not be imported as CLD" in output
    assert "Traceback" not in output
    assert not (tmp_path / "r").exists()


def map_caption(svg: str) -> str:
    return re.search(r'class="caption"[^>]*>([^<]*)<', svg).group(1)


def test_the_process_map_is_readable_and_the_full_map_is_written_beside_it(report: Path) -> None:
    manifest = json.loads((report / "report.json").read_text())
    assert manifest["full_maps"] == ["process_map_frequency_full", "process_map_time_full"]
    page = (report / "index.html").read_text()
    for key in manifest["full_maps"]:
        full = (report / "charts" / f"{key}.svg").read_text()
        assert "all " in map_caption(full)  # the full map shows every step and path
        assert f'href="charts/{key}.svg"' in page
    shown = map_caption((report / "charts" / "process_map_frequency.svg").read_text())
    assert re.search(r"\d+ of \d+ activities \(\d+% of steps\)", shown), shown
    assert "Left out to keep the map readable:" in page


def test_a_map_threshold_given_is_honoured(journal_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    code, output = run(str(journal_folder), "--out", str(out), "--map-threshold", "0")
    assert code == 0, output
    assert json.loads((out / "report.json").read_text())["full_maps"] == []
    svg = (out / "charts" / "process_map_frequency.svg").read_text()
    assert map_caption(svg).startswith("Frequency: how many times each step followed the last; all")


def test_the_page_says_how_the_window_was_chosen(report: Path) -> None:
    page = (report / "index.html").read_text()
    assert "when contacts and requests begin to be recorded steadily" in page


def test_rework_lists_no_step_that_comes_again_by_design(tmp_path: Path) -> None:
    steps = [
        dict(person_id=f"p{n}", kind=kind, activity=kind.title(), start=start, end=start)
        for n in range(30)
        for kind, start in (
            ("assessment", dt.datetime(2024, 1, 1) + dt.timedelta(days=3 * n)),
            ("assessment", dt.datetime(2024, 1, 9) + dt.timedelta(days=3 * n)),
            ("review", dt.datetime(2024, 3, 1) + dt.timedelta(days=3 * n)),
            ("review", dt.datetime(2024, 6, 1) + dt.timedelta(days=3 * n)),
        )
    ]
    write_journal(tmp_path / "j", [journal(steps)], sources=["test"])
    code, output = run(str(tmp_path / "j"), "--out", str(tmp_path / "r"))
    assert code == 0, output
    page = (tmp_path / "r" / "index.html").read_text()
    figure = page[page.index('id="rework"') :]
    figure = figure[: figure.index("</figure>")]
    assert "“Assessment” was done more than once for 30 people" in figure
    assert "come again by design" in figure and "<td>Review</td>" not in figure


def test_a_missing_sqlite_database_is_named_as_such(tmp_path: Path) -> None:
    code, output = run(
        str(tmp_path / "nope.sqlite3"), "--backend", "sqlite", "--out", str(tmp_path / "r")
    )
    assert code == 1 and "there is no SQLite database or journal at" in output


def test_a_capability_sentence_is_one_plain_sentence_with_its_signals_apart() -> None:
    plain, detail = plain_and_detail(
        "Since January 2024: not predictable, averaging 16 (before: averaging 14); signs of "
        "change: 1 month below the lower limit, in September 2024; limits are provisional."
    )
    assert plain == "Since January 2024: not predictable, averaging 16 (before: averaging 14)."
    assert detail == (
        "Signs of change: 1 month below the lower limit, in September 2024. Limits are provisional."
    )
    assert plain_and_detail("Predictably between 1 and 2 days.") == (
        "Predictably between 1 and 2 days.",
        "",
    )


def test_capability_charts_keep_their_signals_in_an_expandable_part(report: Path) -> None:
    page = (report / "index.html").read_text()
    assert '<details class="signals"><summary>Signs of change and limits</summary>' in page
