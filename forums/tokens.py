"""Signed links in e-mails: a personal registration link per invitation (it expires) and an
unsubscribe link per invitee (it does not: an old invitation must still let people leave).
Nothing personal is in them, only a signed id."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Invitation, Invitee

INVITATION_SALT = "forums.invitation"
UNSUBSCRIBE_SALT = "forums.unsubscribe"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str, *, meeting_id: int) -> Invitation | None:
    """The invitation behind a personal registration link, if the link is genuine, not
    expired and for this meeting."""
    max_age = datetime.timedelta(days=settings.INVITATION_LINK_MAX_AGE_DAYS)
    try:
        invitation_id = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("invitee__group", "invitee__language")
        .filter(pk=invitation_id, meeting_id=meeting_id)
        .first()
    )


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
