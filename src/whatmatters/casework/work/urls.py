from django.urls import path

from whatmatters.casework.work import views

app_name = "work"
urlpatterns = [path("close/", views.close, name="close")]
