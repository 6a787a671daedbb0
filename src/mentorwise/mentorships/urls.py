from django.urls import path

from mentorwise.mentorships import views

app_name = "mentorships"
urlpatterns = [
    path("mentorships/", views.mine, name="mine"),
    path("mentorships/<str:public_id>/", views.detail, name="detail"),
    path("mentorships/<str:public_id>/end/", views.end, name="end"),
    path("mentorships/<str:public_id>/extend/", views.extend, name="extend"),
    path("mentorships/<str:public_id>/concern/", views.concern_mentorship, name="concern"),
    path("people/<str:public_id>/request/", views.request_create, name="request-create"),
    path("people/<str:public_id>/concern/", views.concern_participant, name="concern-person"),
    path("requests/<str:public_id>/accept/", views.request_accept, name="request-accept"),
    path("requests/<str:public_id>/decline/", views.request_decline, name="request-decline"),
    path("requests/<str:public_id>/withdraw/", views.request_withdraw, name="request-withdraw"),
    path("requests/<str:public_id>/remind/", views.request_remind, name="request-remind"),
]
