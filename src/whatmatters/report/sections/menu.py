"""The report's menu section: who carries the plans, the person's own network or paid services.

The seed's check found people assessed to fit a menu of services. The menu
index (``catalogue/menu.py``) is the share of plan actions, and of those
behind what matters achieved, done by the person, family, friends,
community or unpaid carers; here per team, before and after. Sentences are
kept here, in one place, in the report's language.
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.run import CheckResult
from whatmatters.check.sides import BEFORE, WHOLE
from whatmatters.language import N_, _
from whatmatters.report.figure import Figure, Section, share
from whatmatters.report.side_names import SIDES, side_names, side_phrases

NOT_HELD = N_(
    "No plan actions are recorded, so the menu index cannot be read here: these records "
    "(a CLD return holds paid services only) do not say who does each part of a plan."
)


def menu(result: CheckResult) -> Section:
    rows = result["menu_by_team"].to_pylist()
    compared = result.comparison.before and result.comparison.after
    sides = [*SIDES] if compared else [WHOLE]
    intro = _(
        "A service-led system fits people to a menu of paid services; one that starts from "
        "what matters finds much of the answer in the person's own life. The menu index is "
        "the share of plan actions done by the person, family, friends, community or other "
        "unpaid carers rather than a paid service, for all plan actions and for those "
        "behind what matters achieved."
    )
    return Section("menu", _("The menu: who carries the plans"), intro, [_by_team(rows, sides)])


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
        return _(NOT_HELD)
    said = []
    phrases = side_phrases()
    for side, s in sides.items():
        if not s["actions"]:
            said.append(_("{side}, no plan actions were recorded").format(side=phrases[side]))
            continue
        text = _(
            "{side}, {share} of {actions} were done by the person and their own network"
        ).format(
            side=phrases[side],
            share=words.percent(share(s["own"], s["actions"])),
            actions=words.plural(s["actions"], "plan action"),
        )
        if s["achieved"]:
            text += _(" ({share} of those behind what matters achieved)").format(
                share=words.percent(share(s["achieved_own"], s["achieved"]))
            )
        said.append(text)
    text = "; ".join(said) + "."
    return text[0].upper() + text[1:]


def _by_team(rows: list[dict], sides: list[str]) -> Figure:
    names = side_names()
    return Figure(
        "menu_by_team",
        _("Plan actions by the person's own network, by team"),
        sentence(rows, sides),
        tables=("menu_by_team",),
        columns=(
            _("team"),
            _("stretch"),
            _("plan actions"),
            _("share by own network"),
            _("actions behind what matters achieved"),
            _("their share by own network"),
        ),
        rows=[
            (
                r["team"],
                names[r["side"]],
                words.number(r["actions"]),
                words.percent(r["share"]),
                words.number(r["achieved_actions"]),
                words.percent(r["achieved_share"]),
            )
            for r in sorted(rows, key=lambda r: (r["team"], r["side"] != BEFORE))
            if r["actions"] or r["achieved_actions"]
        ],
    )
