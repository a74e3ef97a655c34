"""Cooperation forums: series of meetings that a project holds, and who registers for them.

Capacity and one-registration-per-person are database rules; the decisions that need a lock
(confirm or waitlist, promote) are made in services.py.
"""

import datetime
import secrets
from typing import Any

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models import Organisation, Project, Region


class Language(models.Model):
    """A language people can ask for messages or interpretation in; staff can add more."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 639 code."))
    name = models.CharField(_("name"), max_length=100)
    native_name = models.CharField(_("name in the language itself"), max_length=100, blank=True)
    is_rtl = models.BooleanField(_("written right to left"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the visitor's language, followed by its own name when that differs."""
        if self.native_name and self.native_name != self.name:
            return f"{self.name} ({self.native_name})"
        return self.name


class StakeholderGroup(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class Forum(models.Model):
    project = models.ForeignKey(
        Project,
        verbose_name=_("organising project"),
        on_delete=models.PROTECT,
        related_name="forums",
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    stakeholder_groups: "models.ManyToManyField[StakeholderGroup, Any]" = models.ManyToManyField(
        StakeholderGroup, verbose_name=_("stakeholder groups"), blank=True
    )
    regions: "models.ManyToManyField[Region, Any]" = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True
    )

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", kwargs={"slug": self.slug})


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")
    COMPLETED = "completed", _("completed")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def public(self) -> "MeetingQuerySet":
        return self.filter(forum__project__is_published=True)

    def upcoming(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=now or timezone.now())

    def with_seat_counts(self) -> "MeetingQuerySet":
        """Confirmed and waiting registrations, each counted by a subquery on the index of
        (meeting, status): unlike a join with COUNT, that groups no rows, and it counts only
        the meetings the query returns (a page of them, not every upcoming one)."""
        return self.annotate(
            confirmed_count=self._registration_count(RegistrationStatus.CONFIRMED),
            waiting_count=self._registration_count(RegistrationStatus.WAITING),
        )

    @staticmethod
    def _registration_count(status: str) -> Coalesce:
        counted = (
            Registration.objects.filter(meeting=OuterRef("pk"), status=status)
            .order_by()
            .values("meeting")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(counted), 0)


class Meeting(models.Model):
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(
        pgettext_lazy("meeting", "title"),
        max_length=200,
        blank=True,
        help_text=_("Optional; the forum's name is shown."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    languages: "models.ManyToManyField[Language, Any]" = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), related_name="meetings_spoken", blank=True
    )
    interpretation_languages: "models.ManyToManyField[Language, Any]" = models.ManyToManyField(
        Language,
        verbose_name=_("interpretation offered into"),
        related_name="meetings_interpreted",
        blank=True,
    )
    interpretation_on_request = models.BooleanField(
        _("interpretation on request"),
        default=True,
        help_text=_("Registrants can ask for an interpreter in their own language."),
    )
    capacity = models.PositiveIntegerField(_("seats"))
    invitation_only = models.BooleanField(
        _("by invitation only"),
        default=False,
        help_text=_("Only people with a personal invitation link can register."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    # Raised on every change of time or place, so calendars replace their copy (RFC 5545).
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at"))
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True),
                name="meeting_registration_window_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="meeting_capacity_valid"),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="meeting_starts_idx"),
            models.Index(fields=["ends_at"], name="meeting_ends_idx"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.display_title} {local:%d.%m.%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("forums:meeting", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )

    @property
    def display_title(self) -> str:
        return self.title or self.forum.name

    @property
    def closes_at(self) -> datetime.datetime:
        return self.registration_closes_at or self.starts_at

    @property
    def seats_left(self) -> int:
        """Needs the `confirmed_count` annotation of MeetingQuerySet.with_seat_counts()."""
        return max(self.capacity - self.confirmed_count, 0)  # type: ignore[attr-defined]

    def registration_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == MeetingStatus.SCHEDULED
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < self.closes_at
        )


class GroupQuota(models.Model):
    """Seats kept for one stakeholder group, so that no group outnumbers the others."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="quotas"
    )
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seats for a group")
        verbose_name_plural = _("seats per group")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "group"], name="group_quota_once"),
            models.CheckConstraint(condition=Q(seats__gte=0), name="group_quota_seats_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.seats}"

    @property
    def seats_left(self) -> int:
        """Needs the `taken` annotation of selectors.meeting_detail()."""
        return max(self.seats - self.taken, 0)  # type: ignore[attr-defined]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


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
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
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
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
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


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("waiting to retry")
    FAILED = "failed", _("failed")


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("registration confirmed")
    WAITING = "waiting", _("on the waiting list")
    PROMOTED = "promoted", _("promoted from the waiting list")
    CANCELLED = "cancelled", _("registration cancelled")
    MEETING_CANCELLED = "meeting_cancelled", _("meeting cancelled")
    MEETING_CHANGED = "meeting_changed", _("meeting's time or place changed")
    INVITATION = "invitation", _("invitation")
    REMINDER = "reminder", _("reminder")
    GUARDIAN = "guardian", _("guardian informed")
    ALREADY_REGISTERED = "already_registered", _("already registered")


class OutboundEmail(models.Model):
    """One message in the outbox, written (its text rendered) in the same transaction as
    whatever caused it and sent by a Celery task after commit, so a message is never lost
    with a rollback nor sent for something that was rolled back."""

    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(
        _("language"), max_length=20, help_text=_("The Content-Language: one code or a list.")
    )
    subject = models.CharField(_("subject"), max_length=255)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"))
    ics = models.TextField(_("calendar attachment"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values), name="outbound_email_status_valid"
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(kind=EmailKind.REMINDER),
                name="outbound_email_one_reminder",
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="outbound_email_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class Invitee(models.Model):
    """A person who agreed to receive forum invitations."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    kept_by = models.ForeignKey(
        Organisation,
        verbose_name=_("on the list of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitees",
        help_text=_("The organisation whose editors keep this person's details."),
    )
    consent_at = models.DateTimeField(_("consent given"))
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="invitee_email_unique"),
        ]

    def __str__(self) -> str:
        # No name or address here: this text goes into the admin's and the audit trail's logs.
        return _("invitee #%(pk)s") % {"pk": self.pk}


class InvitationText(models.Model):
    """Staff's own invitation text in a language the portal has no texts in (Arabic,
    Somali, …); the meeting's details follow in Finnish and English."""

    language = models.OneToOneField(
        Language, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "The invitation in this language. The meeting's time, place and the personal "
            "registration link are added below it."
        ),
    )

    class Meta:
        verbose_name = _("invitation text")
        verbose_name_plural = _("invitation texts")
        ordering = ["language__order"]

    def __str__(self) -> str:
        return str(self.language)


class Invitation(models.Model):
    """One invitation of one person to one meeting, ever; sent through the outbox."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        Invitee, verbose_name=_("invitee"), on_delete=models.CASCADE, related_name="invitations"
    )
    language = models.CharField(_("language"), max_length=20, blank=True)
    email = models.OneToOneField(
        OutboundEmail,
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "invitee"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.invitee} → {self.meeting}"


# Who changed what and when. Registrations are followed without the person's details, so the
# trail holds nothing that anonymisation would have to find and remove.
auditlog.register(Forum)
auditlog.register(Meeting, exclude_fields=["updated_at"])
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
    ],
)
