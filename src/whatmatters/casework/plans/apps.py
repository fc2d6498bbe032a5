from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "whatmatters.casework.plans"
    label = "plans"
