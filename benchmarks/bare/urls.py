from django.urls import path

from bare.views import people

urlpatterns = [path("", people)]
