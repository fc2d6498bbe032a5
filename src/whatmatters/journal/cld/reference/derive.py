"""Derive the packaged CLD reference files from the shared research files.

The shared folder holds a reconstruction of the CLD specification
(``fields.csv``: the 50 submitted columns; ``codes.csv``: defined lists per
release, with sources and confidence). whatmatters must work without that
folder, so this script writes the subset it needs into this package:

* ``fields.csv`` — each column with the choices whatmatters makes about it
  (journal column, value type, when it applies and is mandatory as a named
  condition, how serious a blank is, how complete each release's code list is);
* ``codes.csv`` — submittable values per field and release, their Release 2
  equivalent, the outcome hierarchy rank, confidence and source.

Run ``python -m whatmatters.journal.cld.reference.derive tests/data/cld`` after
the shared files change; a test checks the packaged files are in step.
When the official lists are published, replace the rows in ``codes.csv`` (and
the list completeness in ``field_choices.toml``) and bump ``VERSION`` in
``about.json``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).parent

# Our choices for each submitted column (journal column, value type, when it
# applies and is mandatory, how serious a blank is, how complete each release's
# list is), keyed by its spaced name: a data file, with why beside each choice.
CHOICE_KEYS = (
    "member",
    "journal_column",
    "type",
    "applies_when",
    "mandatory_when",
    "blank_severity",
    "list_r1",
    "list_r2",
)
FIELD_CHOICES: dict[str, tuple[str, ...]] = {
    name: tuple(choice[key] for key in CHOICE_KEYS)
    for name, choice in tomllib.loads((HERE / "field_choices.toml").read_text("utf-8")).items()
}

FIELD_COLUMNS = (
    "order",
    "field",
    "r1_name",
    "r2_name",
    "underscored",
    "member",
    "journal_column",
    "type",
    "applies_when",
    "mandatory_when",
    "blank_severity",
    "list_r1",
    "list_r2",
    "r1_applicable_when",
    "r1_mandatory_when",
    "source",
    "notes",
)

CODE_COLUMNS = (
    "field",
    "release",
    "value",
    "r2_value",
    "match",
    "rank",
    "group",
    "confidence",
    "source",
)

# Values national pipelines derive but councils never submit.
_NOT_SUBMITTED = ("R2 (pipeline-derived)", "R2 (ASCOF-derived)")
# An R1 value DHSC cannot map: it has no Release 2 equivalent, so it is kept.
_NO_EQUIVALENT = "Release 1 specification only: Not mapped"
_RANK = re.compile(r"hierarchy rank=(\d+)")
_PATTERN = re.compile(r"^(\w+)% \(values starting")


def derive_fields(shared_fields: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for source in shared_fields:
        if source["data_type"] == "derived":
            continue
        name = source["r2_spec_name"] or source["r1_spec_name"]
        choice = FIELD_CHOICES[name]
        member, column, kind, applies, mandatory, blank, list_r1, list_r2 = choice
        rows.append(
            {
                "order": source["order"],
                "field": name,
                "r1_name": source["r1_spec_name"],
                "r2_name": source["r2_spec_name"],
                "underscored": source["db_name_underscored"],
                "member": member,
                "journal_column": column,
                "type": kind,
                "applies_when": applies,
                "mandatory_when": mandatory,
                "blank_severity": blank,
                "list_r1": list_r1,
                "list_r2": list_r2,
                "r1_applicable_when": source["r1_applicable_when"],
                "r1_mandatory_when": source["r1_mandatory_when"],
                "source": source["source"],
                "notes": source["notes"],
            }
        )
    missing = set(FIELD_CHOICES) - {r["field"] for r in rows}
    if missing:
        raise ValueError(f"choices for fields not in the shared file: {sorted(missing)}")
    return rows


def derive_codes(shared_codes: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for source in shared_codes:
        release, value = source["release"], source["value"]
        if release in _NOT_SUBMITTED or source["confidence"] == "none":
            continue
        match = "exact"
        pattern = _PATTERN.match(value)
        if pattern:
            value, match = pattern.group(1), "prefix"
        r2_value = "" if source["r2_value"] == _NO_EQUIVALENT else source["r2_value"]
        rank = _RANK.search(source["notes"]) if release == "R2" else None
        releases = ["R1", "R2"] if release == "R1/R2" else [release.rstrip("?")]
        for one in releases:
            rows.append(
                {
                    "field": source["field"],
                    "release": one,
                    "value": value,
                    "r2_value": r2_value if one == "R1" else "",
                    "match": match,
                    "rank": rank.group(1) if rank else "",
                    "group": source["group"],
                    "confidence": "low" if release == "R2?" else source["confidence"],
                    "source": source["source"],
                }
            )
    return rows


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def derived_files(shared: Path) -> dict[str, str]:
    """The packaged files' text, derived from the shared folder ``shared``."""

    def read(name: str) -> list[dict[str, str]]:
        with (shared / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    return {
        "fields.csv": _csv(derive_fields(read("fields.csv")), FIELD_COLUMNS),
        "codes.csv": _csv(derive_codes(read("codes.csv")), CODE_COLUMNS),
    }


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: python -m whatmatters.journal.cld.reference.derive SHARED/data/cld")
    for name, text in derived_files(Path(argv[0])).items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
