"""Invitees (people who agreed to receive invitations), invitation texts in languages the
portal has no texts in, and invitations."""

from collections.abc import Iterable
from typing import Self

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.validators import no_invisible_characters
from projects.models import EditorScopedQuerySet, Organisation

from .meetings import Meeting, OfMeetingQuerySet
from .outbox import OutboundEmail
from .reference import Language, StakeholderGroup


class InviteeQuerySet(EditorScopedQuerySet["Invitee"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        """People on the organisations' lists, and people from the portal-wide list invited
        to their meetings; never another organisation's list, even when a partner
        organisation's people were invited to the editors' meeting."""
        ids = list(organisation_ids)
        invited = Invitation.objects.of_organisations(ids).values("invitee_id")
        return self.filter(Q(kept_by_id__in=ids) | Q(pk__in=invited, kept_by__isnull=True))

    def subscribed(self) -> Self:
        """People whose address has not been unsubscribed on any list: the person asked the
        portal to stop, so a list that adds the address later does not invite it either
        (and its editors are not told why)."""
        return self.alias(lowered_email=Lower("email")).exclude(
            lowered_email__in=unsubscribed_addresses()
        )

    def unsubscribed(self) -> Self:
        """People whose address has been unsubscribed on some list."""
        return self.alias(lowered_email=Lower("email")).filter(
            lowered_email__in=unsubscribed_addresses()
        )


def unsubscribed_addresses() -> models.QuerySet:
    return Invitee.objects.filter(unsubscribed_at__isnull=False).values(address=Lower("email"))


class Invitee(models.Model):
    """A person on a list of people who agreed to receive forum invitations: an
    organisation's list, kept by its editors, or the portal's own (no organisation). Each list
    is its own: one address may be on several, and what one list holds is never told to
    another's editors."""

    name = models.CharField(_("name"), max_length=200, validators=[no_invisible_characters])
    email = models.EmailField(_("e-mail"))
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[no_invisible_characters]
    )
    kept_by = models.ForeignKey(
        Organisation,
        verbose_name=_("on the list of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitees",
        help_text=_("The organisation whose editors keep this person's details."),
    )
    consent_at = models.DateTimeField(_("consent given"))
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InviteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "kept_by",
                name="invitee_email_once_on_a_list",
                violation_error_message=_("This address is already on this list."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(kept_by__isnull=True),
                name="invitee_email_once_on_the_portals_list",
                violation_error_message=_("This address is already on this list."),
            ),
        ]

    def __str__(self) -> str:
        # No name or address here: this text goes into the admin's and the audit trail's logs.
        return _("invitee #%(pk)s") % {"pk": self.pk}


class InvitationTextQuerySet(EditorScopedQuerySet["InvitationText"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(organisation_id__in=list(organisation_ids))


class InvitationText(models.Model):
    """Staff's own invitation text in a language the portal has no texts in (Arabic,
    Somali, …); the meeting's details follow in Finnish and English. An organisation's text
    goes only with the invitations to its own projects' meetings; a text of no organisation
    is the portal's own, written by administrators and used where no organisation has one."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitation_texts",
        help_text=_(
            "Used for the invitations to the meetings of this organisation's projects. "
            "Empty: the portal's own text, used where an organisation has none."
        ),
    )
    language = models.ForeignKey(
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

    objects = InvitationTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation text")
        verbose_name_plural = _("invitation texts")
        ordering = ["language__order", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="invitation_text_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["language"],
                condition=Q(organisation__isnull=True),
                name="invitation_text_once_for_the_portal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.organisation})" if self.organisation else str(self.language)


class InvitationQuerySet(OfMeetingQuerySet["Invitation"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        """Invitations to the organisations' meetings of people on their own lists or the
        portal's: a partner organisation's invitees, invited from its list to a shared
        project's meeting, stay the partner's to see."""
        ids = list(organisation_ids)
        return (
            super()
            .of_organisations(ids)
            .filter(Q(invitee__kept_by_id__in=ids) | Q(invitee__kept_by__isnull=True))
        )


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

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "invitee"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.invitee} → {self.meeting}"
