from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "whatmatters.casework.exports"
    label = "exports"
    verbose_name = "Exports of one person's data"
