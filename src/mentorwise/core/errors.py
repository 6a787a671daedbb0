"""The one hierarchy of domain errors. Each carries a sentence a person can act on.

Views turn them into form errors or messages; the API turns them into the JSON error body
of API.md with the status code each class names.
"""


class DomainError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        errors: dict[str, list[str]] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})
        if code:
            self.code = code


class ValidationFailed(DomainError):
    status_code = 400
    code = "invalid"


class NotAllowed(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class NotAuthenticated(DomainError):
    """Who is asking is not (yet) established: a wrong password, a missing second factor."""

    status_code = 401
    code = "not_authenticated"


class TooManyAttempts(DomainError):
    """Rate-limited; `retry_after` (seconds) becomes the Retry-After header of the API."""

    status_code = 429
    code = "too_many_attempts"

    def __init__(self, message: str, *, retry_after: int | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
