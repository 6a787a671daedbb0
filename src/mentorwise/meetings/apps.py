from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mentorwise.meetings"
    label = "meetings"

    def ready(self):
        from mentorwise.meetings.services import cancel_when_ended
        from mentorwise.mentorships.signals import mentorship_ended

        mentorship_ended.connect(cancel_when_ended, dispatch_uid="meetings.cancel_when_ended")
