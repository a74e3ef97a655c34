"""A meeting as a schema.org `Event` (JSON-LD) for its page, from the rows the page has
already fetched (forums.selectors.meeting_detail): no query of its own.

Its place is a `Place` with a postal address when it has a venue, and a `VirtualLocation`
when it is held online, without the link: that goes to the people who registered only. Its
organiser is the project that holds the forum (a `Project` is a kind of `Organization`), as
the page says."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from portal.open_data import absolute_url
from projects.structured_data import SCHEMA_CONTEXT

from .models import Meeting, MeetingStatus

SCHEMA = "https://schema.org/"


def attendance_mode(meeting: Meeting) -> str:
    """Offline at a venue, online, or both, from what the meeting gives."""
    in_person = bool(meeting.venue or meeting.address or meeting.municipality)
    if in_person and meeting.online_url:
        return SCHEMA + "MixedEventAttendanceMode"
    if meeting.online_url:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def _place(meeting: Meeting) -> dict[str, Any] | None:
    if not (meeting.venue or meeting.address or meeting.municipality):
        return None
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "FI"}
    if meeting.address:
        address["streetAddress"] = meeting.address
    if meeting.municipality:
        address["addressLocality"] = meeting.municipality
    if meeting.region:
        address["addressRegion"] = meeting.region.name
    return {
        "@type": "Place",
        "name": meeting.venue or meeting.municipality or meeting.address,
        "address": address,
    }


def meeting_json_ld(meeting: Meeting) -> dict[str, Any]:
    project = meeting.forum.project
    locations: list[dict[str, Any]] = []
    if place := _place(meeting):
        locations.append(place)
    if meeting.online_url:
        # Deliberately without its url.
        locations.append({"@type": "VirtualLocation", "name": gettext("Online")})
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Event",
        "name": meeting.display_title,
        "url": absolute_url(meeting.get_absolute_url()),
        "startDate": timezone.localtime(meeting.starts_at).isoformat(),
        "endDate": timezone.localtime(meeting.ends_at).isoformat(),
        "eventStatus": SCHEMA
        + ("EventCancelled" if meeting.status == MeetingStatus.CANCELLED else "EventScheduled"),
        "eventAttendanceMode": attendance_mode(meeting),
        "organizer": {
            "@type": "Project",
            "name": project.name,
            "url": absolute_url(project.get_absolute_url()),
        },
    }
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if description := meeting.description or meeting.forum.purpose:
        data["description"] = description
    if languages := [language.code for language in meeting.languages.all()]:
        data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    return data
