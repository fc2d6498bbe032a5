"""What went wrong in an event log, said so a person can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_KEPT = 200  # problems kept to show; the rest are only counted


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (file, row, field), the value, and what is wrong."""

    file: str
    message: str
    row: int | None = None
    field: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None:
            text += f" (value {_shorten(self.value)!r})"
        return text


class EventLogError(Exception):
    """The event log cannot be imported; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        first = str(problems[0]) if problems else "the event log cannot be imported"
        more = self.total - 1
        super().__init__(first + (f" (and {more:,} more problems)" if more > 0 else ""))


@dataclass
class ProblemLog:
    """Collects row-level problems so one import reports them all at once."""

    file: str
    kept: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(
        self, message: str, row: int | None = None, field: str | None = None, value=None
    ) -> None:
        self.total += 1
        if len(self.kept) < MAX_KEPT:
            shown = None if value is None else str(value)
            self.kept.append(Problem(self.file, message, row, field, shown))

    def raise_if_any(self) -> None:
        if self.total:
            raise EventLogError(self.kept, self.total)

    def fail(self, message: str, row: int | None = None, field: str | None = None) -> EventLogError:
        """An error that stops the import at once (the file itself is unreadable)."""
        return EventLogError([Problem(self.file, message, row, field)])


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
