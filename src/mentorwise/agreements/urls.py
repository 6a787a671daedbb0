from django.urls import path

from mentorwise.agreements import views

app_name = "agreements"
urlpatterns = [
    path("mentorships/<str:mentorship_id>/agreement/", views.edit, name="edit"),
    path("mentorships/<str:mentorship_id>/agreement/confirm/", views.confirm, name="confirm"),
]
