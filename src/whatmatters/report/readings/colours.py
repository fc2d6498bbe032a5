"""The colours and legend words of a capability chart's points (Making Data Count's)."""

from __future__ import annotations

from whatmatters.check.capability import PointType
from whatmatters.language import _

POINT_COLOURS = {
    PointType.IMPROVEMENT: "#00b0f0",
    PointType.CONCERN: "#e46c0a",
    PointType.NEUTRAL: "#490092",
    PointType.COMMON_CAUSE: "#a6a6a6",
}
POINT_LABELS = {  # English: said in the report's language by ``label``
    PointType.IMPROVEMENT: "sign of improvement",
    PointType.CONCERN: "sign of concern",
    PointType.NEUTRAL: "sign of change",
    PointType.COMMON_CAUSE: "common cause (no signal)",
}


def colour(point: PointType | str) -> str:
    """The Making Data Count colour for this kind of point."""
    return POINT_COLOURS[PointType(point)]


def label(point: PointType | str) -> str:
    """Plain words for a legend."""
    return _(POINT_LABELS[PointType(point)])
