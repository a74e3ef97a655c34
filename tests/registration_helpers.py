"""Helpers for the registration tests (tests/test_registration_*.py): meetings, forums and
groups to register for, and what became of the registrations and their e-mails."""

import zoneinfo

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
