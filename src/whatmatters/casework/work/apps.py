from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "whatmatters.casework.work"
    label = "work"
