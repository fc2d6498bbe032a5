from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "whatmatters.casework.journal_rows"
    label = "casework_journal"
    verbose_name = "Journal"
