"""The worker's pages about the person's own view: /people/<council_id>/their-view/…"""

from django.urls import path

from whatmatters.casework.person_view import staff_views

app_name = "person_view"
urlpatterns = [
    path("invitations/", staff_views.invitations_page, name="invitations"),
    path("invitations/<int:pk>/revoke/", staff_views.revoke, name="revoke"),
    path("their-words/", staff_views.their_words, name="their_words"),
    path("their-words/<int:pk>/reviewed/", staff_views.reviewed, name="reviewed"),
    path("my-plan/", staff_views.my_plan, name="my_plan"),
]
