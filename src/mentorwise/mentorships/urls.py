from django.urls import path

from mentorwise.mentorships import views

app_name = "mentorships"
urlpatterns = [
    path("mentorships/", views.mine, name="mine"),
    path("mentorships/<str:public_id>/", views.detail, name="detail"),
]
