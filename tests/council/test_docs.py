"""docs/synthetic-council.md stays in step with the parameters and says the data are synthetic."""

from __future__ import annotations

from pathlib import Path

from whatmatters.council.docs import END, START, render
from whatmatters.council.parameters import load_parameters

PAGE = Path(__file__).resolve().parents[2] / "docs" / "synthetic-council.md"


def test_the_parameter_tables_are_generated_from_the_file() -> None:
    text = PAGE.read_text(encoding="utf-8")
    generated = START + text.split(START, 1)[1].split(END, 1)[0] + END
    assert generated == render(), (
        "run: python -m whatmatters.council.docs docs/synthetic-council.md"
    )


def test_every_mechanism_is_explained_in_words() -> None:
    prose = PAGE.read_text(encoding="utf-8").split(START, 1)[0]
    for name in load_parameters().menu.__dataclass_fields__:
        assert f"`{name}`" in prose or name.replace("_", " ") in prose, name


def test_the_page_says_plainly_that_the_data_are_synthetic() -> None:
    assert "**The data are synthetic.**" in PAGE.read_text(encoding="utf-8")
