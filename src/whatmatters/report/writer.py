"""Write the check report folder: the page, every table, every chart.

::

    REPORT/
      index.html          the offline report (open it in any browser)
      report.json         what is here: window, parameters, tables, charts
      tables/NAME.csv     every table of the check, also as NAME.parquet
      scripts/            vega-embed (bundled) and draw.js, which draw the charts;
                          zoom.js, zoom and pan for the process maps
      charts/KEY.svg      the process maps; with ``images``, every chart as SVG and PNG

The folder is written beside its final place and renamed into it at the
end, so a failed run leaves nothing half-written (and an earlier report in
place). Only a folder that holds a report (or nothing) is replaced.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from whatmatters import __version__
from whatmatters.check.councils import CouncilChecks
from whatmatters.check.run import TABLES, CheckResult
from whatmatters.journal.cld.neutralise import neutralise_arrow
from whatmatters.journal.store import folder_written
from whatmatters.language import SOURCE, current, use
from whatmatters.report.embed import page_spec, write_scripts
from whatmatters.report.figures import sections
from whatmatters.report.images import full_key, write_images
from whatmatters.report.page import render_page
from whatmatters.report.readings.results import worded

MARKER = "report.json"


class ReportError(Exception):
    """The report could not be written; the message says why."""


def write_report(
    result: CheckResult,
    out: str | Path,
    *,
    source: str,
    map_threshold: float | None = None,
    progress: Callable[[str], None] | None = None,
    images: bool = False,
    language: str = SOURCE,
) -> Path:
    """Write the report for ``result`` into the folder ``out``; return the page's path.

    ``images`` also writes every chart as SVG and PNG files (for slides);
    ``language`` is the report's ("en", or "cy" for Welsh: ``whatmatters.language``).
    """
    with use(language):
        return _write_report(result, out, source, map_threshold, progress, images)


def _write_report(
    result: CheckResult,
    out: Path | str,
    source: str,
    map_threshold: float | None,
    progress: Callable[[str], None] | None,
    images: bool,
) -> Path:
    step = progress or (lambda _: None)
    out = Path(out)
    if out.exists() and not _replaceable(out):
        raise ReportError(f"{out} exists and is not a whatmatters report; refusing to replace it")
    with folder_written(out) as temp:
        (temp / "tables").mkdir()
        (temp / "charts").mkdir()
        step("writing the tables")
        for name, table in result.tables.items():
            # the check's results are numbers; the report's table says how each was worked out
            write_table(worded(table) if name == "results" else table, temp / "tables" / name)
        step("drawing the charts and maps")
        parts = sections(result, map_threshold=map_threshold)
        specs, maps = _drawings(parts)
        written = write_images(parts, temp / "charts", images=images)
        step("writing the page")
        write_scripts(temp)
        page = render_page(result, parts, specs, maps, source)
        (temp / "index.html").write_text(page, encoding="utf-8")
        manifest = _manifest(result, source, [*specs, *maps], written, parts)
        (temp / MARKER).write_text(json.dumps(manifest, indent=2, default=str) + "\n")
    return out / "index.html"


def _replaceable(out: Path) -> bool:
    return out.is_dir() and ((out / MARKER).is_file() or not any(out.iterdir()))


def write_table(table: pa.Table, stem: Path) -> None:
    """``STEM.parquet`` exactly, and ``STEM.csv`` safe to open in a spreadsheet."""
    pq.write_table(table, stem.with_suffix(".parquet"))
    pacsv.write_csv(spreadsheet_safe(table), stem.with_suffix(".csv"))


def spreadsheet_safe(table: pa.Table) -> pa.Table:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    People's own words and activity names are kept verbatim in Parquet; in
    CSV a value starting ``=``, ``+``, ``-``, ``@``, tab or carriage return
    is shown as text instead of being run (OWASP's CSV-injection advice), by
    the CLD export's rule (``journal/cld/neutralise.py``).
    """
    columns = [
        neutralise_arrow(c) if pa.types.is_string(c.type) or pa.types.is_large_string(c.type) else c
        for c in table.columns
    ]
    return pa.Table.from_arrays(columns, names=table.column_names)


def write_council_tables(checks: CouncilChecks, folder: Path) -> Path:
    """Write ``checks.tables()`` into ``folder`` as NAME.parquet and NAME.csv, atomically.

    The folder is written beside its place and swapped into it at the end,
    replacing an earlier one (``journal.store.replace_folder``).
    """
    with folder_written(folder) as temp:
        for name, table in checks.tables().items():
            write_table(table, temp / name)
    return folder


def _drawings(parts: list) -> tuple[dict[str, dict], dict[str, str]]:
    """Each chart's page specification, and each process map's SVG, by figure key."""
    specs: dict[str, dict] = {}
    maps: dict[str, str] = {}
    for section in parts:
        for figure in section.figures:
            if figure.chart is not None:
                specs[figure.key] = page_spec(figure.chart)
            elif figure.svg is not None:
                maps[figure.key] = figure.svg
    return specs, maps


def _manifest(
    result: CheckResult, source: str, charts: list[str], images: list[str], parts: list
) -> dict:
    params = dataclasses.asdict(result.params)
    params["xmr"] = repr(result.params.xmr) if result.params.xmr is not None else None
    return {
        "whatmatters": __version__,
        "source": source,
        "language": current(),
        "window": {
            "start": result.window.start,
            "end": result.window.end,
            "chosen_by": result.window.basis.value,
            "charted": {"start": result.window.charted.start, "end": result.window.charted.end},
        },
        "params": params,
        "tables": {name: TABLES[name] for name in result.tables},
        "charts": sorted(charts),
        "images": images,
        "full_maps": sorted(
            full_key(figure.key)
            for section in parts
            for figure in section.figures
            if figure.full_svg is not None
        ),
    }
