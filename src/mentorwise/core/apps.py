from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentorwise.core"
    label = "core"
