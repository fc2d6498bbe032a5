from django.apps import AppConfig


class HandoffsConfig(AppConfig):
    name = "whatmatters.casework.handoffs"
    label = "handoffs"
