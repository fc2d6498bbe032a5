"""A journal written as the Welsh template imports back to the identical journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from whatmatters.journal.schema import SCHEMA, conform
from whatmatters.journal.wales.export import export_wales
from whatmatters.journal.wales.template import (
    ELIGIBILITY_OUTCOMES,
    EVENT_TYPES,
    LANGUAGES,
    OUTCOMES_ACHIEVED,
    REABLEMENT_OUTCOMES,
    REVIEW_DECISIONS,
)
from whatmatters.journal.wales.validate import validate_wales

# Any text a person might type, formula-like starts and Welsh letters included;
# fields other than the person's words are stored trimmed, so are drawn trimmed.
_ANY = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
TEXT = _ANY.map(str.strip) | st.sampled_from(["=SUM(A1)", "+44 1234", "-2", "@x", "'=x", "Ŵyn"])
WORDS = _ANY | st.sampled_from(["  Mynd i'r capel  ", "=1+1", "'-quoted", "line\r\nbreak"])
DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


@st.composite
def journal_rows(draw: st.DrawFn) -> dict[str, object]:
    code = draw(st.sampled_from(sorted(EVENT_TYPES)))
    event = EVENT_TYPES[code]
    start = draw(DAYS)
    maybe = lambda s: draw(st.none() | s)  # noqa: E731
    row: dict[str, object] = {
        "council": maybe(st.sampled_from(["W06000001", "W06000024"])),
        "person_id": draw(TEXT),
        "event_id": draw(st.uuids()).hex,
        "kind": event.kind.value,
        "activity": event.activity,
        "start": _midnight(start),
        "end": maybe(st.integers(0, 400).map(lambda d: _midnight(start) + dt.timedelta(days=d))),
        "team": maybe(TEXT),
        "worker": maybe(TEXT),
        "conversation_language": maybe(st.sampled_from(LANGUAGES)),
        "active_offer_made": maybe(st.booleans()),
        "date_of_birth": maybe(DAYS),
        "gender": maybe(TEXT),
        **dict(event.fixed),
    }
    own = {
        "iaa_contact": {"advice_and_assistance": st.booleans()},
        "assessment": {"eligibility_outcome_wales": st.sampled_from(ELIGIBILITY_OUTCOMES)},
        "review": {"review_decision": st.sampled_from(REVIEW_DECISIONS)},
        "reablement": {"reablement_outcome": st.none() | st.sampled_from(REABLEMENT_OUTCOMES)},
        "plan_closure": {
            "reason": TEXT,
            "closure_outcomes_achieved": st.none() | st.sampled_from(OUTCOMES_ACHIEVED),
        },
        "what_matters_conversation": {"words": st.none() | WORDS},
    }
    row.update({name: draw(values) for name, values in own.get(code, {}).items()})
    return row


def _journal(rows: list[dict[str, object]]) -> pa.Table:
    given = set().union(*rows)
    return conform(
        pa.Table.from_pylist(rows, schema=pa.schema([f for f in SCHEMA if f.name in given]))
    )


def _without_provenance(table: pa.Table) -> pl.DataFrame:
    frame = pl.from_arrow(conform(table)).drop("source", "source_row")
    return frame.sort("event_id")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(journal_rows(), min_size=1, max_size=12))
def test_any_welsh_journal_round_trips_through_the_template(
    tmp_path: Path, rows: list[dict[str, object]]
) -> None:
    journal = _journal(rows)
    exported = export_wales(journal, tmp_path / "w.csv")
    assert exported.rows_written == len(rows)
    checked = validate_wales([exported.out])
    assert checked.errors == 0, checked.problems.to_dicts()
    assert_frame_equal(_without_provenance(checked.table()), _without_provenance(journal))


def test_rows_the_template_cannot_hold_are_left_out_and_counted(tmp_path: Path) -> None:
    rows = [
        {
            "person_id": "P1",
            "kind": "contact",
            "activity": "Contact",
            "start": dt.datetime(2024, 1, 1),
        },
        {
            "person_id": "P1",
            "kind": "plan",
            "activity": "Care and support plan",
            "start": dt.datetime(2024, 1, 2),
            "event_id": "e2",
        },
    ]
    exported = export_wales(_journal(rows), tmp_path / "w.csv")
    assert (exported.rows_written, exported.rows_left_out) == (1, 1)
