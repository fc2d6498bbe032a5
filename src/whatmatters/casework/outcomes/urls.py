from django.urls import path

from whatmatters.casework.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/status/", views.change_status, name="status"),
]
