from django.urls import path

from mentorwise.goals import views

app_name = "goals"
urlpatterns = [
    path("mentorships/<str:public_id>/goals/new/", views.new, name="new"),
    path("goals/<str:public_id>/", views.detail, name="detail"),
    path("goals/<str:public_id>/edit/", views.edit, name="edit"),
    path("goals/<str:public_id>/delete/", views.delete, name="delete"),
]
