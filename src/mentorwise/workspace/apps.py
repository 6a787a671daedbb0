from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """What spans the pair's workspace: the five stages, the activity library and the pair's
    record as a download. It sits above the workspace apps (agreements, goals, meetings,
    conversations) and reads them."""

    name = "mentorwise.workspace"
    label = "workspace"

    def ready(self):
        from mentorwise.meetings.ics import register_feed_source
        from mentorwise.workspace import sweeps  # noqa: F401  (registers the sweeps)
        from mentorwise.workspace.calendar import program_events

        register_feed_source(program_events)
