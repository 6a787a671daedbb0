from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentorwise.programs"
    label = "programs"
