from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mentorwise.goals"
    label = "goals"

    def ready(self):
        from mentorwise.goals import sweeps  # noqa: F401  (registers the sweeps)
