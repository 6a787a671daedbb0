from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "mentorwise.profiles"
    label = "profiles"
