"""A Welsh synthetic council: the same model's journal, as a Welsh council would record it.

``generate --nation wales`` runs the same model as for England, then turns
its journal into the Welsh template's events (``journal.wales.template``):

* a contact becomes an information, advice and assistance (IAA) contact;
  advice was given when the contact was resolved at the first point;
* a what-matters conversation stays one, with its words;
* an assessment's eligibility outcome: eligible needs with services to follow
  are met through a care and support plan, other eligible needs without one;
  no eligible needs stays so;
* a person's first support plan starts their care and support plan; later
  plans are reviews that revise it; a review that moves to support planning
  revises the plan, any other confirms it;
* the plan closes when every service that started under it has ended, with
  the reason of the last one to end, and the person's last review's view of
  their outcomes (with no review, one drawn in the shares of the model's
  reviews; none when they died);
* reablement keeps its dates; its outcome comes from how it ended;
* adult-at-risk reports and enquiries, which the model does not make, are
  added at the rates below (assumptions, so the measures have something to read);
* the language of each contact and whether the Active Offer was made, by a
  person's language and the offer's rate below.

Rows are only what the template carries (plus the person's date of birth and
gender), so the journal exported as the template imports back identical.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from whatmatters.journal.schema import SCHEMA, Kind
from whatmatters.journal.wales.template import EVENT_TYPES, FIELDS, ONLY_FOR

COUNCIL = "W06000099"  # a fictional code in the ONS Welsh council series

# Assumption, bounded by a source: Census 2021 (ONS, 6 Dec 2022) found 17.8% of
# Wales's residents aged 3 and over able to speak Welsh; we take that share as
# the people who would choose to be served in Welsh.
WELSH_SPEAKING_SHARE = 0.178
# Assumption: no published rate for the Active Offer being made at a contact.
ACTIVE_OFFER_RATE = 0.5
# Assumptions: no published person-level rates were found. Reports of an adult
# at risk per assessment, the share leading to an enquiry, and the enquiry's
# length in calendar days (a gamma: mean 6 days, a long tail past seven working days).
REPORT_PER_ASSESSMENT = 0.05
ENQUIRY_SHARE = 0.8
ENQUIRY_DAYS_SHAPE, ENQUIRY_DAYS_SCALE = 2.0, 3.0

_FIXED = {name for event in EVENT_TYPES.values() for name, _ in event.fixed}
_KEPT = sorted({f.column for f in FIELDS} | _FIXED | {"activity", "source", "source_row"})
_REABLEMENT_OUTCOME = {  # an assumption: how the model's end of reablement reads in Wales
    "NFA: Support ended as planned": "reduced",
    "Progress to support planning or services": "mitigated",
}
_CLOSURE_REASON = {
    "NFA: Deceased": "died",
    "NFA: Responsibility moved to another local authority": "moved to another council",
    "NFA: Support ended as planned": "care and support no longer needed",
}
_ACHIEVED = {"Fully Met": "fully", "Partially Met": "partly", "Not Met": "not"}


def welsh_journal(model: pa.Table, seed: int, council: str = COUNCIL) -> pa.Table:
    """The model's journal ``model`` as the Welsh template's events, sorted like an export."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 18]))
    rows = pl.from_arrow(model).with_columns(
        pl.col("start").dt.truncate("1d"), pl.col("end").dt.truncate("1d")
    )
    parts = [
        _contacts(rows),
        _conversations(rows),
        _assessments(rows),
        *_plans_and_reviews(rows, rng),
        _reablement(rows),
        _safeguarding(rows, rng),
    ]
    events = pl.concat([p.select(_KEPT) for p in parts], how="vertical_relaxed")
    events = _languages(events, rng).with_columns(
        pl.lit(council).alias("council"), pl.lit("synthetic").alias("source")
    )
    events = events.sort(["person_id", "start", "event_id"]).with_columns(
        pl.int_range(1, pl.len() + 1).alias("source_row")
    )
    return _as_journal(events)


