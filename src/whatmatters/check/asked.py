"""What people asked for: value demand by what was asked, in the person's terms.

The record type ("Contact", "Request") says how a demand was written down,
not what the person wanted, so it is never the answer. What was asked is
read from the contact's or request's own words, by the themes below (the
first theme with a keyword in the words, letter case aside); a demand with
no words is placed by its type only when the type says more than the record
kind (an event log's "Contact: asking for help with meals"), and is
otherwise counted as not said in words. Failure demand is read the same
way, so the two stand side by side, with verbatim examples of each theme.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.demand import NOT_RECORDED
from whatmatters.journal.schema import DemandType, Kind

THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coming home from hospital", ("hospital", "discharge", "operation")),
    (
        "help with washing, dressing or personal care",
        ("wash", "bath", "shower", "dress", "toilet", "personal care"),
    ),
    ("memory and dementia", ("dementia", "forget", "memory", "getting lost", "confus")),
    (
        "falls, stairs and getting about",
        ("fall", "stairs", "walk", "mobility", "knee", "get out of", "get up"),
    ),
    ("support for a carer", ("carer", "caring", "look after", "exhausted", "respite")),
    (
        "loneliness and company",
        ("on my own", "lonely", "don't see anyone", "befriend", "alone", "isolat"),
    ),
    ("food, shopping and meals", ("cook", "eating", "meal", "lunch", "shopping", "food")),
    ("medication", ("tablet", "medication", "medicine")),
    (
        "equipment and adaptations",
        ("grab rail", "equipment", "pendant", "alarm", "wheelchair", "blue badge", "adaptation"),
    ),
    ("money and paying for care", ("cost", "pay", "allowance", "benefit", "money")),
    ("low mood and mental health", ("low", "depress", "anxious", "mental health")),
    ("things to do and getting out", ("day centre", "club", "exercise", "class", "activit")),
    ("safety at home", ("safe", "gas", "not coping", "in a state")),
    (
        "information and advice",
        (
            "can you tell me",
            "how do i",
            "who do i",
            "where can i",
            "is there",
            "what help",
            "who can help",
        ),
    ),
)
"""Themes of what people ask for, each with the keywords that place words in it (in order)."""
SOMETHING_ELSE = "something else (see the examples)"
NOT_IN_WORDS = "(not said in words)"
GENERIC_TYPES = ("contact", "request", "new contact", "new request", "referral", "enquiry")
"""Types that only repeat the record kind: they say nothing about what was asked."""


def theme_of(
    said: ir.StringValue, words: ir.StringValue, activity: ir.StringValue
) -> ir.StringValue:
    """The theme of a demand: from its words (``said``: the words in lower case); failing
    words, its type if it says more."""
    cases = [(ibis.or_(*(said.contains(k) for k in keys)), name) for name, keys in THEMES]
    from_words = ibis.cases(*cases, else_=SOMETHING_ELSE)
    type_ = activity.lower().strip()
    says_more = (
        activity.notnull() & ~type_.isin(GENERIC_TYPES) & ~type_.isin([k.value for k in Kind])
    )
    return ibis.cases(
        (words.notnull() & (words.strip() != ""), from_words),
        (says_more, activity),
        else_=NOT_IN_WORDS,
    )


def _with_theme(t: ir.Table) -> ir.Table:
    """``t`` with ``asked``, each row's theme.

    The words are put in lower case once, not once for each of the seventy-odd
    keywords. Callers first group the rows by their words and type, so the
    keywords are looked for once for each different text rather than once for
    each approach: the figures are the same, summed or least over the groups.
    """
    t = t.mutate(said=t.words.lower())
    return t.mutate(asked=theme_of(t.said, t.words, t.activity)).drop("said")


def asked_for(demand: ir.Table) -> ir.Table:
    """Front-door demand by value or failure and what was asked (``asked_for``).

    Card — numerator: contacts and requests (one approach counted once, as
    ``demand.front_door``) of each demand type and theme; ``share``: of all
    demand of that type. Unknowns: demand not classed value or failure is
    "unknown"; no words and a type that only names the record kind is "(not
    said in words)".
    """
    texts = demand.group_by(["demand", "words", "activity"]).agg(n=demand.count())
    t = _with_theme(texts)
    counted = t.group_by(["demand", "asked"]).agg(count=t.n.sum())
    per_type = ibis.window(group_by=counted.demand)
    return counted.mutate(
        share=counted["count"].cast("float64") / counted["count"].sum().over(per_type)
    )


def asked_examples(demand: ir.Table, per_theme: int) -> ir.Table:
    """What people said, verbatim: the first ``per_theme`` different words of each theme.

    Columns: ``demand``, ``asked``, ``example`` (1, 2, …), ``start``,
    ``channel``, ``words``. Only demand with words is shown.
    """
    t = demand.filter(demand.words.notnull() & (demand.words.strip() != ""))
    texts = t.group_by(["demand", "words", "activity"]).agg(
        start=t.start.min(), channel=t.channel.fill_null(NOT_RECORDED).min()
    )
    t = _with_theme(texts)
    firsts = t.group_by(["demand", "asked", "words"]).agg(
        start=t.start.min(), channel=t.channel.min()
    )
    order = ibis.window(
        group_by=[firsts.demand, firsts.asked], order_by=[firsts.start, firsts.words]
    )
    ranked = firsts.mutate(example=ibis.row_number().over(order) + 1)
    return ranked.filter(ranked.example <= per_theme).select(
        "demand", "asked", "example", "start", "channel", "words"
    )


VALUE = DemandType.VALUE.value
FAILURE = DemandType.FAILURE.value
