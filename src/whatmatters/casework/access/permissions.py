"""The one permissions matrix: role × permission, default deny.

Every entry names the roles that hold a permission and why. Anything not
listed is denied. The matrix is written as plain strings and checked when
this module is imported: an unknown permission or role stops the
application from starting rather than silently granting or denying.

Person-level access (which people a role may open) is in ``rules.py``: a
permission here says what a role may do to a record it can open at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from whatmatters.casework.access.roles import Role


class Permission(StrEnum):
    PERSON_FIND = "person.find"
    PERSON_CREATE = "person.create"
    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    STORY_RECORD = "story.record"
    OUTCOME_EDIT = "outcome.edit"
    PLAN_EDIT = "plan.edit"
    CONTACT_LOG = "contact.log"
    HANDOFF_MAKE = "handoff.make"
    WORK_CLOSE = "work.close"
    PERSON_INVITE = "person.invite"
    PERSON_EXPORT = "person.export"
    BREAK_GLASS = "break_glass.request"
    AUDIT_TEAM = "audit.team"
    AUDIT_ALL = "audit.all"
    MEASURES_TEAM = "measures.team"
    MEASURES_COUNCIL = "measures.council"
    MEASURES_PSEUDONYMISED = "measures.pseudonymised"
    USERS_MANAGE = "users.manage"
    TEAMS_MANAGE = "teams.manage"


_W, _L, _A, _D = "frontline_worker", "team_leader", "analyst", "administrator"

# permission → {role: why the role needs it}
MATRIX_SOURCE: dict[str, dict[str, str]] = {
    "person.find": {
        _W: "finds people their team works with, and anyone by an exact identifier",
        _L: "as a worker",
    },
    "person.create": {
        _W: "records a new person at first contact",
        _L: "as a worker",
    },
    "person.view": {
        _W: "works with the people allocated to their team",
        _L: "oversees the team's work",
        _D: "only through break-glass: administrators have no care relationship",
    },
    "person.edit": {_W: "keeps details right", _L: "as a worker"},
    "story.record": {_W: "records what-matters conversations", _L: "as a worker"},
    "outcome.edit": {_W: "records what matters, ratings and status", _L: "as a worker"},
    "plan.edit": {_W: "co-produces the plan with the person", _L: "as a worker"},
    "contact.log": {_W: "logs every contact as demand", _L: "as a worker"},
    "handoff.make": {_W: "passes work on, with a reason", _L: "allocates work"},
    "work.close": {_W: "closes work when the person says it is done", _L: "as a worker"},
    "person.invite": {
        _W: "invites the person (or whom they choose) to read and add to their record",
        _L: "as a worker",
    },
    "person.export": {
        _W: "answers the person's request for their data, and shares their plan",
        _L: "as a worker",
    },
    "break_glass.request": {
        _W: "urgent need for someone not allocated to their team",
        _L: "as a worker",
        _D: "investigates a reported problem with one record, with a stated reason",
    },
    "audit.team": {_L: "checks who saw and changed their team's records"},
    "audit.all": {_D: "investigates access across the council (no record contents)"},
    "measures.team": {
        _W: "sees how the team's system performs",
        _L: "studies the team's capability",
    },
    "measures.council": {
        _L: "compares with the whole council",
        _A: "studies the council's system",
    },
    "measures.pseudonymised": {_A: "analysts see no names: people and workers are pseudonyms"},
    "users.manage": {_D: "creates staff accounts and sets roles"},
    "teams.manage": {_D: "creates and renames teams"},
}


class MatrixError(ValueError):
    """The permissions matrix names a permission or role that does not exist."""


def build_matrix(source: Mapping[str, Mapping[str, str]]) -> dict[Permission, frozenset[Role]]:
    """Check ``source`` and turn it into enums; unknown keys are an error."""
    known_permissions = {p.value for p in Permission}
    known_roles = {r.value for r in Role}
    matrix: dict[Permission, frozenset[Role]] = {}
    for permission, roles in source.items():
        if permission not in known_permissions:
            raise MatrixError(f"unknown permission in the matrix: {permission!r}")
        unknown = sorted(set(roles) - known_roles)
        if unknown:
            raise MatrixError(f"unknown role(s) for {permission!r}: {', '.join(unknown)}")
        empty = [role for role, why in roles.items() if not why.strip()]
        if empty:
            raise MatrixError(f"{permission!r} grants {', '.join(empty)} without a reason")
        matrix[Permission(permission)] = frozenset(Role(r) for r in roles)
    return matrix


MATRIX: dict[Permission, frozenset[Role]] = build_matrix(MATRIX_SOURCE)


def role_has(role: Role | str | None, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission`` (no role, or unlisted: denied)."""
    if role is None:
        return False
    return Role(role) in MATRIX.get(permission, frozenset())
