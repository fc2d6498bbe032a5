"""``whatmatters export person ID``: one person's data, as the web page's buttons give it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from whatmatters.terminal import fail

ALL = ("subject-access", "fhir", "about-me", "about-me-json")
HERE = Path(".")
KIND_HELP = "What to export (repeat it): " + ", ".join(ALL) + " (default: all)."


class ExportError(Exception):
    """A one-line reason the export could not be made."""


def register(export_app: typer.Typer) -> None:
    @export_app.command("person")
    def person(
        council_id: Annotated[str, typer.Argument(help="The person's council ID.")],
        by: Annotated[
            str,
            typer.Option(
                "--by", help="Your staff username: checked against your role, and audited."
            ),
        ],
        to: Annotated[Path, typer.Option("--to", help="Folder to write the files into.")] = HERE,
        kind: Annotated[list[str] | None, typer.Option("--kind", help=KIND_HELP)] = None,
    ) -> None:
        """Export one person's data: subject access, the plan as FHIR R4, About Me.

        Subject access is JSON, CSV, readable HTML and PDF in one zip; the FHIR
        bundle is validated before it is written. Only the person's own team
        may export; every export, and every refusal, is audited.
        """
        from whatmatters.site.server import ServerError, setup_django

        kind = kind or list(ALL)
        unknown = sorted(set(kind) - set(ALL))
        if unknown:
            fail(f"unknown --kind {', '.join(unknown)}; choose from {', '.join(ALL)}", 1)
        try:
            setup_django()
            for path in export_person(council_id, by=by, to=to, kinds=kind):
                typer.echo(f"wrote {path}")
        except (ServerError, ExportError) as problem:
            fail(str(problem), 1)


def export_person(council_id: str, *, by: str, to: Path, kinds) -> list[Path]:
    """Write each export of ``council_id`` into ``to`` as ``by``; every file whole or not at all."""
    from django.contrib.auth import get_user_model

    from whatmatters.casework.exports.service import ExportRefused, export
    from whatmatters.casework.people.models import Person

    user = get_user_model().objects.filter(username=by, is_active=True).first()
    person = Person.objects.filter(council_id=council_id).first()
    if user is None:
        raise ExportError(f"no active staff member has the username {by!r}")
    if person is None:
        raise ExportError(f"no person has the council ID {council_id!r}")
    if to.exists() and not to.is_dir():
        raise ExportError(f"--to {to} is a file, not a folder")
    written = []
    for name in dict.fromkeys(kinds):
        try:
            filename, content = export(user, person, name, path=f"cli: export person {name}")
        except ExportRefused:
            refused = f"{by} may not export {council_id}'s record"
            raise ExportError(f"{refused} (refused, and recorded in the audit log)") from None
        to.mkdir(parents=True, exist_ok=True)  # only once something may be written
        target = to / filename
        partial = target.with_name(f".{filename}.partial")
        partial.write_bytes(content)
        partial.replace(target)
        written.append(target)
    return written
