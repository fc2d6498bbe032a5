from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "whatmatters.casework.contacts"
    label = "contacts"
