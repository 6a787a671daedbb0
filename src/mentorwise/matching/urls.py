from django.urls import path

from mentorwise.matching import views

app_name = "matching"
urlpatterns = [
    path("rounds/<str:round_id>/choose/", views.round_choose_view, name="round-choose"),
    path("rounds/<str:round_id>/pick/", views.round_pick_view, name="round-pick"),
    path(
        "programs/<str:program_id>/recommended/<str:who>/",
        views.recommended_view,
        name="recommended",
    ),
]
