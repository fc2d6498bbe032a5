from django.apps import AppConfig


class PersonViewConfig(AppConfig):
    name = "whatmatters.casework.person_view"
    label = "person_view"
    verbose_name = "The person's own view"
