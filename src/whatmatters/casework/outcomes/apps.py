from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "whatmatters.casework.outcomes"
    label = "outcomes"
