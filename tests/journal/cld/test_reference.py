"""The packaged reference data: in step with tests/data/cld, and self-consistent."""

from __future__ import annotations

import csv
from pathlib import Path

from whatmatters.journal.cld.codes import CodeStatus, code_list, normal_key
from whatmatters.journal.cld.conditions import _CONDITIONS, DESCRIPTIONS
from whatmatters.journal.cld.fields import REFERENCE, Condition, Field, FieldType, field_specs
from whatmatters.journal.cld.reference.derive import derived_files
from whatmatters.journal.cld.release import Release
from whatmatters.journal.schema import COLUMNS_BY_NAME


def test_packaged_files_are_derived_from_the_shared_research(test_data: Path) -> None:
    for name, text in derived_files(test_data / "cld").items():
        assert (REFERENCE / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of step: run python -m whatmatters.journal.cld.reference.derive"
        )


def test_every_submitted_shared_field_is_a_field(test_data: Path) -> None:
    with (test_data / "cld" / "fields.csv").open(encoding="utf-8") as f:
        names = [r["r2_spec_name"] or r["r1_spec_name"] for r in csv.DictReader(f)]
    submitted = [n for n in names if not n.startswith("(derived")]
    assert submitted == [f.value for f in Field]


def test_every_field_fills_a_journal_column() -> None:
    for field, spec in field_specs().items():
        assert spec.journal_column in COLUMNS_BY_NAME, field


def test_every_condition_has_an_expression_and_words() -> None:
    assert set(_CONDITIONS) == set(Condition) == set(DESCRIPTIONS)


def test_normalising_never_makes_two_list_values_one() -> None:
    for field, spec in field_specs().items():
        if spec.type is not FieldType.CODE:
            continue
        for release in Release:
            stored_by_key: dict[str, str] = {}
            for value, (stored, _) in code_list(field, release).exact.items():
                key = normal_key(value)
                assert stored_by_key.setdefault(key, stored) == stored, (field, release, value)


def test_release_1_values_map_to_release_2_values() -> None:
    mapped = code_list(Field.ETHNICITY, Release.R1).classify("White - Irish")
    assert mapped == ("White: Irish", CodeStatus.MAPPED)
    assert code_list(Field.ETHNICITY, Release.R2).classify("White: Irish") == (
        "White: Irish",
        CodeStatus.VALID,
    )
