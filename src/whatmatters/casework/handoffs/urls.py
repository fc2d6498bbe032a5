from django.urls import path

from whatmatters.casework.handoffs import views

app_name = "handoffs"
urlpatterns = [path("", views.make, name="make")]
