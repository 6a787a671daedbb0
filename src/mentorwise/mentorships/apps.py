from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "mentorwise.mentorships"
    label = "mentorships"
