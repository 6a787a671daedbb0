from django.urls import path

from mentorwise.profiles import views

app_name = "profiles"
urlpatterns = [
    path("profile/", views.profile_edit, name="edit"),
    path("people/<str:public_id>/resume/", views.resume, name="resume"),
    path("programs/<str:program_id>/apply/<str:role>/", views.apply, name="apply"),
    path("people/<str:public_id>/15-questions/", views.fifteen_edit, name="fifteen"),
    path("programs/<str:program_id>/answers/<str:role>/", views.answers, name="answers"),
]
