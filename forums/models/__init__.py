"""Cooperation forums: series of meetings that a project holds, and who registers for them."""

from .attendance import WalkIn
from .channels import OutreachChannel
from .imports import ImportStatus, InviteeImport
from .invitations import Invitation, InvitationText, Invitee
from .meetings import Forum, GroupQuota, Meeting, MeetingQuerySet, MeetingStatus
from .outbox import EmailKind, EmailStatus, OutboundEmail
from .reference import Language, StakeholderGroup
from .registrations import (
    ACTIVE_STATUSES,
    PEOPLE,
    SEAT_STATUSES,
    AgeGroup,
    Attendance,
    ChildcareStatus,
    ConsentMethod,
    Registration,
    RegistrationStatus,
    new_cancel_token,
)

__all__ = [
    "ACTIVE_STATUSES",
    "PEOPLE",
    "SEAT_STATUSES",
    "AgeGroup",
    "Attendance",
    "ChildcareStatus",
    "ConsentMethod",
    "EmailKind",
    "EmailStatus",
    "Forum",
    "GroupQuota",
    "ImportStatus",
    "Invitation",
    "InvitationText",
    "Invitee",
    "InviteeImport",
    "Language",
    "Meeting",
    "MeetingQuerySet",
    "MeetingStatus",
    "OutboundEmail",
    "OutreachChannel",
    "Registration",
    "RegistrationStatus",
    "StakeholderGroup",
    "WalkIn",
    "new_cancel_token",
]
