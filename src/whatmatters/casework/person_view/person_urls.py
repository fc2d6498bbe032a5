"""The person's own pages: /my/…"""

from django.urls import path

from whatmatters.casework.person_view import person_views

app_name = "my"
urlpatterns = [
    path("start/<str:token>/", person_views.start, name="start"),
    path("", person_views.record, name="record"),
    path("plan/", person_views.my_plan, name="plan"),
    path("add/", person_views.add, name="add"),
    path("who-has-looked/", person_views.who_has_looked, name="who_has_looked"),
    path("sign-out/", person_views.sign_out, name="sign_out"),
]
