from django.urls import path

from whatmatters.casework.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("new/", views.make, name="make"),
    path("actions/new/", views.add_action, name="add_action"),
    path("actions/<int:pk>/", views.change_action, name="change_action"),
    path("actions/<int:pk>/end/", views.end_action, name="end_action"),
    path("actions/<int:pk>/done/", views.done_action, name="done_action"),
    path("review/", views.review, name="review"),
]
