"""Registering a family on its behalf: who the helper is, and how many people one helper may
register for a meeting."""

from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import ACTIVE_STATUSES, PEOPLE, Registration
from .seats import HelperLimitReached

# The people one helper's address may register for one meeting, all its families together: a
# helper's families need no address of their own, so without a limit one mailbox could take
# every seat. More goes through the organiser.
HELPER_PEOPLE_PER_MEETING = 30


@dataclass(frozen=True)
class HelperData:
    """Someone who registers a family on its behalf, and how the family agreed to it."""

    name: str
    email: str
    consent_method: str  # a ConsentMethod other than NONE
    organisation: str = ""


def helper_within_limit(meeting_id: int, registration: Registration) -> None:
    """Counted under the meeting's lock, like the seats."""
    brought = Registration.objects.filter(
        meeting_id=meeting_id,
        helper_email__iexact=registration.helper_email,
        status__in=ACTIVE_STATUSES,
    ).aggregate(people=Coalesce(Sum(PEOPLE), 0))["people"]
    if brought + registration.people > HELPER_PEOPLE_PER_MEETING:
        raise HelperLimitReached(
            str(
                _(
                    "One helper can register at most %(limit)s people for a meeting. To "
                    "register more, please contact the organiser."
                )
                % {"limit": HELPER_PEOPLE_PER_MEETING}
            )
        )
