from django.urls import path

from mentorwise.conversations import views

app_name = "conversations"
urlpatterns = [
    path("mentorships/<str:public_id>/messages/", views.thread, name="thread"),
    path("mentorships/<str:public_id>/checkin/", views.checkin, name="checkin"),
    path("mentorships/<str:public_id>/new-match/", views.rematch, name="rematch"),
]
