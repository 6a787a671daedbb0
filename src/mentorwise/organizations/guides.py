"""The guidance we ship with every new organization. Administrators can edit their copy."""

DEFAULT_GUIDES: dict[str, tuple[str, str]] = {
    "mentor-tips": ("Tips for mentors", "Placeholder."),
    "mentee-tips": ("Tips for mentees", "Placeholder."),
    "goal-setting": ("Setting SMART goals", "Placeholder."),
    "stages": ("The five stages of a mentorship", "Placeholder."),
    "faq": ("Frequently asked questions", "Placeholder."),
}
