from django.urls import path

from whatmatters.casework.stories import views

app_name = "stories"
urlpatterns = [
    path("", views.current, name="current"),
    path("versions/<int:number>/", views.version, name="version"),
    path("conversation/", views.record, name="record"),
]
