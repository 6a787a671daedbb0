from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentorwise.accounts"
    label = "accounts"
