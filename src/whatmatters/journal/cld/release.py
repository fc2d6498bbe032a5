"""CLD specification releases, and telling which one a file follows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Release(StrEnum):
    """A CLD specification generation (Release 1 from April 2023, Release 2 later)."""

    R1 = "R1"
    R2 = "R2"


@dataclass(frozen=True)
class ReleaseEvidence:
    """Why a file was read as the release it was."""

    release: Release
    r1_values: int  # values that are exactly a Release 1 spelling found only in Release 1
    r2_values: int  # values that are exactly a Release 2 spelling found only in Release 2
    given: bool = False  # the user said which release (--release)

    def describe(self) -> str:
        if self.given:
            return f"Release {self.release.value[1]} (as given)"
        if not self.r1_values and not self.r2_values:
            return "Release 2 (no release-specific values found; Release 2 assumed)"
        return (
            f"Release {self.release.value[1]} (detected: {self.r1_values:,} Release 1 "
            f"and {self.r2_values:,} Release 2 spellings)"
        )
