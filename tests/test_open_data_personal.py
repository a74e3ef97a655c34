"""No person's details leave the portal through its open data (issue 22): every personal field
of a contact, a registrant, an invitee and a walk-in holds a string found nowhere else, and
none of them appears anywhere in a download (CSV, or XLSX read back whole), a feed or a page's
JSON-LD, in any language; nor does a meeting's online link. A contact is there by role and
organisation only."""

import pytest

from .open_data_helpers import (
    LANGUAGES,
    PERSONAL,
    make_catalogue,
    url,
    workbook,
    workbook_text,
)
from .page_html import find_all

pytestmark = pytest.mark.django_db

CONTACT_ROLES = {
    "fi": "Projektipäällikkö, Omnia",
    "sv": "Projektledare, Omnia",
    "en": "Project manager, Omnia",
}


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def outputs(client, catalogue, language: str) -> dict[str, str]:
    """Everything the open data publishes in the language, as text."""
    found = {
        "csv": b"".join(
            client.get(url("projects:download_csv", language)).streaming_content
        ).decode(),
        "xlsx": workbook_text(workbook(client.get(url("projects:download_xlsx", language)))),
        "project feed": client.get(url("projects:feed", language)).content.decode(),
        "meetings feed": client.get(url("forums:meetings_atom", language)).content.decode(),
        "forum feed": client.get(
            url("forums:forum_atom", language, slug=catalogue.forum.slug)
        ).content.decode(),
    }
    for name, address in {
        "project JSON-LD": url("projects:detail", language, slug=catalogue.project.slug),
        "meeting JSON-LD": url("forums:meeting", language, pk=catalogue.meeting.pk),
    }.items():
        html = client.get(address).content.decode()
        [script] = find_all(html, "script", type="application/ld+json")
        found[name] = script.text
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_personal_detail_appears_in_any_open_data(client, catalogue, language):
    published = outputs(client, catalogue, language)

    leaks = [
        f"{detail} in {output}"
        for output, text in published.items()
        for detail, value in PERSONAL.items()
        if value in text
    ]
    assert leaks == []
    # The outputs are not empty: the project, its contact's role and the meeting are there.
    for output in ("csv", "xlsx"):
        assert CONTACT_ROLES[language] in published[output], output
        assert catalogue.project.slug in published[output], output
    assert catalogue.project.slug in published["project feed"]
    for output in ("meetings feed", "forum feed"):
        assert f"/meetings/{catalogue.meeting.pk}/" in published[output], output


def test_the_sentinels_are_in_the_data_the_outputs_are_made_from(catalogue):
    """Otherwise the test above would prove nothing."""
    contact = catalogue.project.contacts.get()
    registration = catalogue.meeting.registrations.get()
    invitation = catalogue.meeting.invitations.get()
    walk_in = catalogue.meeting.walk_ins.get()
    assert (contact.name, contact.email, contact.phone) == (
        PERSONAL["contact name"],
        PERSONAL["contact e-mail"],
        PERSONAL["contact phone"],
    )
    assert (
        registration.name,
        registration.email,
        registration.phone,
        registration.organisation,
        registration.needs,
    ) == (
        PERSONAL["registrant name"],
        PERSONAL["registrant e-mail"],
        PERSONAL["registrant phone"],
        PERSONAL["registrant organisation"],
        PERSONAL["registrant needs"],
    )
    assert (
        invitation.invitee.name,
        invitation.invitee.email,
        invitation.invitee.organisation,
    ) == (PERSONAL["invitee name"], PERSONAL["invitee e-mail"], PERSONAL["invitee organisation"])
    assert walk_in.name == PERSONAL["walk-in name"]
    assert catalogue.meeting.online_url == PERSONAL["online link"]