def _typed(frame: pl.DataFrame, event: str, **columns: pl.Expr) -> pl.DataFrame:
    """``frame`` as template rows of ``event``: its kind, activity, fixed and given columns."""
    kind = EVENT_TYPES[event]
    fixed = {name: pl.lit(value) for name, value in kind.fixed}
    present = {c: pl.col(c) for c in _KEPT if c in frame.columns}
    # A field the template keeps for other event types is blank here (as an import stores it).
    blank = {
        c: pl.lit(None)
        for c in _KEPT
        if c not in frame.columns or event not in ONLY_FOR.get(c, (event,))
    }
    return frame.select(
        **{
            **present,
            **blank,
            "kind": pl.lit(kind.kind.value),
            "activity": pl.lit(kind.activity),
            **fixed,
            **columns,
        }
    )


def _contacts(rows: pl.DataFrame) -> pl.DataFrame:
    contacts = rows.filter(pl.col("kind") == Kind.CONTACT.value)
    return _typed(
        contacts,
        "iaa_contact",
        advice_and_assistance=pl.col("resolved_first_point").fill_null(False),
    )


def _conversations(rows: pl.DataFrame) -> pl.DataFrame:
    talks = rows.filter(pl.col("kind") == Kind.CONVERSATION.value)
    return _typed(talks, "what_matters_conversation")


def _assessments(rows: pl.DataFrame) -> pl.DataFrame:
    done = rows.filter(pl.col("kind") == Kind.ASSESSMENT.value)
    eligible = pl.col("eligible_needs_identified") == "Yes"
    to_plan = pl.col("outcome") == "Progress to support planning or services"
    outcome = (
        pl.when(eligible & to_plan)
        .then(pl.lit("met_through_plan"))
        .when(eligible)
        .then(pl.lit("met_without_plan"))
        .otherwise(pl.lit("no_eligible_needs"))
    )
    return _typed(done, "assessment", eligibility_outcome_wales=outcome)


def _plans_and_reviews(rows: pl.DataFrame, rng: np.random.Generator) -> list[pl.DataFrame]:
    plans = rows.filter(pl.col("kind") == Kind.PLAN.value).sort(["person_id", "start"])
    first = plans.group_by("person_id", maintain_order=True).first()
    later = plans.join(first.select("event_id"), on="event_id", how="anti")
    reviews = rows.filter(pl.col("kind") == Kind.REVIEW.value)
    revise = pl.col("outcome") == "Progress to support planning or services"
    return [
        _typed(first, "plan_start"),
        _typed(later, "review", review_decision=pl.lit("revise")),
        _typed(
            reviews,
            "review",
            review_decision=pl.when(revise).then(pl.lit("revise")).otherwise(pl.lit("confirm")),
        ),
        _closures(rows, first, reviews, rng),
    ]


def _closures(
    rows: pl.DataFrame, first: pl.DataFrame, reviews: pl.DataFrame, rng: np.random.Generator
) -> pl.DataFrame:
    """A plan closes when every service started under it has ended (none still open).

    The closure statement's evaluation is the person's last review's; with no
    review before it, it is drawn in the shares the model's reviews give.
    """
    services = rows.filter(pl.col("kind") == Kind.SERVICE.value).join(
        first.select("person_id", pl.col("start").alias("plan_start")), on="person_id"
    )
    services = services.filter(pl.col("start") >= pl.col("plan_start"))
    last = (
        services.sort(["person_id", "end"], nulls_last=True)
        .group_by("person_id", maintain_order=True)
        .agg(
            pl.col("end").is_null().any().alias("open"),
            pl.col("end").last().alias("closed"),
            pl.col("outcome").last().alias("how"),
            pl.col("event_id").last().alias("service_id"),
        )
        .filter(~pl.col("open"))
    )
    views = reviews.sort("start").select(
        "person_id", pl.col("start").alias("reviewed"), "review_outcomes_achieved"
    )
    last = last.sort("closed").join_asof(
        views.sort("reviewed"),
        left_on="closed",
        right_on="reviewed",
        by="person_id",
        check_sortedness=False,  # sorted by time; the check cannot see that within each person
    )
    closures = last.join(first.drop("end"), on="person_id").sort("service_id")
    drawn = _drawn_views(reviews, closures.height, rng)
    achieved = (
        pl.col("review_outcomes_achieved")
        .replace_strict(_ACHIEVED, default=None)
        .fill_null(pl.Series(drawn, dtype=pl.String))
    )
    died = pl.col("how") == "NFA: Deceased"
    return _typed(
        closures,
        "plan_closure",
        event_id=pl.col("service_id") + ":closure",
        start=pl.col("closed"),
        end=pl.lit(None),
        reason=pl.col("how").replace_strict(_CLOSURE_REASON, default="other"),
        closure_outcomes_achieved=pl.when(died).then(None).otherwise(achieved),
        words=pl.lit(None),
    )


