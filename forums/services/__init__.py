"""The forums' writes that have rules: registering, the waiting list, cancelling, and
scheduling meetings. The other services are invitations.py, privacy.py and outbox.py."""

from .assisted import HELPER_PEOPLE_PER_MEETING, HelperData
from .attendance import NotMarkable, attendance_mark, walk_in_add, walk_in_remove
from .meetings import (
    CALENDAR_FIELDS,
    Frequency,
    meeting_calendar_changed,
    meeting_cancel,
    meeting_change_announce,
    meetings_generate,
)
from .registrations import (
    RegistrationData,
    holds_release_all,
    registration_cancel,
    registration_confirm_address,
    registration_create,
    registration_request,
    waitlist_promote,
)
from .seats import (
    LOCK_TIMEOUT_SQL,
    AlreadyRegistered,
    GuardianNeeded,
    HelperLimitReached,
    InvitationUsed,
    RegistrationClosed,
    RegistrationError,
    TryAgain,
    email_queue,
)

__all__ = [
    "CALENDAR_FIELDS",
    "HELPER_PEOPLE_PER_MEETING",
    "LOCK_TIMEOUT_SQL",
    "AlreadyRegistered",
    "Frequency",
    "GuardianNeeded",
    "HelperData",
    "HelperLimitReached",
    "InvitationUsed",
    "NotMarkable",
    "RegistrationClosed",
    "RegistrationData",
    "RegistrationError",
    "TryAgain",
    "attendance_mark",
    "email_queue",
    "holds_release_all",
    "meeting_calendar_changed",
    "meeting_cancel",
    "meeting_change_announce",
    "meetings_generate",
    "registration_cancel",
    "registration_confirm_address",
    "registration_create",
    "registration_request",
    "waitlist_promote",
    "walk_in_add",
    "walk_in_remove",
]
