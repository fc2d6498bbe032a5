from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "whatmatters.casework.administration"
    label = "administration"
