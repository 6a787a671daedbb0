from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    """The administration area for program staff at /manage/. An interface layer over the
    organizations, programs and profiles services, so it sits at the top of the import chain."""

    name = "mentorwise.administration"
    label = "administration"
