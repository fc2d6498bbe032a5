"""A command's one-line error, the same on every floor."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from whatmatters.terminal import fail, progress_bar

app = typer.Typer()


@app.command()
def refuse(code: int = 1) -> None:
    with progress_bar("working") as advance:
        advance(1, 2)
        fail("cannot write [bold]out[/bold]/x [1].csv", code)


@pytest.mark.parametrize("code", [1, 2])
def test_fail_prints_one_plain_line_and_exits_with_its_code(code: int) -> None:
    result = CliRunner().invoke(app, ["--code", str(code)])
    assert result.exit_code == code
    # Brackets in file names are printed as they are, never read as markup.
    assert result.stderr.strip() == "error: cannot write [bold]out[/bold]/x [1].csv"
    assert result.stdout == ""
