from django.urls import path

from mentorwise.meetings import views

app_name = "meetings"
urlpatterns = [
    path("mentorships/<str:public_id>/meetings/", views.meeting_list, name="list"),
    path("mentorships/<str:public_id>/meetings/plan/", views.plan, name="plan"),
    path("mentorships/<str:public_id>/meetings/log/", views.log_new, name="log-new"),
    path("meetings/<str:public_id>/", views.detail, name="detail"),
    path("meetings/<str:public_id>/update/", views.update, name="update"),
    path("meetings/<str:public_id>/log/", views.log, name="log"),
    path("meetings/<str:public_id>/cancel/", views.cancel, name="cancel"),
    path("meetings/<str:public_id>/meeting.ics", views.download, name="download"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar-rotate"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
