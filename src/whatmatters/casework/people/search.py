"""Finding a person fast: by name, date of birth, NHS number or council ID.

One search box takes any mix ("Jones 3/4/1941", "943 476 5919", "P0001234").
A worker finds anyone allocated to their team by part of a name; anyone
else in the council only by an exact identifier (NHS number, council ID, or
full first and last name with date of birth), and opens them only through
break-glass access. Browsing other teams' people is not possible.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from whatmatters.casework.people import nhs_number
from whatmatters.casework.people.models import Person, search_key

_NHS = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
LIMIT = 50


@dataclass
class Query:
    names: list[str] = field(default_factory=list)
    nhs_number: str | None = None
    council_id: str | None = None
    date_of_birth: datetime.date | None = None
    not_a_date: str | None = None  # a date as typed that no calendar has (31/02/1941)

    @property
    def empty(self) -> bool:
        return not (self.names or self.nhs_number or self.council_id or self.date_of_birth)

    @property
    def exact(self) -> bool:
        """Whether it identifies one person without browsing."""
        full_name = len(self.names) >= 2 and self.date_of_birth is not None
        return bool(self.nhs_number or self.council_id or full_name)


def parse(text: str) -> Query:
    query = Query()
    text = (text or "")[:200]
    match = _NHS.search(text)
    if match:
        query.nhs_number = nhs_number.normalise(match.group())
        text = text.replace(match.group(), " ")
    match = _DATE.search(text)
    if match:
        d, m, y, iy, im, iday = match.groups()
        try:
            query.date_of_birth = (
                datetime.date(int(y), int(m), int(d))
                if y
                else datetime.date(int(iy), int(im), int(iday))
            )
        except ValueError:
            query.not_a_date = match.group()
        text = text.replace(match.group(), " ")
    for token in re.split(r"[\s,]+", text):
        if not token:
            continue
        if any(c.isdigit() for c in token):
            query.council_id = token
        else:
            key = search_key(token)
            if key:
                query.names.append(key)
    return query


def in_team(query: Query, team) -> QuerySet[Person]:
    """People allocated to ``team`` matching every part of the query."""
    people = Person.objects.filter(team=team)
    for name in query.names:
        people = people.filter(
            Q(last_name_key__startswith=name) | Q(first_name_key__startswith=name)
        )
    if query.date_of_birth:
        people = people.filter(date_of_birth=query.date_of_birth)
    if query.nhs_number:
        people = people.filter(nhs_number=query.nhs_number)
    if query.council_id:
        people = people.filter(council_id__iexact=query.council_id)
    return people.select_related("team", "worker")[:LIMIT]


def elsewhere(query: Query, team) -> QuerySet[Person]:
    """People outside ``team`` that an exact identifier in the query names."""
    if not query.exact:
        return Person.objects.none()
    exact = Q()
    if query.nhs_number:
        exact |= Q(nhs_number=query.nhs_number)
    if query.council_id:
        exact |= Q(council_id__iexact=query.council_id)
    if len(query.names) >= 2 and query.date_of_birth:
        exact |= Q(
            first_name_key=query.names[0],
            last_name_key=query.names[-1],
            date_of_birth=query.date_of_birth,
        )
    people = Person.objects.filter(exact)
    if team is not None:
        people = people.exclude(team=team)
    return people.select_related("team")[:10]


def likely_duplicates(
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    nhs: str = "",
    team=None,
) -> list[Person]:
    """People who may be the one about to be created.

    In ``team``: the same first and last name, the same date of birth with
    either name, or the same NHS number. Elsewhere in the council only what
    a search would find there, an exact identifier (the NHS number, or first
    and last name with date of birth): the add-a-person form is no way round
    the rule that other teams' people cannot be browsed.
    """
    first, last = search_key(first_name), search_key(last_name)
    normalised = nhs_number.normalise(nhs) if nhs else None
    near: list[Person] = []
    if team is not None:
        same = Q(last_name_key=last, first_name_key=first)
        if normalised:
            same |= Q(nhs_number=normalised)
        if date_of_birth:
            same |= Q(date_of_birth=date_of_birth) & (
                Q(last_name_key=last) | Q(first_name_key=first)
            )
        near = list(Person.objects.filter(same, team=team).select_related("team")[:10])
    names = [first, last] if first and last else []
    exact = Query(names=names, nhs_number=normalised, date_of_birth=date_of_birth)
    return near + list(elsewhere(exact, team))
