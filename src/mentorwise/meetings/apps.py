from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mentorwise.meetings"
    label = "meetings"
