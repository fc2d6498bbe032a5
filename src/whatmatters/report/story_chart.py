"""The labelled timeline of one person's story: a row per step, each with its words.

Unlike the lane-by-team timeline (``journey_charts.timeline_chart``), each
step is labelled on the chart: its date, team and what happened, and the
person's own words where recorded, so the story reads down the page.
"""

from __future__ import annotations

import altair as alt

from whatmatters import words
from whatmatters.check.story import Step
from whatmatters.language import _, p_
from whatmatters.report.charts import INK, _config
from whatmatters.report.drawing import Datasets, Drawing, unchecked
from whatmatters.report.journey_charts import KIND_STYLES

ROW_HEIGHT = 20
STEPS_SHOWN = 80
"""Steps drawn (the table and CSV beside it have them all)."""
LABEL_LENGTH = 110


def what_happened(step: Step) -> str:
    """The step's record in words: 'Referral to Assessment', 'Contact (calling to tell…)'."""
    text = step.what
    if step.to_team:
        text = _("{what} to {team}").format(what=text, team=step.to_team)
    if step.repeating:
        text = _("{what} (calling to tell the story again)").format(what=text)
    return text


def label(step: Step) -> str:
    """Like '12 May 2023 · Assessment team · Assessment — “I can't manage the stairs”'."""
    parts = [words.date(step.start), step.team or _("no team recorded"), what_happened(step)]
    text = " · ".join(parts)
    if step.words:
        text += f" — “{step.words}”"
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


@unchecked()
def story_chart(story: list[Step], kinds: list[str], *, title: str, description: str) -> Drawing:
    """One row per step, in order: a dot at its date, its label beside the dots."""
    shown = story[:STEPS_SHOWN]
    rows = [
        {
            "step": s.number,
            "start": s.start.isoformat(),
            "kind": p_("kind", kind),
            "label": label(s),
            "worker": s.worker or _("not recorded"),
        }
        for s, kind in zip(shown, kinds, strict=False)
    ]
    present = list(dict.fromkeys(kinds[: len(rows)]))
    colour = alt.Color(
        "kind:N",
        title=_("What happened"),
        scale=alt.Scale(
            domain=[p_("kind", k) for k in present],
            range=[KIND_STYLES.get(k, ("#000000", ""))[0] for k in present],
        ),
    )
    y = alt.Y("step:O", title=None)
    data = Datasets()
    base = alt.Chart(data.named("steps", rows)).encode(y=y)
    dots = base.mark_point(filled=True, size=60).encode(
        x=alt.X("start:T", title=None),
        color=colour,
        tooltip=[
            alt.Tooltip("start:T", title=_("when"), format="%-d %b %Y"),
            alt.Tooltip("label:N", title=_("step")),
            alt.Tooltip("worker:N", title=_("worker")),
        ],
    )
    text = base.mark_text(align="left", dx=6, fontSize=11, color=INK).encode(
        x=alt.value(0), text="label:N"
    )
    timeline = dots.properties(width=260, height=ROW_HEIGHT * max(len(rows), 3))
    labels = text.properties(width=560, height=ROW_HEIGHT * max(len(rows), 3))
    chart = alt.hconcat(timeline, labels, spacing=4).properties(
        title=alt.Title(title, subtitle=description[:200]), description=description
    )
    return _config(chart, data)
