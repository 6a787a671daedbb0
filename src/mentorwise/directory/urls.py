from django.urls import path

from mentorwise.directory import views

app_name = "directory"
urlpatterns = [
    path("programs/<str:program_id>/<str:who>/", views.search, name="search"),
    path("people/<str:public_id>/", views.participant_detail, name="participant"),
]
