from django.urls import path

from whatmatters.casework.people import views

app_name = "people"
urlpatterns = [
    path("", views.find, name="find"),
    path("team/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
]
