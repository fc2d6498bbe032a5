"""CLD rows as journal rows: which journal column each field fills, and the derived ones.

* ``person_id`` is the council's own identifier, as DHSC forms it when there
  is no NHS number: ``LA Code + "_" + LA Person Unique Identifier`` (both are
  required on every row, so every row has one; the NHS number stays in its own
  column and is not spread into an identifier used everywhere).
* ``kind`` comes from Event Type; a carer known by association with no event
  is ``other``.
* ``activity`` names the step on a process map: "Request", the assessment
  type ("Long term assessment"), the service type ("Long term support:
  Community"), "Planned review"/"Unplanned review"/"Review of short term
  support"; unpaid carers' steps are prefixed "Carer: ".
* ``event_id`` is "file:row", unique in the journal; ``council`` is the LA Code.
* ``start``/``end`` are Event Start/End Date as submitted (the date of death
  does not replace the end; the duplicates and measures derive that), except
  that a service an earlier return had open and the next return leaves out
  ends at the earlier period's end, as DHSC's joined tables end it (§A7,
  ``returns.py``).
* Coded values are stored in Release 2 wording; text exactly as submitted.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.columns import SOURCE, SOURCE_ROW, value
from whatmatters.journal.cld.conditions import CARER, CARER_BY_ASSOCIATION
from whatmatters.journal.cld.fields import Field, field_specs
from whatmatters.journal.cld.returns import end_at_period_end
from whatmatters.journal.cld.weekly import hours_per_week, units_per_week, weekly_cost
from whatmatters.journal.schema import Kind

EVENT_KINDS: dict[str, Kind] = {
    "Request": Kind.REQUEST,
    "Assessment": Kind.ASSESSMENT,
    "Service": Kind.SERVICE,
    "Review": Kind.REVIEW,
}
# Journal columns filled from a field by something other than its plain value.
_SPECIAL = {Field.EVENT_TYPE, Field.EVENT_START_DATE, Field.EVENT_END_DATE}


def kind() -> pl.Expr:
    return value(Field.EVENT_TYPE).replace_strict(
        {k: v.value for k, v in EVENT_KINDS.items()}, default=Kind.OTHER.value
    )


def activity() -> pl.Expr:
    event = value(Field.EVENT_TYPE)
    assessment = value(Field.ASSESSMENT_TYPE)
    reason = value(Field.REVIEW_REASON).str.to_lowercase()
    review = (
        pl.when(reason.str.starts_with("planned"))
        .then(pl.lit("Planned review"))
        .when(reason.str.starts_with("unplanned"))
        .then(pl.lit("Unplanned review"))
        .when(reason == "review of short term support")
        .then(pl.lit("Review of short term support"))
        .otherwise(pl.lit("Review"))
    )
    step = (
        pl.when(event == "Request")
        .then(pl.lit("Request"))
        .when(event == "Assessment")
        .then(
            pl.when(assessment.str.to_lowercase().str.contains("assessment"))
            .then(assessment)
            .when(assessment.is_not_null())
            .then(pl.lit("Assessment: ") + assessment)
            .otherwise(pl.lit("Assessment"))
        )
        .when(event == "Service")
        .then(value(Field.SERVICE_TYPE).fill_null("Service"))
        .when(event == "Review")
        .then(review)
        .when(CARER_BY_ASSOCIATION)
        .then(pl.lit("Known by association"))
        .otherwise(event)
    )
    return pl.when(CARER).then(pl.lit("Carer: ") + step).otherwise(step)


_UNITS = "\x1funits_per_week"


def per_combination(frame: pl.DataFrame, expr: pl.Expr) -> pl.Series:
    """``expr`` worked out once per distinct combination of the columns it reads.

    Activities and weekly units read a few coded columns: string work on a
    few dozen combinations, mapped back to every row by a join, instead of on
    every row.
    """
    names = list(dict.fromkeys(expr.meta.root_names()))
    inputs = frame.select(names)
    combinations = inputs.unique().with_columns(expr.alias("\x1fresult"))
    return inputs.join(
        combinations, on=names, how="left", nulls_equal=True, maintain_order="left"
    ).get_column("\x1fresult")


def journal_frame(prepared: pl.DataFrame) -> pl.DataFrame:
    """A prepared CLD frame as journal columns (the journal's others are left empty)."""
    frame = prepared.with_columns(
        per_combination(prepared, units_per_week()).alias(_UNITS),
        per_combination(prepared, activity()).alias("\x1factivity"),
    )
    units = pl.col(_UNITS)
    columns = [
        pl.format("{}:{}", SOURCE, SOURCE_ROW).alias("event_id"),
        SOURCE.alias("source"),
        SOURCE_ROW.alias("source_row"),
        pl.format("{}_{}", value(Field.LA_CODE), value(Field.LA_PERSON_UNIQUE_IDENTIFIER)).alias(
            "person_id"
        ),
        kind().alias("kind"),
        pl.col("\x1factivity").alias("activity"),
        value(Field.EVENT_START_DATE).cast(pl.Datetime("us")).alias("start"),
        end_at_period_end().cast(pl.Datetime("us")).alias("end"),
        units.alias("units_per_week"),
        weekly_cost(units).alias("weekly_cost"),
        hours_per_week().alias("hours_per_week"),
    ]
    columns += [
        value(field).alias(spec.journal_column)
        for field, spec in field_specs().items()
        if field not in _SPECIAL
    ]
    return frame.select(columns)
