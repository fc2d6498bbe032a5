"""The append-only audit log of every view and change of a person's record."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "whatmatters.casework.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from whatmatters.casework.audit import rights

        connection_created.connect(rights.guard_application_connection)
        post_migrate.connect(rights.grant_application_rights, sender=self)
