"""What a command shows on the terminal: its one-line error, and its progress bar.

Every floor's commands use these (the importers', the synthetic council's,
what-if's and the command line's own), so a failure reads the same
everywhere. Rich is imported only when a bar is drawn: the command line
imports this at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer


def fail(message: object, code: int = 2) -> NoReturn:
    """``error: MESSAGE`` as one line on standard error, then exit with ``code``.

    The message is printed as it is (no markup is read in it: it may hold
    file names with brackets), in red where the terminal shows colour.
    """
    typer.secho(f"error: {message}", err=True, fg="red")
    raise typer.Exit(code)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A bar on standard error while the block runs; yields ``advance(done, total)``."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
