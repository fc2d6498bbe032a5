from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "whatmatters.casework.audit"
    label = "audit"
    verbose_name = "Audit"
