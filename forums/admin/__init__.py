"""The forums' admin, one module per topic; importing them registers their pages."""

from . import invitations, meetings, outbox, privacy, reference, registrations

__all__ = ["invitations", "meetings", "outbox", "privacy", "reference", "registrations"]
