"""Forums, their meetings and the seats kept for each stakeholder group."""

import datetime
from collections.abc import Iterable
from typing import Any, Self, TypeVar

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models import EditorScopedQuerySet, Project, Region, projects_maintained_by

from .reference import Language, StakeholderGroup

_Row = TypeVar("_Row", bound=models.Model)


class ForumQuerySet(EditorScopedQuerySet["Forum"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(project_id__in=projects_maintained_by(organisation_ids))


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
    # Whom people ask about the meetings: every message to a registrant gives it.
    contact_email = models.EmailField(
        _("organiser's e-mail"),
        blank=True,
        help_text=_("Where people can ask about the meetings; an office address, not a person's."),
    )
    contact_phone = models.CharField(_("organiser's phone"), max_length=40, blank=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", kwargs={"slug": self.slug})


class Availability:
    """How many seats are left, said coarsely: an exact count would change with each
    registration and, near a threshold, could still tell a stranger something."""

    AVAILABLE = "available"
    FEW = "few"
    FULL = "full"


def seat_availability(left: int, total: int) -> str:
    if left <= 0:
        return Availability.FULL
    if left <= max(2, total // 5):
        return Availability.FEW
    return Availability.AVAILABLE


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")
    COMPLETED = "completed", _("completed")


class MeetingQuerySet(EditorScopedQuerySet["Meeting"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(forum__project_id__in=projects_maintained_by(organisation_ids))

    def public(self) -> "MeetingQuerySet":
        return self.filter(forum__project__is_published=True)

    def upcoming(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=now or timezone.now())


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
    childcare_places = models.PositiveIntegerField(
        _("childcare places"),
        default=0,
        help_text=_(
            "Children looked after during the meeting, apart from its seats. 0: no childcare."
        ),
    )
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
        """Seats not yet confirmed to anyone (a seat held for an address that is not
        confirmed yet counts as free, so that no stranger's registration shows). Needs the
        `confirmed_count` annotation of selectors.with_seat_counts()."""
        return max(self.capacity - self.confirmed_count, 0)  # type: ignore[attr-defined]

    @property
    def availability(self) -> str:
        return seat_availability(self.seats_left, self.capacity)

    def registration_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == MeetingStatus.SCHEDULED
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < self.closes_at
        )


class OfMeetingQuerySet(EditorScopedQuerySet[_Row]):
    """Rows of a meeting (group seats, registrations, invitations): they are the editors' of
    the organisations whose project holds the meeting."""

    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(meeting__forum__project_id__in=projects_maintained_by(organisation_ids))


class GroupQuota(models.Model):
    """Seats kept for one stakeholder group, so that no group outnumbers the others."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="quotas"
    )
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    seats = models.PositiveIntegerField(_("seats"))

    objects = OfMeetingQuerySet.as_manager()

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

    @property
    def availability(self) -> str:
        return seat_availability(self.seats_left, self.seats)


# Who changed what and when.
auditlog.register(Forum)
auditlog.register(Meeting, exclude_fields=["updated_at"])
