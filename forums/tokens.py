"""Signed links in e-mails. Each is unguessable (it carries a signature made with SECRET_KEY)
and nothing personal is in it, only a signed id or secret:

- a personal registration link per invitation, which expires;
- a link to one's registration (status and cancel), which stops working when the meeting
  ends, and at the latest REGISTRATION_LINK_MAX_AGE_DAYS after the e-mail carrying it;
- an unsubscribe link per invitee, which does not expire: an old invitation must still let
  people leave.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation, Invitee, Registration

INVITATION_SALT = "forums.invitation"
UNSUBSCRIBE_SALT = "forums.unsubscribe"
REGISTRATION_SALT = "forums.registration"


class LinkInvalid(Exception):
    """The link was changed, cut short or never made by us."""


class LinkExpired(Exception):
    """The link was genuine but is too old, or what it was for is over."""


def _load(token: str, salt: str, *, days: int) -> Any:
    """What a link signed with `salt` carries, if it is genuine and at most `days` old."""
    try:
        return signing.loads(token, salt=salt, max_age=datetime.timedelta(days=days))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str, *, meeting_id: int) -> Invitation:
    """The invitation behind a personal registration link; raises LinkInvalid or LinkExpired
    unless the link is genuine, recent enough and for this meeting."""
    invitation_id = _load(token, INVITATION_SALT, days=settings.INVITATION_LINK_MAX_AGE_DAYS)
    invitation = (
        Invitation.objects.select_related("invitee__group", "invitee__language")
        .filter(pk=invitation_id, meeting_id=meeting_id)
        .first()
    )
    if invitation is None:
        raise LinkInvalid
    return invitation


def registration_token(registration: Registration) -> str:
    return signing.dumps(registration.cancel_token, salt=REGISTRATION_SALT)


REGISTRATION_PAGES = {
    "status": "forums:registration",
    "cancel": "forums:registration_cancel",
    "confirm": "forums:registration_confirm",
}


def registration_url(registration: Registration, language: str, page: str = "status") -> str:
    """The address of a registration's own page (its status, cancelling it, or confirming
    the e-mail address it was made with)."""
    name = REGISTRATION_PAGES[page]
    with translation.override(language):
        path = reverse(name, kwargs={"token": registration_token(registration)})
    return f"{settings.PORTAL_URL}{path}"


def registration_from_token(token: str, *, now: datetime.datetime | None = None) -> Registration:
    """The registration behind a status or cancel link; raises LinkInvalid or LinkExpired
    (also once the meeting has ended or the registration has been anonymised)."""
    secret = _load(token, REGISTRATION_SALT, days=settings.REGISTRATION_LINK_MAX_AGE_DAYS)
    registration = (
        Registration.objects.select_related("meeting__forum", "group", "language")
        .filter(cancel_token=secret)
        .first()
    )
    if registration is None:
        raise LinkInvalid
    if registration.anonymised_at or registration.meeting.ends_at <= (now or timezone.now()):
        raise LinkExpired
    return registration


def invitation_url(invitation: Invitation, language: str) -> str:
    with translation.override(language):
        path = reverse("forums:meeting", kwargs={"pk": invitation.meeting_id})
    return f"{settings.PORTAL_URL}{path}?invitation={invitation_token(invitation)}"


def unsubscribe_token(invitee: Invitee) -> str:
    return signing.dumps(invitee.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(invitee: Invitee, language: str) -> str:
    with translation.override(language):
        path = reverse("forums:unsubscribe", kwargs={"token": unsubscribe_token(invitee)})
    return f"{settings.PORTAL_URL}{path}"


def invitee_from_unsubscribe_token(token: str) -> Invitee | None:
    try:
        invitee_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Invitee.objects.filter(pk=invitee_id).first()
