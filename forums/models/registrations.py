"""Registrations: who registered for a meeting, in which group and language, and where
their seat stands. Capacity and one registration per address are database rules; the
decisions that need the meeting's lock (confirm or waitlist, promote) are made in
services.py."""

import secrets

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import no_invisible_characters

from .meetings import Meeting, OfMeetingQuerySet
from .reference import Language, StakeholderGroup


class RegistrationStatus(models.TextChoices):
    # A seat held until the address's owner confirms through the link in the e-mail, or
    # until the hold runs out (then the registration waits, and can still be confirmed).
    PENDING = "pending", _("seat held until the e-mail address is confirmed")
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


# The registrations that hold a place, or a place in the queue: one per address and meeting.
ACTIVE_STATUSES = [
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
]
# The registrations that take a seat: a confirmed one and one held for its address's owner.
SEAT_STATUSES = [RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED]


class Attendance(models.TextChoices):
    """Marked at the door on the day; empty until someone marks it."""

    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")


class AgeGroup(models.TextChoices):
    UNDER_15 = "under15", _("under 15")
    FROM_15_TO_17 = "15to17", _("15–17")
    ADULT = "adult", _("18 or over")


def new_cancel_token() -> str:
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    # Name, e-mail, phone, organisation, needs and the guardian's e-mail are emptied when the
    # registration is anonymised; what is left still counts people per group and language.
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[no_invisible_characters]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[no_invisible_characters]
    )
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.ADULT
    )
    guardian_email = models.EmailField(
        _("guardian's e-mail"), blank=True, help_text=_("Required for participants under 15.")
    )
    guardian_language = models.ForeignKey(
        Language,
        verbose_name=_("guardian's language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[no_invisible_characters]
    )
    language = models.ForeignKey(
        Language,
        verbose_name=_("language for messages"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ui_language = models.CharField(
        _("page language at registration"),
        max_length=8,
        help_text=_("Messages fall back to it when there are no texts in their own language."),
    )
    interpreter_language = models.ForeignKey(
        Language,
        verbose_name=_("interpreter needed in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    needs = models.TextField(_("accessibility and other needs"), blank=True)
    invitation = models.ForeignKey(
        "Invitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    consent_at = models.DateTimeField(_("consent given"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_cancel_token)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Anyone can type any address: a registration counts once its address's owner confirms it
    # through the link sent there (or came through a personal invitation sent there).
    address_confirmed_at = models.DateTimeField(
        _("e-mail address confirmed"), null=True, blank=True
    )
    hold_expires_at = models.DateTimeField(_("seat held until"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True
    )
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)

    objects = OfMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        permissions = [
            ("manage_personal_data", _("Can export and erase anyone's personal data")),
        ]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(status__in=ACTIVE_STATUSES, anonymised_at__isnull=True),
                name="registration_one_active_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(age_group__in=AgeGroup.values), name="registration_age_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=["", *Attendance.values]),
                name="registration_attendance_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.PENDING)
                | Q(hold_expires_at__isnull=False, address_confirmed_at__isnull=True),
                name="registration_pending_is_held_for_its_address",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.CONFIRMED)
                | Q(address_confirmed_at__isnull=False),
                name="registration_confirmed_by_its_address",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="registration_contact_until_anonymised",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False)
                | ~Q(age_group=AgeGroup.UNDER_15)
                | ~Q(guardian_email=""),
                name="registration_guardian_for_under_15",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self) -> str:
        # No name here: this text goes into the admin's and the audit trail's logs.
        return _("registration #%(pk)s (%(status)s)") % {
            "pk": self.pk,
            "status": self.get_status_display(),
        }


# Registrations are followed without the person's details, so the audit trail holds nothing
# that anonymisation would have to find and remove.
auditlog.register(
    Registration,
    include_fields=[
        "meeting",
        "group",
        "status",
        "age_group",
        "promoted_at",
        "cancelled_at",
        "anonymised_at",
        "address_confirmed_at",
        "attendance",
    ],
)
