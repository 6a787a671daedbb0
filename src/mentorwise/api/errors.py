"""API errors: the same hierarchy as the domain errors, so one handler renders them."""

from mentorwise.core.errors import NotAuthenticated, TooManyAttempts

__all__ = ["NotAuthenticated", "TooManyAttempts"]
