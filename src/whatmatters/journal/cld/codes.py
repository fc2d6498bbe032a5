"""CLD defined lists: which values are valid, and what each means in Release 2.

Reads the versioned data file ``reference/codes.csv``. For a field and the
release a file follows, ``CodeList.classify`` says what a submitted value is:
valid as it stands, a Release 1 value mapped to Release 2, valid only after
case and spacing are normalised, or not on the list.

Precedence, first match wins: an exact Release 2 value, a Release 2 prefix
pattern (R2 review reasons are public only as "Planned…"/"Unplanned…"), an
exact Release 1 value, then a case- and spacing-insensitive match of any of
those (as national pipelines compare: SQL Server ignores case and trailing
spaces).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from whatmatters.journal.cld.fields import REFERENCE, Field, FieldType, ListCompleteness, spec
from whatmatters.journal.cld.release import Release


class CodeStatus(StrEnum):
    """What a submitted coded value turned out to be."""

    BLANK = "blank"
    VALID = "valid"  # exactly a current value, kept as it is
    MAPPED = "mapped"  # a Release 1 value in a Release 1 file, stored in Release 2 wording
    RELEASE_1 = "release_1"  # a Release 1 value in a Release 2 file, stored in Release 2 wording
    R1_ONLY = "r1_only"  # a Release 1 value with no Release 2 equivalent: kept as it is
    NORMALISED = "normalised"  # valid only after case/spacing normalisation
    UNLISTED = "unlisted"  # not on a list known to be incomplete: kept as it is
    INVALID = "invalid"  # not on a complete list
    UNCHECKED = "unchecked"  # no list is public for this field: kept as it is


@dataclass(frozen=True)
class Code:
    """One row of ``codes.csv``."""

    field: Field
    release: Release
    value: str
    r2_value: str
    prefix: bool
    rank: int | None
    confidence: str


def normal_key(value: str) -> str:
    """Case- and spacing-insensitive form of a value."""
    return re.sub(r"\s+", " ", value).strip().lower()


@cache
def all_codes() -> tuple[Code, ...]:
    with (REFERENCE / "codes.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            Code(
                field=Field(row["field"]),
                release=Release(row["release"]),
                value=row["value"],
                r2_value=row["r2_value"],
                prefix=row["match"] == "prefix",
                rank=int(row["rank"]) if row["rank"] else None,
                confidence=row["confidence"],
            )
            for row in csv.DictReader(f)
        )


@dataclass(frozen=True)
class CodeList:
    """A field's list as it applies to files of one release."""

    field: Field
    release: Release
    completeness: ListCompleteness
    exact: dict[str, tuple[str, CodeStatus]] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    normalised: dict[str, str] = field(default_factory=dict)

    def classify(self, value: str | None) -> tuple[str | None, CodeStatus]:
        """The value to store (Release 2 wording where known) and its status."""
        if value is None or not value.strip():
            return None, CodeStatus.BLANK
        if self.completeness is ListCompleteness.NONE:
            return value, CodeStatus.UNCHECKED
        if value in self.exact:
            return self.exact[value]
        if any(value.startswith(p) for p in self.prefixes):
            return value, CodeStatus.VALID
        key = normal_key(value)
        if key in self.normalised:
            return self.normalised[key], CodeStatus.NORMALISED
        if self.completeness is ListCompleteness.COMPLETE:
            return value, CodeStatus.INVALID
        return value, CodeStatus.UNLISTED

    @property
    def values(self) -> list[str]:
        """The values accepted exactly, in list order (for messages)."""
        return [v for v, (_, s) in self.exact.items() if s is CodeStatus.VALID]


@cache
def code_list(field: Field, release: Release) -> CodeList:
    """``field``'s list for files of ``release``."""
    s = spec(field)
    if s.type is not FieldType.CODE:
        raise ValueError(f"{field} is not a coded field")
    completeness = s.list_r1 if release is Release.R1 else s.list_r2
    codes = [c for c in all_codes() if c.field is field]
    r2 = [c for c in codes if c.release is Release.R2]
    r1 = [c for c in codes if c.release is Release.R1]
    exact: dict[str, tuple[str, CodeStatus]] = {
        c.value: (c.value, CodeStatus.VALID) for c in r2 if not c.prefix
    }
    r2_by_key = {normal_key(v): v for v in exact}
    for c in r1:
        if c.value in exact:
            continue
        # An R1 value whose R2 form differs only in case (no mapping listed).
        r2_value = c.r2_value or r2_by_key.get(normal_key(c.value), "")
        if r2_value:
            status = CodeStatus.MAPPED if release is Release.R1 else CodeStatus.RELEASE_1
            exact[c.value] = (r2_value, status)
        elif s.list_r2 is ListCompleteness.COMPLETE:
            exact[c.value] = (c.value, CodeStatus.R1_ONLY)
        else:  # no full R2 list is public: the R1 value may well still be valid
            exact[c.value] = (c.value, CodeStatus.VALID)
    normalised: dict[str, str] = {}
    for value, (stored, _) in exact.items():
        normalised.setdefault(normal_key(value), stored)
    prefixes = tuple(c.value for c in r2 if c.prefix)
    return CodeList(field, release, completeness, exact, prefixes, normalised)


@cache
def outcome_rank() -> dict[str, int]:
    """Release 2 Event Outcome → DHSC hierarchy rank (lower wins when de-duplicating)."""
    return {
        c.value: c.rank
        for c in all_codes()
        if c.field is Field.EVENT_OUTCOME and c.release is Release.R2 and c.rank is not None
    }


# DHSC ranks R1-only outcomes ("Release 1 specification only: Not mapped") 3rd.
R1_ONLY_OUTCOME_RANK = 3


def release_only_values(field: Field) -> tuple[frozenset[str], frozenset[str]]:
    """Exact spellings found in only one release's list: (Release 1 only, Release 2 only).

    Empty for a field whose lists cannot tell the releases apart (one release
    has no public list, or the other's patterns cover the value).
    """
    codes = [c for c in all_codes() if c.field is field]
    r1 = {c.value for c in codes if c.release is Release.R1}
    r2 = {c.value for c in codes if c.release is Release.R2 and not c.prefix}
    prefixes = tuple(c.value for c in codes if c.release is Release.R2 and c.prefix)
    if not r1 or not (r2 or prefixes):
        return frozenset(), frozenset()
    r1_only = {v for v in r1 - r2 if not v.startswith(prefixes)} if prefixes else r1 - r2
    return frozenset(r1_only), frozenset(r2 - r1)
