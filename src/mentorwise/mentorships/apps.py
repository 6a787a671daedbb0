from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "mentorwise.mentorships"
    label = "mentorships"

    def ready(self):
        from mentorwise.mentorships import sweeps  # noqa: F401  (registers the sweeps)
