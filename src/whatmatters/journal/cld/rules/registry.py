"""Rules, rule sets, and running them over a prepared frame.

A rule is a small named thing: a code, a title saying what it checks, a
severity, the fields it reads, and a function that yields ``Finding``s —
for one field, a Polars expression that is true on the rows with the
problem, and the message. Rules never loop over rows; the engine evaluates
every finding in one pass and gathers the flagged rows into problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import polars as pl

from whatmatters.journal.cld.columns import SOURCE, SOURCE_ROW, raw
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.problems import PROBLEM_SCHEMA, Severity, no_problems
from whatmatters.journal.cld.release import Release


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the rows: the file's release and its columns."""

    release: Release
    present: frozenset[Field]


@dataclass(frozen=True)
class Finding:
    """One check of one field: where ``flag`` is true, the row has the problem."""

    field: Field
    flag: pl.Expr
    message: pl.Expr | str
    severity: Severity | None = None  # None: the rule's severity


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    fields: tuple[Field, ...]
    check: Callable[[Context], Iterable[Finding]]

    def findings(self, context: Context) -> list[Finding]:
        return list(self.check(context))


def rule(
    code: str, title: str, severity: Severity, fields: Iterable[Field] = ()
) -> Callable[[Callable[[Context], Iterable[Finding]]], Rule]:
    """Make the decorated check function a ``Rule``."""

    def make(check: Callable[[Context], Iterable[Finding]]) -> Rule:
        return Rule(code, title, severity, tuple(fields), check)

    return make


class RuleSet:
    """Rules by code; a set may extend another (a release's rules over the one before)."""

    def __init__(self, rules: Iterable[Rule], base: RuleSet | None = None) -> None:
        self._rules: dict[str, Rule] = dict(base._rules) if base else {}
        for one in rules:
            if one.code in self._rules:
                raise ValueError(f"two rules have the code {one.code!r}")
            self._rules[one.code] = one

    def extend(self, rules: Iterable[Rule]) -> RuleSet:
        return RuleSet(rules, base=self)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __len__(self) -> int:
        return len(self._rules)


def run_rules(frame: pl.DataFrame, rules: Iterable[Rule], context: Context) -> pl.DataFrame:
    """Every problem the rules find in ``frame``, as a problems table."""
    checks = [(one, finding) for one in rules for finding in one.findings(context)]
    if not checks or frame.height == 0:
        return no_problems()
    flags = frame.select(
        finding.flag.fill_null(False).alias(str(i)) for i, (_, finding) in enumerate(checks)
    )
    counts = flags.sum().row(0)
    found = []
    for i, ((one, finding), count) in enumerate(zip(checks, counts, strict=True)):
        if not count:
            continue
        severity = finding.severity or one.severity
        message = finding.message
        columns = [
            SOURCE.alias("file"),
            SOURCE_ROW.alias("row"),
            pl.lit(finding.field.value).alias("field"),
            raw(finding.field).alias("value"),
            pl.lit(one.code).alias("rule"),
            pl.lit(severity.value).alias("severity"),
            (pl.lit(message) if isinstance(message, str) else message).alias("message"),
        ]
        found.append(_flagged(frame, flags.get_column(str(i)), columns).select(columns))
    if not found:
        return no_problems()
    return pl.concat(found).cast(PROBLEM_SCHEMA)  # type: ignore[arg-type]


def _flagged(frame: pl.DataFrame, flag: pl.Series, columns: list[pl.Expr]) -> pl.DataFrame:
    """The flagged rows of just the columns ``columns`` read, in one piece.

    Copying a few columns of a few rows is cheap where copying every column
    is not; and Polars (2.1) can panic formatting text from a filtered column
    still split as the CSV reader read it.
    """
    read = list(dict.fromkeys(name for c in columns for name in c.meta.root_names()))
    return frame.select(read).filter(flag).rechunk()
