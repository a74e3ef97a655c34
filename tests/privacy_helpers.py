"""Helpers for the privacy tests (tests/test_privacy*.py): the stakeholder groups, a meeting
for them (ended some time ago if need be), a person on the invitee list, and the counts of
people that anonymising and erasing must keep."""

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from forums.models import Invitee, Meeting, Registration, StakeholderGroup

from .forum_factories import ForumFactory, MeetingFactory
from .forum_factories import language as lang


def meeting(parents: StakeholderGroup, counsellors: StakeholderGroup, **kwargs: Any) -> Meeting:
    forum = ForumFactory.create(groups=[parents, counsellors])
    return MeetingFactory.create(forum=forum, **kwargs)


def end_meeting(meeting: Meeting, ago: datetime.timedelta) -> None:
    """Registration is only open before a meeting: register first, then move it back."""
    ends_at = timezone.now() - ago
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=ends_at - datetime.timedelta(hours=2), ends_at=ends_at
    )


def invitee(group: StakeholderGroup, email: str = "hodan@example.org", **kwargs: Any) -> Invitee:
    return Invitee.objects.create(
        name=kwargs.pop("name", "Hodan Ali"),
        email=email,
        group=group,
        language=lang("so"),
        consent_at=timezone.now(),
        **kwargs,
    )


def counts_per_group_and_language() -> list[dict[str, Any]]:
    return list(
        Registration.objects.values("meeting", "group", "language", "interpreter_language")
        .annotate(registrations=Count("pk"))
        .order_by("meeting", "group", "language", "interpreter_language")
    )
