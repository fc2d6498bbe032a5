"""The report's catalogue kept whole: ``python -m whatmatters.report.readings.messages``.

Collects every message the report can say — the literal ones from calls to
``_``, ``N_`` (a constant's words), ``n_``, ``p_`` and ``for_period`` in the
report's code, ``words.py``
and the page template, and the ones named at run time (measure names and
cards, units, kinds of event, …, listed in ``named_at_run_time``) — into
each language's ``report.po``: new messages arrive untranslated, messages no
longer said are dropped, translations are kept. Then it compiles each
``report.mo`` (with polib, as the casework's catalogue is compiled). The
tests check that every message is in the catalogue and translated.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from whatmatters.language import DOMAIN, LANGUAGES, LOCALE, SOURCE

PACKAGE = Path(__file__).resolve().parents[2]  # src/whatmatters
COUNTED = "counted"
"""The context of ``words.plural``'s nouns ("3 teams"), apart from the same word alone."""


@dataclass(frozen=True, order=True)
class Message:
    context: str | None
    text: str
    plural: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.text)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def periods() -> list[str]:
    from whatmatters.check.params import Period

    return [p.value for p in Period]


def in_python(source: str) -> Iterator[Message]:
    """The messages of one module's calls with literal words (and ``words.plural``'s nouns)."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        args = [_literal(a) for a in node.args]
        if name in ("_", "N_") and args and args[0]:
            yield Message(None, args[0])
        elif name == "n_" and len(args) >= 2 and args[0] and args[1]:
            yield Message(None, args[0], args[1])
        elif name == "p_" and len(args) >= 2 and args[0] and args[1]:
            yield Message(args[0], args[1])
        elif name == "for_period" and len(args) >= 2 and args[1]:
            yield from (Message(period, args[1]) for period in periods())
        elif name == "plural" and len(args) >= 2 and args[1]:
            many = args[2] if len(args) > 2 and args[2] else args[1] + "s"
            yield Message(COUNTED, args[1], many)
        elif name == "np_" and len(args) >= 3 and all(args[:3]):
            yield Message(args[0], args[1], args[2])


def in_template(source: str) -> Iterator[Message]:
    """The messages of a Jinja template's ``_("…")`` calls."""
    import io

    from jinja2.ext import babel_extract

    found = babel_extract(io.BytesIO(source.encode()), ["_"], [], {"extensions": "jinja2.ext.i18n"})
    for _line, _function, text, _comments in found:
        text = text[0] if isinstance(text, tuple) else text  # a call with named values
        if isinstance(text, str):
            yield Message(None, text)


def named_at_run_time() -> Iterator[Message]:
    """Messages whose words come from elsewhere at run time, so no call names them."""
    from whatmatters.check.capability import Rule
    from whatmatters.check.catalogue import MEASURES
    from whatmatters.journal.schema import Kind
    from whatmatters.report.charts import _LINE_STYLES
    from whatmatters.report.process_map import View
    from whatmatters.report.readings.colours import POINT_LABELS

    for info in MEASURES.values():
        yield from (Message(None, info.title), Message(None, info.card.definition))
        yield Message(None, info.result_name)
        yield Message(None, info.card.unknowns)
        if info.unit not in {"%", "£", ""}:
            yield Message("unit", info.unit)
    yield from (Message(None, label) for label in POINT_LABELS.values())
    yield from (Message(None, line) for line in _LINE_STYLES)
    yield from (Message("rule", rule.value) for rule in Rule)
    yield from (Message("kind", kind.value) for kind in Kind)
    yield from (Message("map view", view.value) for view in View)
    yield from (Message("map end", end) for end in ("start", "end"))
    from whatmatters.check.asked import NOT_IN_WORDS, SOMETHING_ELSE, THEMES

    for name in (*(name for name, _keys in THEMES), NOT_IN_WORDS, SOMETHING_ELSE):
        yield Message("asked", name)
    yield from (Message("demand", kind) for kind in ("value", "failure", "unclassified"))
    for period in periods():
        yield Message("period", period)
        yield Message(COUNTED, period, period + "s")  # words.plural(n, period)
    # chart fields shown as axis and tooltip titles (bar_chart and line_chart's arguments)
    fields = ("type", "demand", "reason", "within", "sequel", "count", "share", "requests")
    yield from (Message("field", name) for name in (*fields, "period", "value"))
    # nouns counted through tuples (sections/journeys._counted, flow, demand)
    for one, many in (
        ("team", "teams"),
        ("worker", "workers"),
        ("handoff", "handoffs"),
        ("assessment", "assessments"),
        ("rarer step", "rarer steps"),
        ("rarer path", "rarer paths"),
        ("contact", "contacts"),
        ("request", "requests"),
        ("contact or request", "contacts and requests"),
    ):
        yield Message(COUNTED, one, many)


def collected() -> list[Message]:
    """Every message the report can say, once each, in a stable order."""
    found: dict[tuple[str | None, str], Message] = {}
    for path in [*sorted((PACKAGE / "report").rglob("*.py")), PACKAGE / "words.py"]:
        for message in in_python(path.read_text(encoding="utf-8")):
            found.setdefault(message.key, message)
    template = resources.files("whatmatters.report").joinpath("templates/report.html.j2")
    for message in in_template(template.read_text(encoding="utf-8")):
        found.setdefault(message.key, message)
    for message in named_at_run_time():
        found.setdefault(message.key, message)
    return list(found.values())


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(language: str) -> Path:
    """Bring ``language``'s catalogue up to the messages said now; compile it."""
    import polib

    path = catalogue_path(language)
    old = polib.pofile(str(path)) if path.exists() else polib.POFile()
    kept = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    po = polib.POFile(wrapwidth=100)
    po.metadata = old.metadata or _metadata(language)
    for message in collected():
        entry = kept.get(message.key)
        if entry is None:
            entry = polib.POEntry(msgctxt=message.context, msgid=message.text, msgstr="")
            if message.plural:
                entry.msgid_plural = message.plural
                entry.msgstr_plural = {i: "" for i in range(4)}
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        if "{" in message.text and "python-brace-format" not in entry.flags:
            entry.flags.append("python-brace-format")
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return path


def _metadata(language: str) -> dict[str, str]:
    return {
        "Project-Id-Version": "whatmatters report",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        # Welsh's four forms, as the casework catalogue (and Django) count them
        "Plural-Forms": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    }


if __name__ == "__main__":
    for code in LANGUAGES:
        if code != SOURCE:
            print(update(code))
