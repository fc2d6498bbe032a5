"""Making, using and revoking invitations to the person's own view."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from whatmatters.casework.audit import log
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.person_view import audit as person_audit
from whatmatters.casework.person_view.models import CODE_ATTEMPTS, Invitation
from whatmatters.casework.person_view.stamps import stamp_once

# Letters and digits that cannot be mistaken for each other when read aloud or written down.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
DAYS_DEFAULT, DAYS_MAX = 14, 28


@dataclass(frozen=True)
class NewInvitation:
    """An invitation just made: the link token and code are shown once, never stored."""

    invitation: Invitation
    token: str
    code: str

    @property
    def code_for_reading(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class SignIn(Enum):
    OK = "ok"
    WRONG_CODE = "wrong code"
    LINK_NOT_USABLE = "link not usable"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


@transaction.atomic
def invite(actor, person, *, for_whom: str, language: str, days: int = DAYS_DEFAULT):
    """Make an invitation for ``person`` (or someone they chose) and set their language."""
    if not 1 <= days <= DAYS_MAX:
        raise ValueError(f"an invitation lasts 1 to {DAYS_MAX} days, not {days}")
    token = secrets.token_urlsafe(32)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    invitation = Invitation.objects.create(
        person=person,
        for_whom=for_whom,
        token_hash=token_hash(token),
        code_hash=make_password(code),
        created_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    if language and person.preferred_language != language:
        person.preferred_language = language
        person.save(update_fields=["preferred_language"])
    log.record(
        actor,
        AuditAction.CREATE,
        gettext_noop("Invited the person to see their own record"),
        person=person,
        detail=(
            f"invitation {invitation.pk} for {for_whom}, in"
            f" {person.get_preferred_language_display()}, until {invitation.expires_at:%Y-%m-%d}"
        ),
    )
    return NewInvitation(invitation, token, code)


def find_by_token(token: str) -> Invitation | None:
    """The invitation a link names, if it can still be used to sign in."""
    invitation = Invitation.objects.filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.used_at or not invitation.is_usable():
        return None
    return invitation


def sign_in(token: str, code: str, *, path: str = "") -> tuple[SignIn, Invitation | None]:
    """Check the code for the link; a right code spends the link, a wrong one counts."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
        )
        if invitation is None or invitation.used_at or not invitation.is_usable():
            return SignIn.LINK_NOT_USABLE, None
        if not check_password(normalise_code(code), invitation.code_hash):
            invitation.failed_codes += 1
            invitation.save(update_fields=["failed_codes"])
            left = CODE_ATTEMPTS - invitation.failed_codes
            person_audit.record(
                invitation,
                AuditAction.DENIED,
                gettext_noop("A wrong code was entered"),
                path=path,
                detail=f"{left} tries left",
            )
            return SignIn.WRONG_CODE, invitation
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        person_audit.record(
            invitation, AuditAction.VIEW, gettext_noop("Signed in with the invitation"), path=path
        )
        return SignIn.OK, invitation


def revoke(actor, invitation: Invitation) -> None:
    stamp_once(
        actor,
        invitation,
        "revoked",
        what=gettext_noop("Revoked an invitation to the person's own view"),
        detail=f"invitation {invitation.pk}",
    )
