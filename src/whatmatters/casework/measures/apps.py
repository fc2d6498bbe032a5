from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "whatmatters.casework.measures"
    label = "measures"
