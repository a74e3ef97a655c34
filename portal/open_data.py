"""What the portal's open data shares, wherever it is published (pages, downloads, feeds): the
licence, the portal's public addresses, text made safe for spreadsheets, and JSON-LD for
pages."""

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_CODE = "CC BY 4.0"
# The licence's name as Creative Commons itself gives it in each language (the titles of its
# official translations), so that no translator has to word a legal name.
LICENCE_NAMES = {
    "fi": "Creative Commons Nimeä 4.0 Kansainvälinen",
    "sv": "Creative Commons Erkännande 4.0 Internationell",
    "en": "Creative Commons Attribution 4.0 International",
}
SITE_NAME = "Hankeportaali"


def licence_name(language: str | None = None) -> str:
    """The licence's name in the language (the active one by default), English otherwise."""
    return LICENCE_NAMES.get(language or get_language() or "", LICENCE_NAMES["en"])


def licence_statement(language: str | None = None) -> str:
    """One line naming the licence and its address, for a feed's rights and a file's
    properties: the same in every language but the licence's name."""
    return f"{licence_name(language)} ({LICENCE_CODE}): {LICENCE_URL}"


def absolute_url(path: str) -> str:
    """The portal's public address of a path. PORTAL_URL, not the request's host: a page
    kept by the page cache (whose key has no host) must name the same address to everyone."""
    return f"{settings.PORTAL_URL}{path}"


# Characters that make a spreadsheet read a cell as a formula (or, for a tab or a carriage
# return at the start, hide the one that follows).
FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}


def spreadsheet_cell(value: str) -> str:
    """Text that people typed, safe for a spreadsheet: Excel would run "=..." as a formula."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


# What could end the <script> element or start markup inside it, written as JSON escapes:
# the data reads the same, and no text in it can close the element early.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """The data as a JSON-LD block for a page's <head>, escaped as Django's json_script
    escapes (non-ASCII as \\u escapes too). Browsers do not run it (its type is not a script
    type), so the Content-Security-Policy has nothing to allow."""
    text = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        SafeString(text.translate(_SCRIPT_ESCAPES)),
    )
