"""Requests and the mentorship lifecycle, one module per concept:

- `rules`: who may ask whom, each rule stated once (`request_check`, `pair_check`);
- `requests`: sending and answering requests;
- `lifecycle`: starting, ending, extending, pausing and resuming a mentorship;
- `safety`: concerns and blocking.

Callers import from here; the names below are the package's public face.
"""

from mentorwise.mentorships.services.common import (
    MESSAGE_MAX,
    lock_participants,
    mentee_has_room,
    open_mentorships,
    remaining_capacity,
)
from mentorwise.mentorships.services.lifecycle import (
    ENDING_OUTCOMES,
    mentorship_end,
    mentorship_extend,
    mentorship_pause,
    mentorship_resume,
    mentorship_start,
)
from mentorwise.mentorships.services.requests import (
    close_requests_of_full_participants,
    reminder_available_at,
    request_accept,
    request_create,
    request_decline,
    request_remind,
    request_withdraw,
)
from mentorwise.mentorships.services.rules import (
    Refusal,
    RequestCheck,
    mentee_is_full,
    mentor_is_full,
    pair_check,
    pause_check,
    policy_check,
    request_check,
    sender_check,
    sender_role_towards,
)
from mentorwise.mentorships.services.safety import (
    concern_report,
    concern_resolve,
    participant_block,
)

__all__ = [
    "ENDING_OUTCOMES",
    "MESSAGE_MAX",
    "Refusal",
    "RequestCheck",
    "close_requests_of_full_participants",
    "concern_report",
    "concern_resolve",
    "lock_participants",
    "mentee_has_room",
    "mentee_is_full",
    "mentor_is_full",
    "mentorship_end",
    "mentorship_extend",
    "mentorship_pause",
    "mentorship_resume",
    "mentorship_start",
    "open_mentorships",
    "pair_check",
    "participant_block",
    "pause_check",
    "policy_check",
    "remaining_capacity",
    "reminder_available_at",
    "request_accept",
    "request_check",
    "request_create",
    "request_decline",
    "request_remind",
    "request_withdraw",
    "sender_check",
    "sender_role_towards",
]
