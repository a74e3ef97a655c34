"""Template helpers for what a public page tells machines: its canonical address, its
OpenGraph locale, the data's licence and the page's JSON-LD."""

from typing import Any

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from portal.open_data import LICENCE_URL, absolute_url, json_ld_script, licence_name

register = template.Library()

# OpenGraph names a locale with its territory.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """The page's address without its query string (tracking parameters, a personal
    invitation, filters), except the filters the view vouches for (`canonical_query`) and
    the page number after the first. Nothing for a page rendered without a request (the
    "try again" page)."""
    request = context.get("request")
    if request is None:
        return ""
    query = context.get("canonical_query", "")
    page = context.get("page")
    if isinstance(page, Page) and page.number > 1:
        query = f"{query}&page={page.number}" if query else f"page={page.number}"
    return absolute_url(f"{request.path}?{query}" if query else request.path)


@register.simple_tag
def og_locales() -> dict[str, Any]:
    """The page's locale and the others it is available in, for og:locale."""
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "current": OG_LOCALES.get(language, OG_LOCALES["fi"]),
        "alternates": [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language],
    }


@register.simple_tag
def data_licence() -> dict[str, str]:
    """The licence the catalogue's data is published under, named in the page's language."""
    return {"name": licence_name(get_language()), "url": LICENCE_URL}


@register.filter
def json_ld(data: dict[str, Any] | None) -> SafeString:
    """A JSON-LD block for the page's head, or nothing."""
    return json_ld_script(data) if data else SafeString("")