def _drawn_views(reviews: pl.DataFrame, n: int, rng: np.random.Generator) -> list[str | None]:
    """``n`` evaluations drawn in the shares of the model's reviews (none if it made none)."""
    views = reviews["review_outcomes_achieved"].drop_nulls().replace_strict(_ACHIEVED, default=None)
    counts = views.drop_nulls().value_counts(sort=True, name="n").sort("review_outcomes_achieved")
    if counts.height == 0:
        return [None] * n
    shares = (counts["n"] / counts["n"].sum()).to_numpy()
    return list(rng.choice(counts["review_outcomes_achieved"].to_list(), size=n, p=shares))


def _reablement(rows: pl.DataFrame) -> pl.DataFrame:
    done = rows.filter(
        (pl.col("kind") == Kind.SERVICE.value) & (pl.col("service_component") == "Reablement")
    )
    outcome = pl.col("outcome").replace_strict(_REABLEMENT_OUTCOME, default=None)
    return _typed(
        done,
        "reablement",
        reablement_outcome=pl.when(pl.col("end").is_not_null()).then(outcome),
    )


def _safeguarding(rows: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Reports of an adult at risk near an assessment, and enquiries into most (assumptions)."""
    assessed = rows.filter(pl.col("kind") == Kind.ASSESSMENT.value).sort("event_id")
    reported = assessed.filter(pl.Series(rng.random(assessed.height) < REPORT_PER_ASSESSMENT))
    before = pl.Series(rng.integers(0, 31, reported.height)).cast(pl.Int64)
    reports = reported.with_columns(
        (pl.col("start") - pl.duration(days=before)).alias("start"),
        (pl.col("event_id") + ":report").alias("event_id"),
    )
    enquired = reports.filter(pl.Series(rng.random(reports.height) < ENQUIRY_SHARE))
    days = rng.gamma(ENQUIRY_DAYS_SHAPE, ENQUIRY_DAYS_SCALE, enquired.height).round()
    enquiries = enquired.with_columns(
        (pl.col("start") + pl.duration(days=pl.Series(days).cast(pl.Int64))).alias("end"),
        (pl.col("event_id").str.replace(":report$", ":enquiry")).alias("event_id"),
    )
    return pl.concat(
        [
            _typed(reports, "safeguarding_report", end=pl.lit(None)),
            _typed(enquiries, "safeguarding_enquiry"),
        ],
        how="vertical_relaxed",
    )


def _languages(events: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Each contact's and conversation's language, and whether the Active Offer was made."""
    people = events.select("person_id").unique().sort("person_id")
    welsh = people.with_columns(
        pl.Series("welsh", rng.random(people.height) < WELSH_SPEAKING_SHARE)
    )
    talking = pl.col("kind").is_in([Kind.CONTACT.value, Kind.CONVERSATION.value])
    offered = pl.Series(rng.random(events.height) < ACTIVE_OFFER_RATE)
    return (
        events.with_columns(offered.alias("offer"))
        .join(welsh, on="person_id", how="left", maintain_order="left")
        .with_columns(
            pl.when(talking).then(pl.col("offer")).alias("active_offer_made"),
            pl.when(talking)
            .then(
                pl.when(pl.col("welsh") & pl.col("offer"))
                .then(pl.lit("cy"))
                .otherwise(pl.lit("en"))
            )
            .alias("conversation_language"),
        )
        .drop("offer", "welsh")
    )


def _as_journal(events: pl.DataFrame) -> pa.Table:
    table = events.to_arrow()
    fields = [SCHEMA.field(name) for name in SCHEMA.names if name in table.column_names]
    return table.select([f.name for f in fields]).cast(pa.schema(fields))
