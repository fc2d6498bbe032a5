from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "whatmatters.casework.people"
    label = "people"
    verbose_name = "People"
