"""What the open data tests (tests/test_open_data_*.py) share: addresses in a language, a
catalogue with one of everything, and the personal details that must never leave the portal,
each a string found nowhere else."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from forums.models import Forum, Meeting, MeetingStatus
from forums.services import walk_in_add
from projects.dates import Precision
from projects.models import IdentifierScheme, ImplementerRole, Project

from .factories import (
    ContactFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    LinkFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ThemeFactory,
    region,
)
from .forum_factories import ForumFactory, MeetingFactory, language, register
from .invitation_helpers import InviteeFactory

LANGUAGES = ["fi", "sv", "en"]
ATOM = "{http://www.w3.org/2005/Atom}"

# A person's details, each written once in the data and looked for in every output.
PERSONAL = {
    "contact name": "Sentinelli Yhteyshenkilö",
    "contact e-mail": "sentinel.contact@example.org",
    "contact phone": "+358 40 111 2233",
    "registrant name": "Sentinelli Ilmoittautuja",
    "registrant e-mail": "sentinel.registrant@example.org",
    "registrant phone": "+358 40 444 5566",
    "registrant organisation": "Sentinel Registrant School",
    "registrant needs": "Sentinel wheelchair access",
    "invitee name": "Sentinelli Kutsuttu",
    "invitee e-mail": "sentinel.invitee@example.org",
    "invitee organisation": "Sentinel Invitee Association",
    "walk-in name": "Sentinelli Paikan Päällä",
    "online link": "https://meet.example.org/sentinel-secret-room",
}


def url(name: str, language: str = "fi", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@dataclass
class Catalogue:
    project: Project
    unpublished: Project
    forum: Forum
    meeting: Meeting
    cancelled: Meeting
    past: Meeting
    hidden: Meeting


def make_catalogue(invite: Any) -> Catalogue:
    """A published project with one of everything a download, a feed or a page's JSON-LD
    shows, its forum's meetings (upcoming, cancelled, past), an unpublished project with a
    meeting, and the people around them: a contact, a registrant, an invitee, a walk-in."""
    project = ProjectFactory(
        name_fi="Yhessä",
        name_sv="Tillsammans",
        name_en="Together",
        acronym="YHS",
        other_names="Yhessä-hanke\nYhdessä",
        summary_fi="Hanke tukee maahan muuttaneita vanhempia.",
        summary_sv="Projektet stöder invandrade föräldrar.",
        summary_en="The project supports immigrant parents.",
        start_date=datetime.date(2018, 10, 1),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2030, 12, 31),
        end_precision=Precision.YEAR,
    )
    omnia = OrganisationFactory(name_fi="Omnia", name_en="Omnia", business_id="0201256-6")
    ImplementerFactory(project=project, organisation=omnia, role=ImplementerRole.COORDINATOR)
    ImplementerFactory(
        project=project,
        organisation=OrganisationFactory(name_fi="Sakky", name_en="Sakky"),
        role=ImplementerRole.PARTNER,
    )
    FundingFactory(
        project=project,
        funder=OrganisationFactory(name_fi="Opetushallitus", name_en="Finnish National Agency"),
        intermediary=OrganisationFactory(name_fi="Hämeen ELY-keskus", name_en="Häme ELY"),
        programme=ProgrammeFactory(code="TL 5", name_fi="Kestävää kasvua", name_en="Growth"),
    )
    project.regions.set([region("uusimaa")])
    project.themes.set([ThemeFactory(name_fi="Osallisuus", name_en="Participation")])
    IdentifierFactory(project=project, scheme=IdentifierScheme.EURA2014, value="S21485")
    LinkFactory(project=project, url="https://yhessa.example.org/")
    ContactFactory(
        project=project,
        organisation=omnia,
        name=PERSONAL["contact name"],
        email=PERSONAL["contact e-mail"],
        phone=PERSONAL["contact phone"],
        title_fi="Projektipäällikkö",
        title_sv="Projektledare",
        title_en="Project manager",
    )
    unpublished = ProjectFactory(name_fi="Luonnos", name_en="Draft", is_published=False)

    forum = ForumFactory(project=project, name_fi="Yhteistyöfoorumi", name_en="Forum")
    soon = timezone.now() + datetime.timedelta(days=7)
    meeting = MeetingFactory(
        forum=forum,
        title_fi="Syystapaaminen",
        title_sv="Höstmöte",
        title_en="Autumn meeting",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
        online_url=PERSONAL["online link"],
    )
    meeting.languages.set([language("fi"), language("en")])
    cancelled = MeetingFactory(
        forum=forum,
        title_fi="Peruttu tapaaminen",
        title_en="Called-off meeting",
        status=MeetingStatus.CANCELLED,
        starts_at=soon + datetime.timedelta(days=7),
        ends_at=soon + datetime.timedelta(days=7, hours=2),
    )
    ago = timezone.now() - datetime.timedelta(days=30)
    past = MeetingFactory(
        forum=forum,
        title_fi="Mennyt tapaaminen",
        title_en="Past meeting",
        starts_at=ago,
        ends_at=ago + datetime.timedelta(hours=2),
    )
    hidden = MeetingFactory(
        forum=ForumFactory(project=unpublished, name_fi="Piilofoorumi", name_en="Hidden forum"),
        title_fi="Piilotapaaminen",
        title_en="Hidden meeting",
    )

    register(
        meeting,
        PERSONAL["registrant e-mail"],
        name=PERSONAL["registrant name"],
        phone=PERSONAL["registrant phone"],
        organisation=PERSONAL["registrant organisation"],
        needs=PERSONAL["registrant needs"],
    )
    invitee = InviteeFactory(
        name=PERSONAL["invitee name"],
        email=PERSONAL["invitee e-mail"],
        organisation=PERSONAL["invitee organisation"],
        group=forum.stakeholder_groups.first(),
    )
    invite(meeting)
    assert meeting.invitations.filter(invitee=invitee).exists()
    walk_in_add(
        meeting_id=meeting.pk,
        group_id=forum.stakeholder_groups.first().pk,
        name=PERSONAL["walk-in name"],
    )
    return Catalogue(project, unpublished, forum, meeting, cancelled, past, hidden)


# --- Reading what the portal sends.


def csv_rows(response: Any, delimiter: str) -> list[list[str]]:
    """The rows of a CSV download, after checking that it starts with a byte order mark."""
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=delimiter))


def workbook(response: Any) -> Any:
    return load_workbook(io.BytesIO(response.content))


def workbook_text(book: Any) -> str:
    """Every cell of every sheet and the file's properties, as one text."""
    parts = [str(value) for value in vars(book.properties).values() if value]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts.extend(str(value) for value in row if value is not None)
    return "\n".join(parts)


def atom(client: Client, address: str) -> ET.Element:
    """A feed parsed as XML, after checking that it is served as Atom."""
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own output


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def entry_link(entry: ET.Element) -> str:
    [link] = entry.findall(f"{ATOM}link")
    return link.get("href", "")


def entry_titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title", "") for entry in entries(feed)]
