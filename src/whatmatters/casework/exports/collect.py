"""Every row the database holds about one person, found from the models themselves.

A model belongs to the person's record when it has a foreign key to the
person, or to a row that does (a rating of their outcome, an action in their
plan), followed until nothing new is found; simple_history's copies are
found the same way, and the person's own history by its id. The journal
names people by council ID, not by key. New tables are covered without
being listed here: only the journal is named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

PERSON = "people.Person"
# Tables that name the person by council ID rather than by key: model → column.
BY_COUNCIL_ID = {"casework_journal.JournalRow": "person_id"}
# Values never shown, even to the person: they would let someone else sign in.
WITHHELD = {("person_view.Invitation", "token_hash"), ("person_view.Invitation", "code_hash")}
WITHHELD_TEXT = "(withheld: a security secret, not information about you)"


@dataclass
class Held:
    """What is held about one person: model label → rows (field name → value)."""

    person: object
    rows: dict[str, list[dict]] = field(default_factory=dict)
    verbose: dict[str, str] = field(default_factory=dict)

    def keys(self) -> dict[str, set]:
        return {label: {row["pk"] for row in rows} for label, rows in self.rows.items()}


def _key_fields(model) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is not None
    ]


def _history_of(model) -> str | None:
    """The model a simple_history table copies, if it is one."""
    original = getattr(model, "instance_type", None)
    return original._meta.label if original is not None else None


def person_tables() -> list[type[models.Model]]:
    """Every model that can hold a row about a person (for the export and its test)."""
    return [m for m in apps.get_models() if _routes(m, _owners())]


def _owners() -> set[str]:
    """Labels of models reachable from the person by foreign keys (a fixpoint)."""
    owned = {PERSON}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label
            if label in owned:
                continue
            if _routes(model, owned):
                owned.add(label)
                changed = True
    return owned


def _routes(model, owned: set[str]) -> list[str]:
    """How rows of ``model`` point at owned rows: foreign keys, or history of an owned model."""
    label = model._meta.label
    if label == PERSON or label in BY_COUNCIL_ID:
        return ["self"]
    routes = [f.name for f in _key_fields(model) if f.related_model._meta.label in owned]
    if _history_of(model) in owned:
        routes.append("history")
    return routes


def collect(person) -> Held:
    """Every row about ``person`` in every table, and nothing of anyone else."""
    owned = _owners()
    ids: dict[str, set] = defaultdict(set)
    ids[PERSON] = {person.pk}
    tables = {m._meta.label: m for m in apps.get_models() if m._meta.label in owned}
    # Repeat until no table finds a new row: children come after their parents.
    changed = True
    while changed:
        changed = False
        for label, model in tables.items():
            found = set(_matching(model, person, ids, owned).values_list("pk", flat=True))
            if found - ids[label]:
                ids[label] |= found
                changed = True
    held = Held(person)
    for label, model in sorted(tables.items()):
        if not ids[label]:
            continue
        rows = model._default_manager.filter(pk__in=ids[label]).order_by("pk")
        held.rows[label] = [_row(label, model, obj) for obj in rows]
        held.verbose[label] = str(model._meta.verbose_name_plural)
    return held


def _matching(model, person, ids: dict[str, set], owned: set[str]) -> models.QuerySet:
    label = model._meta.label
    manager = model._default_manager
    if label == PERSON:
        return manager.filter(pk=person.pk)
    if label in BY_COUNCIL_ID:
        return manager.filter(**{BY_COUNCIL_ID[label]: person.council_id})
    condition = models.Q(pk__in=[])
    for route in _routes(model, owned):
        if route == "history":
            original = apps.get_model(_history_of(model))
            condition |= models.Q(**{f"{original._meta.pk.attname}__in": ids[original._meta.label]})
        else:
            target = model._meta.get_field(route).related_model._meta.label
            condition |= models.Q(**{f"{route}__in": ids[target]})
    return manager.filter(condition)


def _row(label: str, model, obj) -> dict:
    row = {"pk": obj.pk}
    for f in model._meta.concrete_fields:
        value = getattr(obj, f.attname)
        row[f.attname] = WITHHELD_TEXT if (label, f.name) in WITHHELD else value
    return row
