"""Registrations: who registered for a meeting, in which group and language, and where
their seat stands. Capacity and one registration per address are database rules; the
decisions that need the meeting's lock (confirm or waitlist, promote) are made in
services.py."""

import secrets

from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
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


class ChildcareStatus(models.TextChoices):
    """Childcare places are counted apart from the seats: a child in childcare takes no seat."""

    NONE = "", _("not asked for")
    BOOKED = "booked", _("booked")
    WAITING = "waiting", _("on the childcare waiting list")


class ConsentMethod(models.TextChoices):
    """How a family agreed that a helper registers it on its behalf."""

    NONE = "", _("the person registered themselves")
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    INTERPRETER = "interpreter", _("through an interpreter")


# The people one registration brings who take seats: the registrant and those coming with
# them. Summed by the seat counts (services.seats, selectors) as one expression.
PEOPLE = models.Value(1) + F("companion_adults") + F("companion_youth") + F("companion_children")


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
    # A household comes together: those with the registrant, by age band, each take a seat in
    # the registrant's group. Children in childcare take a childcare place instead.
    companion_adults = models.PositiveSmallIntegerField(_("other adults coming"), default=0)
    companion_youth = models.PositiveSmallIntegerField(_("young people 15–17 coming"), default=0)
    companion_children = models.PositiveSmallIntegerField(
        _("children under 15 taking part"), default=0
    )
    childcare_children = models.PositiveSmallIntegerField(_("children in childcare"), default=0)
    childcare_status = models.CharField(
        _("childcare"), max_length=8, choices=ChildcareStatus.choices, blank=True, default=""
    )
    # Someone who registered the family on its behalf (a study counsellor, an association's
    # worker): their address gets the link to confirm and a copy of each answer, in the
    # language of the pages they used (ui_language).
    helper_name = models.CharField(
        _("registered by"), max_length=200, blank=True, validators=[no_invisible_characters]
    )
    helper_organisation = models.CharField(
        _("helper's organisation"),
        max_length=200,
        blank=True,
        validators=[no_invisible_characters],
    )
    helper_email = models.EmailField(_("helper's e-mail"), blank=True)
    consent_method = models.CharField(
        _("family's consent given"),
        max_length=12,
        choices=ConsentMethod.choices,
        blank=True,
        default="",
    )
    channel = models.ForeignKey(
        "OutreachChannel",
        verbose_name=_("came through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
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
                # Not for a family registered by a helper: it may have no address of its own,
                # and a helper's form must not tell whether an address is registered.
                condition=Q(status__in=ACTIVE_STATUSES, anonymised_at__isnull=True, helper_email="")
                & ~Q(email=""),
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
                condition=Q(anonymised_at__isnull=False)
                | (~Q(name="") & (~Q(email="") | ~Q(helper_email=""))),
                name="registration_contact_until_anonymised",
            ),
            # A helper states how the family consented (kept if the helper is erased).
            models.CheckConstraint(
                condition=Q(helper_email="") | (~Q(helper_name="") & ~Q(consent_method="")),
                name="registration_helper_states_consent",
            ),
            models.CheckConstraint(
                condition=Q(consent_method__in=ConsentMethod.values),
                name="registration_consent_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(childcare_children=0, childcare_status="")
                | (
                    Q(childcare_children__gt=0, childcare_status__in=ChildcareStatus.values)
                    & ~Q(childcare_status="")
                ),
                name="registration_childcare_status_valid",
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

    @property
    def people(self) -> int:
        """Seats the registration takes: the registrant and everyone coming with them."""
        return 1 + self.companion_adults + self.companion_youth + self.companion_children

    @property
    def is_assisted(self) -> bool:
        return bool(self.helper_email)


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
        "companion_adults",
        "companion_youth",
        "companion_children",
        "childcare_children",
        "childcare_status",
        "consent_method",
        "channel",
    ],
)
