"""The report as one HTML page in its folder: inline CSS, charts drawn by the folder's scripts.

Nothing is fetched from elsewhere: styles are in a ``<style>`` element, each
chart's Vega-Lite specification is a JSON block drawn by ``scripts/draw.js``
with the bundled vega-embed (no inline script, so a strict Content Security
Policy can allow just the folder's own files), and the process maps are
inline SVG. Without scripts (or in print before drawing) each chart's place
holds its sentence and a link to its table.
"""

from __future__ import annotations

from importlib import resources

import jinja2

from whatmatters import __version__, words
from whatmatters.check.run import CheckResult
from whatmatters.check.window import Window, WindowBasis
from whatmatters.language import _, html_lang, n_
from whatmatters.report.figures import Section
from whatmatters.report.svg_ids import drawn_width, namespace_ids


def plain_and_detail(sentence: str) -> tuple[str, str]:
    """A capability chart's sentence split into one plain sentence and the detail after it.

    The reading says what the process predictably does, then its signals and
    caveats, joined by semicolons; the page shows the first part and keeps the
    rest in an expandable part.
    """
    first, _, rest = sentence.partition("; ")
    if not rest:
        return sentence, ""
    parts = rest.rstrip(".").split("; ")
    return first + ".", ". ".join(part[0].upper() + part[1:] for part in parts) + "."


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("whatmatters.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_, n_, newstyle=True)  # type: ignore[attr-defined]
    env.filters["namespace"] = namespace_ids
    env.filters["plain_and_detail"] = plain_and_detail
    return env


def render_page(
    result: CheckResult,
    sections: list[Section],
    specs: dict[str, dict],
    maps: dict[str, str],
    source: str,
) -> str:
    """The report page's HTML."""
    css = resources.files("whatmatters.report").joinpath("templates/report.css").read_text()
    people = result["people"]
    events = sum(people["events"].to_pylist())
    facts = [
        (_("people"), words.number(people.num_rows)),
        (_("records"), words.number(events)),
        (_("episodes of work"), words.number(result["episodes"].num_rows)),
        (_("different journeys"), words.number(result["variants"].num_rows)),
    ]
    left_out = result["left_out"].to_pylist()[0]
    dropped = left_out["no_person"] + left_out["no_start"]
    summary = _(
        "Work followed through the system from the person's side, in the records of {source}."
    ).format(source=source) + (
        _(" {records} had no person or no start and are left out.").format(
            records=words.plural(dropped, "record")
        )
        if dropped
        else ""
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=_("Following the work through the system"),
            lang=html_lang(),
            summary=summary,
            window=window_words(result.window),
            facts=facts,
            sections=sections,
            specs=specs,
            maps={key: namespace_ids(svg, key) for key, svg in maps.items()},
            widths={key: drawn_width(svg) for key, svg in maps.items()},
            css=css,
            footer=_("Made by whatmatters {version}.").format(version=__version__),
        )
    )


def window_words(window: Window) -> str:
    """How the window was chosen and what lies outside it, in plain words."""
    start, end = words.date(window.start), words.date(window.end)
    if window.basis is WindowBasis.FRONT_DOOR:
        text = _(
            "The check starts on {start}, when contacts and requests begin to be recorded "
            "steadily, and runs to {end}."
        )
    elif window.basis is WindowBasis.REPORTING_PERIODS:
        text = _(
            "The check runs over the reporting periods the returns state, from {start} to {end}."
        )
    elif window.basis is WindowBasis.ALL_EVENTS:
        text = _("The check runs from the first record, on {start}, to {end}.")
    else:
        text = _("The check runs from {start} to {end}, as asked.")
    text = text.format(start=start, end=end)
    if window.earlier:
        text += _(
            " {records} started before then; services among "
            "them that were still running count towards people in care, care hours and cost."
        ).format(records=words.plural(window.earlier, "record"))
    if window.later:
        text += _(" {records} dated after {end} are left out.").format(
            records=words.plural(window.later, "record"), end=end
        )
    charted = window.charted
    if (charted.start, charted.end) != (window.start, window.end):
        steadily = (
            _(" Capability charts cover {start} to {end}, when records flow steadily.")
            if window.basis is WindowBasis.ALL_EVENTS
            else _(
                " Capability charts cover {start} to {end}, when contacts and requests are "
                "recorded steadily."
            )
        )
        text += steadily.format(start=words.date(charted.start), end=words.date(charted.end))
    return text
