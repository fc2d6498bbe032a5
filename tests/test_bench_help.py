"""``./run bench NAME --help`` explains a benchmark instead of running it."""

from __future__ import annotations

import pytest
from benchmarks.__main__ import main


def test_help_prints_the_benchmarks_description_and_runs_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["evidence", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("## evidence")
    assert "--seeds" in out and "benchmark: evidence" not in out


def test_an_unknown_benchmark_is_named() -> None:
    with pytest.raises(SystemExit, match="no such benchmark: nonesuch"):
        main(["nonesuch", "--help"])


def test_an_options_value_given_apart_is_explained() -> None:
    with pytest.raises(SystemExit, match="takes its value after '='"):
        main(["evidence", "--seeds", "10"])
