from django.urls import path

from mentorwise.workspace import views

app_name = "workspace"
urlpatterns = [
    path("activities/", views.activities, name="activities"),
    path("mentorships/<str:mentorship_id>/stage/", views.stage_set, name="stage"),
    path("mentorships/<str:mentorship_id>/export/", views.export, name="export"),
    path("mentorships/<str:mentorship_id>/agenda/", views.add_to_agenda, name="add-to-agenda"),
]
