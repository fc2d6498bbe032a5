"""Exports of one person's data: /people/<council_id>/export/…"""

from django.urls import path

from whatmatters.casework.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>", views.download, name="download"),
]
