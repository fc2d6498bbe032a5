"""Property: any CLD file the exporter writes imports back to the identical journal."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tests.journal.cld.export_helpers import without_provenance
from tests.journal.cld.factory import R2_FIELDS, F
from whatmatters.journal.cld.codes import code_list
from whatmatters.journal.cld.export import export_cld
from whatmatters.journal.cld.fields import FieldType, field_specs
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.cld.release import Release

# Any text a council's system might hold: commas, quotes, line breaks, formula
# starts, apostrophes, accents, emoji (no NUL or lone surrogates: not text).
TEXT = st.text(
    # other control characters refuse the whole file (hostile input), so only these three
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"),
    max_size=30,
) | st.sampled_from(["=1+1", "'=1+1", "''-x", "@A1", "\t=x", " padded ", "a,b", 'say "hi"'])
DATE = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.strftime("%d/%m/%Y"), d.isoformat()])
)
NUMBER = st.decimals(min_value=-99_999, max_value=99_999, places=3, allow_nan=False).map(str)


def _value(field: F) -> st.SearchStrategy[str]:
    spec = field_specs()[field]
    if spec.type is FieldType.CODE:
        values = code_list(field, Release.R2).values
        return st.sampled_from(values) if values else TEXT
    if spec.type is FieldType.DATE:
        return DATE
    if spec.type is FieldType.DECIMAL:
        return NUMBER
    if spec.type is FieldType.INTEGER:
        return st.integers(0, 20).map(str)
    return TEXT


ROW = st.fixed_dictionaries(
    {},
    optional={field: _value(field) for field in R2_FIELDS},
).map(
    lambda values: {
        **values,
        # What every row needs, so that most generated rows are imported.
        F.LA_CODE: values.get(F.LA_CODE, "999") or "999",
        F.LA_PERSON_UNIQUE_IDENTIFIER: "P" + str(len(values)),
        F.CLIENT_TYPE: values.get(F.CLIENT_TYPE, "Service user"),
        F.EVENT_TYPE: values.get(F.EVENT_TYPE, "Request"),
        F.EVENT_START_DATE: "01/05/2024",
        F.EVENT_END_DATE: "02/05/2024",
    }
)


def _write(path: Path, rows: list[dict[F, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([field.value for field in R2_FIELDS])
        writer.writerows([[values.get(field, "") for field in R2_FIELDS] for values in rows])
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=6))
def test_an_exported_file_imports_back_to_the_identical_journal(rows: list[dict[F, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        first = import_cld([_write(tmp / "in.csv", rows)], tmp / "first")
        assume(first.ok)
        event(f"rows imported: {min(first.rows_written, 3)}+")
        export_cld(tmp / "first", tmp / "out.csv")
        second = import_cld([tmp / "out.csv"], tmp / "second")
        assert second.ok, second.validation.problems
        assert_frame_equal(without_provenance(tmp / "first"), without_provenance(tmp / "second"))
        assert second.validation.problems.filter(severity="error").height == 0
        export_cld(tmp / "second", tmp / "again.csv")
        assert (tmp / "again.csv").read_bytes() == (tmp / "out.csv").read_bytes()
