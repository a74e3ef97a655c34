"""The forums' admin, one module per topic; importing them registers their pages."""

from . import channels, invitations, meetings, outbox, privacy, reference, registrations

__all__ = [
    "channels",
    "invitations",
    "meetings",
    "outbox",
    "privacy",
    "reference",
    "registrations",
]
