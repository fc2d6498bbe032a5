from django.urls import path

from whatmatters.casework.measures import views

app_name = "measures"
urlpatterns = [path("", views.index, name="index")]
