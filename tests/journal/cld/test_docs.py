"""docs/cld-import.md names every rule a user can meet."""

from __future__ import annotations

from pathlib import Path

from whatmatters.journal.cld.duplicates import LATER_RETURN
from whatmatters.journal.cld.duplicates import RULE as DUPLICATE_RULE
from whatmatters.journal.cld.read import FileRule
from whatmatters.journal.cld.rules import RELEASE_2_RULES

DOC = Path(__file__).resolve().parents[3] / "docs" / "cld-import.md"


def test_every_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    codes = [r.code for r in RELEASE_2_RULES] + [r.value for r in FileRule]
    codes += [DUPLICATE_RULE, LATER_RETURN, "unknown_column"]
    missing = [code for code in codes if f"`{code}`" not in text]
    assert not missing, f"docs/cld-import.md does not describe {missing}"
