from django.urls import path

from whatmatters.casework.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
]
