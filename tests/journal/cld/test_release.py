"""Telling Release 1 from Release 2, and mapping Release 1 values."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tests.journal.cld.factory import check, journey
from tests.journal.cld.r1 import as_release_1
from whatmatters.journal.cld.release import Release


def test_a_release_2_file_is_detected(tmp_path: Path) -> None:
    report = check(tmp_path, journey()).files[0]
    assert report.release is not None and report.release.release is Release.R2
    assert report.release.r2_values > 0 and report.release.r1_values == 0


def test_a_release_1_file_is_detected_and_mapped_without_warnings(tmp_path: Path) -> None:
    validation = check(tmp_path, [as_release_1(r) for r in journey()])
    report = validation.files[0]
    assert report.release is not None and report.release.release is Release.R1
    assert "detected" in report.release.describe()
    assert validation.problems.height == 0
    mapped = validation.mappings.filter(pl.col("field") == "Event Outcome").sort("submitted")
    assert mapped.select("submitted", "stored", "rows").rows() == [
        ("No change in package", "Continuation of support or services", 2),
        ("Progress to Assessment", "Progress to assessment, review or reassessment", 1),
        ("Progress to Support Planning / Services", "Progress to support planning or services", 1),
    ]


def test_a_given_release_overrides_detection(tmp_path: Path) -> None:
    validation = check(tmp_path, [as_release_1(r) for r in journey()], release=Release.R2)
    report = validation.files[0]
    assert report.release is not None and report.release.given
    assert validation.problems.filter(rule="code_release_1").height > 0


def test_a_file_with_no_release_specific_values_is_read_as_release_2(tmp_path: Path) -> None:
    from tests.journal.cld.factory import F, row

    neutral = {
        f: v
        for f, v in row("request").items()
        if f
        in (
            F.LA_CODE,
            F.LA_PERSON_UNIQUE_IDENTIFIER,
            F.EVENT_TYPE,
            F.EVENT_START_DATE,
            F.EVENT_END_DATE,
            F.CLIENT_TYPE,
        )
    }
    neutral[F.CLIENT_TYPE] = "Unpaid carer known by association"
    report = check(tmp_path, [neutral]).files[0]
    assert report.release is not None and report.release.release is Release.R2
