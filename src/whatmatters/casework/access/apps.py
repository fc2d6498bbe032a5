from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "whatmatters.casework.access"
    label = "access"
    verbose_name = "Access"
