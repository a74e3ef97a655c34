"""Helpers for the registration tests (tests/test_registration_*.py): meetings, forums and
groups to register for, and what became of the registrations and their e-mails."""

import zoneinfo

from django.utils import translation

from forums.email_texts import WAITING_INTROS, WaitingReason
from forums.models import Forum, Meeting, OutboundEmail, Registration, StakeholderGroup
from forums.selectors import waiting_position

from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def _forum(**fields) -> Forum:
    forum: Forum = ForumFactory.create(**fields)
    return forum


def _meeting(**fields) -> Meeting:
    fields.setdefault("forum", _forum())
    meeting: Meeting = MeetingFactory.create(**fields)
    return meeting


def _group(slug: str) -> StakeholderGroup:
    group: StakeholderGroup = StakeholderGroupFactory.create(slug=slug)
    return group


def _statuses(registrations: list[Registration]) -> list[str]:
    by_pk = dict(Registration.objects.values_list("pk", "status"))
    return [by_pk[registration.pk] for registration in registrations]


def _positions(registrations: list[Registration]) -> list[int | None]:
    return [
        waiting_position(Registration.objects.get(pk=registration.pk))
        for registration in registrations
    ]


def _emails(kind: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(kind=kind).order_by("pk"))


def stated_position(message: OutboundEmail, limit: int = 50) -> int | None:
    """The waiting-list place that the message to someone waiting for a full meeting tells,
    found by rendering the sentence for each possible place in the message's language."""
    with translation.override(message.language):
        sentence = str(WAITING_INTROS[WaitingReason.MEETING_FULL])
    found = [n for n in range(1, limit + 1) if sentence % {"position": n} in message.text_body]
    assert len(found) <= 1, found
    return found[0] if found else None
