"""API-only errors, in the same hierarchy as the domain errors so one handler renders them."""

from mentorwise.core.errors import DomainError


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"


class TooManyAttempts(DomainError):
    status_code = 429
    code = "too_many_attempts"
