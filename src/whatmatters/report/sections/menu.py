"""The report's menu section: who carries the plans, the person's own network or paid services.

The seed's check found people assessed to fit a menu of services. The menu
index (``catalogue/menu.py``) is the share of plan actions, and of those
behind what matters achieved, done by the person, family, friends,
community or unpaid carers; here per team, before and after. Sentences are
kept here, in one place.
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.run import CheckResult
from whatmatters.report.figure import Figure, Section, share

TITLE = "The menu: who carries the plans"
SIDES = {
    "before": "before the change",
    "after": "after the change",
    "whole window": "over the whole window",
}
NOT_HELD = (
    "No plan actions are recorded, so the menu index cannot be read here: these records "
    "(a CLD return holds paid services only) do not say who does each part of a plan."
)


def menu(result: CheckResult) -> Section:
    rows = result["menu_by_team"].to_pylist()
    compared = result.comparison.before and result.comparison.after
    sides = ["before", "after"] if compared else ["whole window"]
    intro = (
        "A service-led system fits people to a menu of paid services; one that starts from "
        "what matters finds much of the answer in the person's own life. The menu index is "
        "the share of plan actions done by the person, family, friends, community or other "
        "unpaid carers rather than a paid service, for all plan actions and for those "
        "behind what matters achieved."
    )
    return Section("menu", TITLE, intro, [_by_team(rows, sides)])


def _totals(rows: list[dict], names: list[str]) -> dict[str, dict[str, int]]:
    sides = {name: {"actions": 0, "own": 0, "achieved": 0, "achieved_own": 0} for name in names}
    for r in rows:
        side = sides[r["side"]]
        side["actions"] += r["actions"]
        side["own"] += r["own_network"]
        side["achieved"] += r["achieved_actions"]
        side["achieved_own"] += r["achieved_own_network"]
    return sides


def sentence(rows: list[dict], names: list[str]) -> str:
    """The menu index in words, each stretch in turn, or why it cannot be read."""
    sides = _totals(rows, names)
    if not any(s["actions"] for s in sides.values()):
        return NOT_HELD
    said = []
    for side, s in sides.items():
        if not s["actions"]:
            said.append(f"{SIDES.get(side, side)}, no plan actions were recorded")
            continue
        text = (
            f"{SIDES.get(side, side)}, {words.percent(share(s['own'], s['actions']))} of "
            f"{words.plural(s['actions'], 'plan action')} were done by the person and their "
            "own network"
        )
        if s["achieved"]:
            text += (
                f" ({words.percent(share(s['achieved_own'], s['achieved']))} of those behind "
                "what matters achieved)"
            )
        said.append(text)
    text = "; ".join(said) + "."
    return text[0].upper() + text[1:]


def _by_team(rows: list[dict], sides: list[str]) -> Figure:
    return Figure(
        "menu_by_team",
        "Plan actions by the person's own network, by team",
        sentence(rows, sides),
        tables=("menu_by_team",),
        columns=(
            "team",
            "stretch",
            "plan actions",
            "share by own network",
            "actions behind what matters achieved",
            "their share by own network",
        ),
        rows=[
            (
                r["team"],
                r["side"],
                words.number(r["actions"]),
                words.percent(r["share"]),
                words.number(r["achieved_actions"]),
                words.percent(r["achieved_share"]),
            )
            for r in sorted(rows, key=lambda r: (r["team"], r["side"] != "before"))
            if r["actions"] or r["achieved_actions"]
        ],
    )
