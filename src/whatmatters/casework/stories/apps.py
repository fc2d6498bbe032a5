from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "whatmatters.casework.stories"
    label = "stories"
