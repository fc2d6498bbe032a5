"""The phrase bank: what people say, in their own words (written for the project).

``phrases.toml`` holds groups of plausible statements. All phrases form one
vocabulary; a group is a slice of it, so the model picks phrases as integer
codes (fast, vectorised) and the words are looked up once when rows are written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whatmatters.council.codes import DemandReason
from whatmatters.journal.schema import ActionBy

PHRASES_FILE = Path(__file__).with_name("phrases.toml")

# Groups every bank must have (failure and action groups are keyed by enum values).
GROUPS = ("need", "advice", "hospital", "what_matters")


@dataclass(frozen=True)
class PhraseBank:
    """All phrases, and where each group sits among them."""

    vocabulary: tuple[str, ...]
    groups: dict[str, tuple[int, int]]  # group -> (first code, count)

    def pick(self, rng: np.random.Generator, group: str, n: int) -> np.ndarray:
        """``n`` phrase codes drawn uniformly from ``group``."""
        first, count = self.groups[group]
        return first + rng.integers(0, count, size=n)

    def pick_by(self, rng: np.random.Generator, groups: list[str], which: np.ndarray) -> np.ndarray:
        """One phrase code per element, from ``groups[which[i]]``."""
        firsts = np.array([self.groups[g][0] for g in groups])
        counts = np.array([self.groups[g][1] for g in groups])
        return firsts[which] + np.floor(rng.random(len(which)) * counts[which]).astype(np.int64)


def failure_group(reason: DemandReason) -> str:
    return f"failure.{reason.value}"


def action_group(by: ActionBy) -> str:
    return f"action.{by.value}"


def load_phrases(path: str | Path | None = None) -> PhraseBank:
    """Read the phrase bank and check it has every group the model uses."""
    path = Path(path) if path is not None else PHRASES_FILE
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    flat: dict[str, list[str]] = {g: raw.get(g, []) for g in GROUPS}
    for reason in DemandReason:
        flat[failure_group(reason)] = raw.get("failure", {}).get(reason.value, [])
    for by in ActionBy:
        flat[action_group(by)] = raw.get("action", {}).get(by.value, [])
    empty = [g for g, phrases in flat.items() if not phrases]
    if empty:
        raise ValueError(f"{path}: phrase group(s) empty or missing: {', '.join(empty)}")
    vocabulary: list[str] = []
    groups: dict[str, tuple[int, int]] = {}
    for group, phrases in flat.items():
        groups[group] = (len(vocabulary), len(phrases))
        vocabulary.extend(phrases)
    return PhraseBank(tuple(vocabulary), groups)
