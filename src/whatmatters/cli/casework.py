"""The casework commands (see whatmatters.cli): serve, demo, create-administrator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from whatmatters.terminal import fail


def _build_demo(population: int, seed: int, data: Path) -> None:
    """Build the demo council (or reset its passwords), write its report, print sign-ins."""
    from django.conf import settings
    from rich.console import Console

    from whatmatters.casework.demo.build import build, warm_measures, write_council_report

    with Console(stderr=True).status("building the demo council") as status:
        made = build(population=population, seed=seed, progress=status.update)
        # The measures page compares before and after the council's change.
        settings.WHATMATTERS_CHANGE_DATE = settings.WHATMATTERS_CHANGE_DATE or made.change_date
        status.update("working out the measures (the check, for the council and the team)")
        warm_measures()
        report = write_council_report(data / "demo-report", progress=status.update)
    if made.imported:
        typer.echo(
            f"demo council: {made.imported.people:,} people with records (of {population:,} "
            f"living there), {made.imported.rows:,} journal rows, {made.imported.teams} teams "
            "(synthetic: no real person)"
        )
    else:
        typer.echo("the demo council is already built (--fresh builds it anew)")
    typer.echo("\nSign in as (passwords are new each run):")
    for login in made.logins:
        team = f"  ({login.team})" if login.team else ""
        typer.echo(f"  {login.role.label:<18} {login.username:<8} {login.password}{team}")
    if made.change_date:
        typer.echo(f"\nthe council changed to the what-matters way on {made.change_date}")
    typer.echo(f"\nthe check's report on the council (offline, open it in a browser): {report}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to ``app``."""
    from whatmatters.cli import export_person
    from whatmatters.journal.commands import export_app

    export_person.register(export_app)

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
        port: int = typer.Option(8000, help="Port to listen on."),
        workers: int = typer.Option(0, help="Server processes (0: two per CPU core, plus one)."),
        production: bool = typer.Option(
            False, help="Use production settings (secret, hosts and database from the environment)."
        ),
    ) -> None:
        """Run the casework web application.

        The database is SQLite in the data folder ($WHATMATTERS_HOME, default
        ~/.local/share/whatmatters) unless DATABASE_URL names another (PostgreSQL:
        postgres://user@host/db). Migrates first, then serves with gunicorn.
        """
        from whatmatters.site.server import Bind, ServerError, serve, setup_django

        try:
            setup_django(production=production)
        except ServerError as problem:
            fail(str(problem), 1)
        typer.echo(f"casework is at http://{host}:{port}/ (Ctrl+C stops it)")
        serve(Bind(host=host, port=port, workers=workers))

    @app.command()
    def demo(
        population: int = typer.Option(
            20_000,
            help="People living in the demo council (all ages); 300000 for a full-size council.",
        ),
        seed: int = typer.Option(1, help="Seed: the same seed makes the same council."),
        fresh: bool = typer.Option(False, help="Delete the demo database and build it anew."),
        port: int = typer.Option(8000, help="Port to serve on."),
        no_serve: bool = typer.Option(False, "--no-serve", help="Build the demo, do not serve."),
    ) -> None:
        """Build a demo council and serve it on localhost, printing a sign-in for each role.

        The council's people and four years of history come from the synthetic
        council (whatmatters generate): a menu-driven system that changes to the
        what-matters way a year ago. The check's offline report on the council is
        written to demo-report in the data folder. The demo has its own SQLite database
        (demo.sqlite3 in the data folder) unless DATABASE_URL names one. Running
        it again keeps the data and prints new passwords.
        """
        from whatmatters.paths import data_dir
        from whatmatters.site.server import Bind, ServerError, serve, setup_django

        if not 1 <= population <= 10_000_000:
            fail("--population must be 1 to 10,000,000", 1)
        if not os.environ.get("DATABASE_URL"):
            database = data_dir() / "demo.sqlite3"
            if fresh:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{database}{suffix}").unlink(missing_ok=True)
            os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        elif fresh:
            fail("--fresh only deletes the built-in demo database; DATABASE_URL is set", 1)
        if not no_serve:
            # Build in a process of its own: the check's DuckDB must not be loaded
            # in the process gunicorn forks its workers from (its threads do not
            # survive a fork, and the measures page would hang).
            command = "from whatmatters.cli import app; app()"
            options = ["--no-serve", f"--population={population}", f"--seed={seed}"]
            built = subprocess.run([sys.executable, "-c", command, "demo", *options], check=False)
            if built.returncode:
                raise typer.Exit(built.returncode)
        try:
            setup_django()
        except ServerError as problem:
            fail(str(problem), 1)
        if no_serve:
            _build_demo(population, seed, data_dir())
            return
        from django.conf import settings

        from whatmatters.casework.demo.build import remembered_change_date

        # The measures page compares before and after the council's change.
        settings.WHATMATTERS_CHANGE_DATE = settings.WHATMATTERS_CHANGE_DATE or (
            remembered_change_date()
        )
        typer.echo(f"\ncasework demo is at http://127.0.0.1:{port}/ (Ctrl+C stops it)")
        serve(Bind(port=port))

    @app.command("create-administrator")
    def create_administrator(
        username: str = typer.Argument(..., help="The administrator's username."),
    ) -> None:
        """Create an administrator (who then adds teams and staff in the web application)."""
        from whatmatters.site.server import ServerError, setup_django

        try:
            setup_django()
        except ServerError as problem:
            fail(str(problem), 1)
        from django.contrib.auth import get_user_model, password_validation
        from django.core.exceptions import ValidationError

        from whatmatters.casework.access.roles import Role
        from whatmatters.casework.administration.services import create_staff

        if get_user_model().objects.filter(username__iexact=username).exists():
            fail(f"the username {username!r} is taken", 1)
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            password_validation.validate_password(password)
        except ValidationError as problem:
            fail(" ".join(problem.messages), 1)
        create_staff(username=username, password=password, role=Role.ADMINISTRATOR)
        typer.echo(f"administrator {username} created")
