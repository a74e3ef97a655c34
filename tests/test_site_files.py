"""Files browsers and crawlers ask for at the site's root: every page would log a 404
without them."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_pages_link_the_svg_favicon(client):
    page = client.get("/fi/").content.decode()

    assert 'rel="icon" href="/static/portal/favicon.svg"' in page
    assert finders.find("portal/favicon.svg")


def test_robots_txt_keeps_crawlers_out_of_admin_and_personal_links(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    for language in ("fi", "sv", "en"):
        assert f"Disallow: /{language}/registrations/" in lines
        assert f"Disallow: /{language}/unsubscribe/" in lines
    # The catalogue itself stays open to crawlers.
    assert not any(line.strip() in {"Disallow: /", "Disallow: /fi/"} for line in lines)
