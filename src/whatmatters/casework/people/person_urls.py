"""Pages about one person: /people/<council_id>/…"""

from django.urls import path

from whatmatters.casework.access import views as access_views
from whatmatters.casework.people import person_views

app_name = "person"
urlpatterns = [
    path("", person_views.overview, name="overview"),
    path("details/", person_views.edit_details, name="details"),
    path("timeline/", person_views.timeline, name="timeline"),
    path("audit/", person_views.audit, name="audit"),
    path("break-glass/", access_views.break_glass, name="break_glass"),
]
