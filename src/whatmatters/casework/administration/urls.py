from django.urls import path

from whatmatters.casework.administration import views

app_name = "administration"
urlpatterns = [
    path("staff/", views.users, name="users"),
    path("staff/new/", views.create_user, name="create_user"),
    path("staff/<int:pk>/", views.edit_user, name="edit_user"),
    path("teams/", views.teams, name="teams"),
    path("audit/", views.audit, name="audit"),
]
