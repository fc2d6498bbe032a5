"""CSV in the forms spreadsheets write it, Parquet with typed columns, provenance."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute
import pyarrow.parquet as pq

from whatmatters.journal.eventlog import EventColumns, LogFormat, import_events
from whatmatters.journal.store import read_journal

from .conftest import write_xes


def journal(path: Path) -> list[dict]:
    return read_journal(path).to_pylist()


def test_parquet_with_typed_timestamps_and_numbers(tmp_path: Path) -> None:
    plus_one = timezone(timedelta(hours=1))
    table = pa.table(
        {
            "case:concept:name": pa.array([17, 17, 18]),
            "concept:name": ["assess", "visit", "assess"],
            "time:timestamp": pa.array(
                [
                    datetime(2024, 3, 1, 10, tzinfo=plus_one),
                    datetime(2024, 3, 2, 10, tzinfo=plus_one),
                    datetime(2024, 3, 3, 10, tzinfo=plus_one),
                ],
                pa.timestamp("ms", tz="+01:00"),
            ),
            "org:resource": ["Ann", None, "Bo"],
            "cost": [1.5, 2.0, 3.0],
        }
    )
    pq.write_table(table, tmp_path / "log.parquet")
    result = import_events(tmp_path / "log.parquet", tmp_path / "j")
    assert result.format is LogFormat.PARQUET and (result.events, result.cases) == (3, 2)
    first = journal(tmp_path / "j")[0]
    assert first["person_id"] == "17" and first["worker"] == "Ann"
    assert first["start"] == datetime(2024, 3, 1, 9)  # +01:00 → UTC
    assert first["source_row"] == 1  # Parquet rows count from 1
    assert result.aside == {"cost": 3}


def test_parquet_with_naive_and_text_timestamps(tmp_path: Path) -> None:
    table = pa.table(
        {
            "case": ["P1", "P1"],
            "step": ["assess", "visit"],
            "from": pa.array([datetime(2024, 3, 1, 9), datetime(2024, 3, 2, 9)]),
            "to": ["2024-03-01T10:00:00+00:00", None],
        }
    )
    pq.write_table(table, tmp_path / "log.parquet")
    columns = EventColumns(person="case", activity="step", start="from", end="to")
    import_events(tmp_path / "log.parquet", tmp_path / "j", columns=columns)
    rows = journal(tmp_path / "j")
    assert [(r["start"], r["end"]) for r in rows] == [
        (datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 10)),
        (datetime(2024, 3, 2, 9), None),
    ]


def test_csv_from_excel_windows_1252_semicolons_and_dates_day_first(tmp_path: Path) -> None:
    text = "Client;Activité;Date\r\nP1;Café visit;01/03/2024 09:30\r\nP1;Review;02/03/2024\r\n"
    (tmp_path / "log.csv").write_bytes(text.encode("cp1252"))
    columns = EventColumns(person="Client", activity="Activité", start="Date")
    result = import_events(tmp_path / "log.csv", tmp_path / "j", columns=columns)
    assert result.encoding == "cp1252"
    rows = journal(tmp_path / "j")
    assert [(r["activity"], r["start"]) for r in rows] == [
        ("Café visit", datetime(2024, 3, 1, 9, 30)),
        ("Review", datetime(2024, 3, 2)),
    ]


def test_csv_with_bom_quoted_newlines_and_blank_lines_keeps_spreadsheet_rows(
    tmp_path: Path,
) -> None:
    text = (
        "case:concept:name,concept:name,time:timestamp,note\n"
        'P1,assess,2024-03-01,"two\nlines"\n'
        "\n"
        'P1,"visit, at home",2024-03-02,=HYPERLINK("x")\n'
    )
    (tmp_path / "log.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = import_events(tmp_path / "log.csv", tmp_path / "j")
    assert result.encoding == "utf-8-sig"
    rows = journal(tmp_path / "j")
    assert [(r["source_row"], r["activity"]) for r in rows] == [
        (2, "assess"),
        (4, "visit, at home"),
    ]
    aside = pq.read_table(tmp_path / "j" / "aside" / "attributes.parquet").to_pylist()
    assert aside == [
        {"person_id": "P1", "source_row": 2, "attribute": "note", "value": "two\nlines"},
        {"person_id": "P1", "source_row": 4, "attribute": "note", "value": '=HYPERLINK("x")'},
    ]


def test_a_long_field_is_kept_whole(tmp_path: Path) -> None:
    long = "x" * 100_000
    (tmp_path / "log.csv").write_text(
        f'case:concept:name,concept:name,time:timestamp\nP1,"{long}",2024-03-01\n'
    )
    import_events(tmp_path / "log.csv", tmp_path / "j")
    assert journal(tmp_path / "j")[0]["activity"] == long


def test_provenance_council_and_manifest(tmp_path: Path, eventlogs: Path) -> None:
    name = "running-example.xes"
    import_events(eventlogs / name, tmp_path / "j", council="E0000")
    rows = journal(tmp_path / "j")
    assert {r["council"] for r in rows} == {"E0000"} and {r["source"] for r in rows} == {name}
    assert rows[0]["event_id"] == f"{name}#1"
    manifest = json.loads((tmp_path / "j" / "manifest.json").read_text())
    assert manifest["sources"] == [name] and manifest["rows"] == 42
    assert manifest["import"]["format"] == "xes" and manifest["import"]["cases"] == 6
    assert manifest["import"]["unmapped_activities"]["decide"] == 9


def test_xes_trace_attributes_are_kept_aside_once_per_trace(
    tmp_path: Path, eventlogs: Path
) -> None:
    result = import_events(eventlogs / "running-example.xes", tmp_path / "j")
    assert result.aside["case:creator"] == 6 and result.aside["Costs"] == 42
    aside = pq.read_table(tmp_path / "j" / "aside" / "attributes.parquet").to_pandas()
    creator = aside[aside["attribute"] == "case:creator"]
    assert creator["source_row"].isna().all() and creator["person_id"].nunique() == 6


def test_keep_aside_off_writes_no_side_file(tmp_path: Path, eventlogs: Path) -> None:
    result = import_events(eventlogs / "running-example.xes", tmp_path / "j", keep_aside=False)
    assert result.aside == {} and not (tmp_path / "j" / "aside").exists()


def test_gzip_is_recognised_by_content_and_namespaces_are_ignored(tmp_path: Path) -> None:
    events = [{"concept:name": "a", "time:timestamp": "2024-03-01T09:00:00+00:00"}]
    log = write_xes(tmp_path / "plain.xes", [("P1", events)], gz=True)  # gzip under .xes
    xml = (
        '<log xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="P1"/>'
        '<event><string key="concept:name" value="a"/>'
        '<date key="time:timestamp" value="2024-03-01T09:00:00+00:00"/></event></trace></log>'
    )
    (tmp_path / "ns.xes").write_text(xml)
    for path in (log, tmp_path / "ns.xes"):
        out = tmp_path / f"j-{path.stem}"
        result = import_events(path, out)
        assert (result.events, result.cases) == (1, 1)
        assert journal(out)[0]["start"] == datetime(2024, 3, 1, 9)


def test_progress_is_reported(tmp_path: Path, eventlogs: Path) -> None:
    seen: list[tuple[int, int]] = []
    import_events(
        eventlogs / "06_bpic2013_closed.xes.gz",
        tmp_path / "j",
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1][0] <= seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_successful_import_replaces_an_older_journal(tmp_path: Path, eventlogs: Path) -> None:
    import_events(eventlogs / "running-example.xes", tmp_path / "j")
    import_events(eventlogs / "interval_event_log.csv", tmp_path / "j")
    assert len(journal(tmp_path / "j")) == 8109


def test_timestamps_are_stored_without_zone(tmp_path: Path, eventlogs: Path) -> None:
    import_events(eventlogs / "running-example.xes", tmp_path / "j")
    table = read_journal(tmp_path / "j")
    assert table.schema.field("start").type == pa.timestamp("us")
    first = table.filter(pa.compute.equal(table["source_row"], 1))["start"][0].as_py()
    local = datetime(2010, 12, 30, 14, 32, tzinfo=timezone(timedelta(hours=1)))  # in the file
    assert first == local.astimezone(UTC).replace(tzinfo=None)
