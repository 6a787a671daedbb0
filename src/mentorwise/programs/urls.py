from django.urls import path

from mentorwise.programs import views

app_name = "programs"
urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/<str:public_id>/", views.program_detail, name="detail"),
]
