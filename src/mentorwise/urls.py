from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from mentorwise.profiles.views import home

# The admin signs in through allauth like everyone else (its rate limits, two-factor step and
# sign-in e-mails), never through Django's own form.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("mentorwise.accounts.urls")),
    path("", include("mentorwise.organizations.urls")),
    path("", include("mentorwise.programs.urls")),
    path("", include("mentorwise.profiles.urls")),
    path("", include("mentorwise.directory.urls")),
    path("", include("mentorwise.mentorships.urls")),
    path("", include("mentorwise.notifications.urls")),
    path("", include("mentorwise.matching.urls")),
    path("", include("mentorwise.agreements.urls")),
    path("", include("mentorwise.goals.urls")),
    path("", include("mentorwise.meetings.urls")),
    path("", include("mentorwise.conversations.urls")),
    path("", include("mentorwise.workspace.urls")),
    path("manage/", include("mentorwise.administration.urls")),
    path("api/v1/", include("mentorwise.api.urls")),
    path("django-admin/", admin.site.urls),
]
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler404 = "mentorwise.core.views.not_found"
handler403 = "mentorwise.core.views.forbidden"
# handler500 stays Django's: it renders templates/500.html without the database or a request.
