from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mentorwise.agreements"
    label = "agreements"
