from django.urls import path

from mentorwise.api.routes import api

urlpatterns = [path("", api.urls)]
