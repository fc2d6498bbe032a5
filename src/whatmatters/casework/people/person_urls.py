"""Pages about one person: /people/<council_id>/…"""

from django.urls import include, path

from whatmatters.casework.access import views as access_views
from whatmatters.casework.people import person_views

app_name = "person"
urlpatterns = [
    path("", person_views.overview, name="overview"),
    path("details/", person_views.edit_details, name="details"),
    path("timeline/", person_views.timeline, name="timeline"),
    path("audit/", person_views.audit, name="audit"),
    path("break-glass/", access_views.break_glass, name="break_glass"),
    path("story/", include("whatmatters.casework.stories.urls")),
    path("what-matters/", include("whatmatters.casework.outcomes.urls")),
    path("plan/", include("whatmatters.casework.plans.urls")),
    path("contacts/", include("whatmatters.casework.contacts.urls")),
    path("handoff/", include("whatmatters.casework.handoffs.urls")),
    path("work/", include("whatmatters.casework.work.urls")),
]
