from django.urls import path

from mentorwise.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/settings/", views.preferences, name="settings"),
    path("notifications/read-all/", views.mark_all_read, name="read-all"),
    path("notifications/<str:public_id>/", views.notification_open, name="open"),
]
