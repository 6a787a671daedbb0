from django.urls import path

from mentorwise.organizations import views

app_name = "organizations"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("guide/", views.guide_index, name="guide-index"),
    path("guide/<slug:org_slug>/<slug:kind>/", views.guide_page, name="guide"),
]
