from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mentorwise.goals"
    label = "goals"
