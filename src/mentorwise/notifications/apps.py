from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentorwise.notifications"
    label = "notifications"

    def ready(self):
        from mentorwise.notifications import delivery, digests  # noqa: F401  (registers sweeps)
