from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "mentorwise.conversations"
    label = "conversations"
