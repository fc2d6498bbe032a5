"""A person the council works with."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from whatmatters.casework.common.cld import GENDER, choices
from whatmatters.casework.people import nhs_number

CLIENT_TYPE = "Service user"


def search_key(text: str) -> str:
    """Lower case without accents, for matching names as people type them."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Language(models.TextChoices):
    """The language a person prefers to be written to and spoken with; each
    is named in itself, as GOV.UK language choices are."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Cymraeg"


# Django's code for each (its pages in English are "en-gb").
INTERFACE_LANGUAGE = {Language.ENGLISH: "en-gb", Language.WELSH: "cy"}


class Person(models.Model):
    council_id = models.CharField(_("Council ID"), max_length=40, unique=True)
    first_name = models.CharField(_("First name"), max_length=100)
    last_name = models.CharField(_("Last name"), max_length=100)
    preferred_name = models.CharField(_("Preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("Date of birth"), null=True, blank=True)
    nhs_number = models.CharField(
        _("NHS number"), max_length=10, blank=True, validators=[nhs_number.validate]
    )
    gender = models.CharField(_("Gender"), max_length=20, blank=True, choices=choices(GENDER))
    postcode = models.CharField(_("Postcode"), max_length=10, blank=True)
    preferred_language = models.CharField(
        _("Preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    team = models.ForeignKey(
        "access.Team",
        verbose_name=_("Allocated team"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Allocated worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocated_people",
    )
    first_name_key = models.CharField(max_length=100, editable=False)
    last_name_key = models.CharField(max_length=100, editable=False)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["first_name_key", "last_name_key"])

    class Meta:
        ordering = ["last_name_key", "first_name_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="person_unique_nhs"
            )
        ]
        indexes = [
            models.Index(fields=["team", "last_name_key"], name="person_team_last"),
            # Prefix search (LIKE 'abc%') uses these on PostgreSQL in any collation.
            models.Index(
                fields=["last_name_key", "first_name_key"],
                name="person_names",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["first_name_key"], name="person_first", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.first_name_key = search_key(self.first_name)
        self.last_name_key = search_key(self.last_name)
        self.nhs_number = nhs_number.normalise(self.nhs_number)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def interface_language(self) -> str:
        """The site's language code for the person's own pages and exports."""
        return INTERFACE_LANGUAGE.get(self.preferred_language, settings.LANGUAGE_CODE)

    @property
    def nhs_number_formatted(self) -> str:
        return nhs_number.formatted(self.nhs_number)

    def journal_fields(self) -> dict:
        """The person's columns as every journal row about them repeats them.

        Casework records the people who draw on support (CLD's "Service user");
        unpaid carers are not yet recorded as people of their own.
        """
        return {
            "client_type": CLIENT_TYPE,
            "la_person_id": self.council_id,
            "nhs_number": self.nhs_number or None,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "date_of_birth": self.date_of_birth,
            "gender": self.gender or None,
            "postcode": self.postcode or None,
        }
