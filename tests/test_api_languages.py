"""Translated texts in the API (issue 22): in the language asked for with ?lang= or
Accept-Language, Finnish by default, with each text shown in a fallback language marked; or
in all three at once."""

import pytest

from .api_helpers import catalogue, get

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data():
    return catalogue()


def vamos(client, **params):
    return get(client, "projects/vamos/", **params)


def test_finnish_by_default(client):
    response = vamos(client)

    assert response["Content-Language"] == "fi"
    project = response.json()
    assert project["summary"] == "Hanke tukee nuoria."
    assert project["fallbacks"] == {}
    assert project["page"] == "http://testserver/fi/projects/vamos/"


def test_the_accept_language_header_chooses_the_language(client):
    response = vamos(client, HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")

    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]
    project = response.json()
    assert project["summary"] == "Projektet stöder unga."
    assert project["page"] == "http://testserver/sv/projects/vamos/"


def test_a_text_not_written_in_the_language_falls_back_and_is_marked(client):
    project = vamos(client, lang="sv").json()

    # No Swedish name or tagline: the Finnish ones, marked so; the summary is Swedish.
    assert project["name"] == "VAMOS"
    assert project["tagline"] == "Nuoret mukaan"
    assert project["fallbacks"] == {"name": "fi", "tagline": "fi", "goals": "fi"}
    # Nested objects mark their own: the coordinator has a Finnish name only.
    (implementer,) = project["implementers"]
    assert implementer["organisation"]["fallbacks"] == {"name": "fi"}
    # The funder has an English name, the next in the fallback order (fi, en, sv) is Finnish.
    assert project["fundings"][0]["funder"]["fallbacks"] == {"name": "fi"}


def test_english_falls_back_to_finnish(client):
    project = vamos(client, lang="en").json()

    assert project["name"] == "VAMOS"
    assert project["summary"] == "Hanke tukee nuoria."
    assert project["fallbacks"]["summary"] == "fi"
    assert "name" not in project["fallbacks"]
    assert project["fundings"][0]["funder"]["name"] == "ESF"


def test_the_parameter_wins_over_the_header(client):
    response = vamos(client, lang="en", HTTP_ACCEPT_LANGUAGE="sv")

    assert response["Content-Language"] == "en"
    assert response.json()["page"] == "http://testserver/en/projects/vamos/"


def test_all_three_languages_at_once(client):
    response = vamos(client, lang="all")

    assert response["Content-Language"] == "fi, sv, en"
    project = response.json()
    assert project["summary"] == {
        "fi": "Hanke tukee nuoria.",
        "sv": "Projektet stöder unga.",
        "en": "",
    }
    assert project["name"] == {"fi": "VAMOS", "sv": "", "en": "VAMOS"}
    assert project["fallbacks"] == {}
    assert project["contacts"][0]["role"] == {
        "fi": "Projektipäällikkö",
        "sv": "",
        "en": "Project manager",
    }


def test_lists_and_forums_speak_the_language_too(client):
    projects = get(client, "projects", lang="en").json()["results"]
    assert {project["slug"]: project["fallbacks"] for project in projects}["vamos"] == {
        "tagline": "fi",
        "summary": "fi",
    }
    forum = get(client, "forums/omapolku/", lang="en").json()
    assert forum["purpose"] == "Parents and study counsellors talk as equals."
    assert forum["fallbacks"] == {}
    forum = get(client, "forums/omapolku/", lang="sv").json()
    assert forum["name"] == "OmaPolku-foorumi"
    assert forum["fallbacks"] == {"name": "fi", "purpose": "fi"}
    meeting = get(client, "meetings", lang="all").json()["results"][0]
    assert set(meeting["forum"]["name"]) == {"fi", "sv", "en"}


def test_an_unknown_language_is_a_400(client):
    response = vamos(client, lang="de")

    assert response.status_code == 400
    assert list(response.json()) == ["lang"]
    assert "fi, sv, en, all" in response.json()["lang"][0]


def test_messages_come_in_the_language_asked_for(client):
    finnish = get(client, "projects", lang="fi", status="finished").json()["status"][0]
    english = get(client, "projects", lang="en", status="finished").json()["status"][0]

    assert english.startswith("Select a valid choice.")
    assert finnish != english
