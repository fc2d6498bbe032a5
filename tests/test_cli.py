from __future__ import annotations

from typer.testing import CliRunner

from whatmatters import __version__
from whatmatters.cli import app


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help() -> None:
    import typer.main

    click_app = typer.main.get_command(app)
    runner = CliRunner()

    def walk(command, path):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(click_app, [])
