from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "mentorwise.organizations"
    label = "organizations"
