"""Creating and changing staff accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from whatmatters.casework.access.models import StaffProfile
from whatmatters.casework.access.roles import Role


@transaction.atomic
def create_staff(*, username: str, password: str, role: Role, team=None, **names):
    user = get_user_model().objects.create_user(username=username, password=password, **names)
    StaffProfile.objects.create(user=user, role=role, team=team)
    return user


@transaction.atomic
def update_staff(user, *, role: Role, team, is_active: bool, **names) -> None:
    for key, value in names.items():
        setattr(user, key, value)
    user.is_active = is_active
    user.save()
    StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "team": team})
