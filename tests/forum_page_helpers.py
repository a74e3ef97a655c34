"""Helpers for the public forum page tests (tests/test_forum_pages_*.py): page addresses,
meetings some days from now, the meetings a page lists, elements by id, and a complete
registration form."""

import datetime
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Meeting

from .forum_factories import MeetingFactory
from .page_html import Element, elements


def url(name: str, language_code: str = "en", **kwargs: Any) -> str:
    with translation.override(language_code):
        return reverse(name, kwargs=kwargs or None)


def meeting_url(meeting: Meeting, language_code: str = "en") -> str:
    return url("forums:meeting", language_code, pk=meeting.pk)


def meeting_at(days: float, **kwargs: Any) -> Meeting:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return MeetingFactory.create(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs
    )


def listed(html: str, language_code: str = "en") -> set[int]:
    """The meetings a page links to."""
    return {int(pk) for pk in re.findall(rf'href="/{language_code}/meetings/(\d+)/"', html)}


# --- A small HTML reader, so tests look at elements and attributes rather than at spacing.


def by_id(html: str, element_id: str) -> Element:
    (found,) = [element for element in elements(html) if element.attrs.get("id") == element_id]
    return found


def form_data(meeting: Meeting, **changes: str | None) -> dict[str, str]:
    """A complete form; a change of None leaves the field out."""
    group = meeting.forum.stakeholder_groups.first()
    assert group is not None
    data = {
        "name": "Amina Hassan",
        "email": "amina.hassan@example.org",
        "phone": "+358 40 000 0002",
        "group": str(group.pk),
        "organisation": "Tikkurilan koulu",
        "language": "ar",
        "interpreter_language": "so",
        "needs": "Pyörätuolipaikka",
        "age_group": "adult",
        "consent": "on",
    }
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data
