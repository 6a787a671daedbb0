from django.urls import path

from mentorwise.programs import manage_views as views

app_name = "manage"
urlpatterns = [
    path("", views.home, name="home"),
]
