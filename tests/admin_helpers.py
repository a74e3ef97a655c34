"""Helpers for the admin tests (tests/test_forum_admin*.py, tests/test_editor_scoping*.py and
tests/test_audit_trail.py): a meeting some days from now, and a meeting's and a project's
admin forms as the browser posts them."""

import datetime
from typing import Any

from django.utils import timezone

from forums.models import Meeting
from projects.models import Organisation

from .forum_factories import MeetingFactory


def meeting_at(days: int, **kwargs: Any) -> Meeting:
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17)))
    return MeetingFactory.create(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs
    )


def _change_data(meeting: Meeting, **changes: Any) -> dict[str, Any]:
    """The meeting's change form as the browser posts it, with `changes` applied."""
    starts_at = timezone.localtime(changes.pop("starts_at", meeting.starts_at))
    ends_at = timezone.localtime(changes.pop("ends_at", meeting.ends_at))
    data: dict[str, Any] = {
        "forum": meeting.forum.pk,
        "title_fi": meeting.title_fi or "",
        "title_sv": "",
        "title_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "starts_at_0": starts_at.date().isoformat(),
        "starts_at_1": starts_at.strftime("%H:%M"),
        "ends_at_0": ends_at.date().isoformat(),
        "ends_at_1": ends_at.strftime("%H:%M"),
        "venue": meeting.venue,
        "address": meeting.address,
        "municipality": meeting.municipality,
        "region": "",
        "online_url": meeting.online_url,
        "languages": [language.pk for language in meeting.languages.all()],
        "interpretation_languages": [],
        "interpretation_on_request": "on",
        "capacity": meeting.capacity,
        "childcare_places": meeting.childcare_places,
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_closes_at_0": "",
        "registration_closes_at_1": "",
        "status": meeting.status,
        "quotas-TOTAL_FORMS": "0",
        "quotas-INITIAL_FORMS": "0",
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "1000",
        "channels-TOTAL_FORMS": "0",
        "channels-INITIAL_FORMS": "0",
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "1000",
        # Who registered is listed read only below the form.
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "0",
        "_save": "Save",
    }
    data.update(changes)
    return data


def _project_data(slug: str, implementers: list[Organisation]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_fi": "Uusi hanke",
        "slug": slug,
        "kind": "project",
        "start_date": "2024-01-01",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
    }
    for prefix in (
        "identifiers",
        "implementers",
        "fundings",
        "contacts",
        "relations_from",
        "links",
        "events",
    ):
        total = len(implementers) if prefix == "implementers" else 0
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    for index, organisation in enumerate(implementers):
        data[f"implementers-{index}-organisation"] = str(organisation.pk)
        data[f"implementers-{index}-role"] = "partner"
        data[f"implementers-{index}-order"] = str(index)
    return data
