"""The casework site's URLs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from whatmatters.casework.access import throttle
from whatmatters.casework.access import views as access_views
from whatmatters.casework.access.decorators import public
from whatmatters.site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", views.language, name="language"),
    path(
        "sign-in/",
        public(throttle.sign_in),
        name="login",
    ),
    path("sign-out/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("break-glass/", access_views.team_notices, name="break_glass_notices"),
    path("people/", include("whatmatters.casework.people.urls")),
    path("people/<str:council_id>/", include("whatmatters.casework.people.person_urls")),
    *(
        path(f"people/<str:council_id>/{prefix}/", include(f"whatmatters.casework.{app}.urls"))
        for prefix, app in (
            ("story", "stories"),
            ("what-matters", "outcomes"),
            ("plan", "plans"),
            ("contacts", "contacts"),
            ("handoff", "handoffs"),
            ("work", "work"),
            ("their-view", "person_view"),
            ("export", "exports"),
        )
    ),
    path("my/", include("whatmatters.casework.person_view.person_urls")),
    path("measures/", include("whatmatters.casework.measures.urls")),
    path("administration/", include("whatmatters.casework.administration.urls")),
]

handler400 = "whatmatters.site.errors.bad_request"
handler403 = "whatmatters.site.errors.forbidden"
handler404 = "whatmatters.site.errors.not_found"
handler500 = "whatmatters.site.errors.server_error"
