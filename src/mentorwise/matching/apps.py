from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Selection rounds, algorithmic match runs and suggestions, around the pure engine/."""

    name = "mentorwise.matching"
    label = "matching"
