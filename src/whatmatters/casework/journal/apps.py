from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "whatmatters.casework.journal"
    label = "casework_journal"
    verbose_name = "Journal"
