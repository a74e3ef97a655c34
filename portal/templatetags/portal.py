"""Template helpers for translated text, plain-text formatting and guarded e-mail addresses."""

import base64
import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class TranslatedText:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


@register.simple_tag
def translated(obj: object, field: str) -> TranslatedText:
    """The field in the active language, or else in the first fallback language that has it,
    with the language it is in, so that the page can mark fallback text with `lang`."""
    language = get_language() or settings.LANGUAGE_CODE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    for code in (language, *(code for code in fallbacks if code != language)):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedText(value, code, code != language)
    return TranslatedText("", language, False)


_BULLET = re.compile(r"^\s*[-•*\u2013]\s+")


@register.filter
def rich_text(value: object) -> SafeString:
    """Plain text as paragraphs, with runs of lines that start with a dash as a list."""
    html: list[SafeString] = []
    for block in re.split(r"\n\s*\n", str(value or "").strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        intro = []
        while lines and not _BULLET.match(lines[0]):
            intro.append(lines.pop(0).strip())
        if intro:
            html.append(format_html("<p>{}</p>", " ".join(intro)))
        if lines:
            items = ((_BULLET.sub("", line).strip(),) for line in lines)
            html.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", items)))
    return SafeString("".join(html))


@register.simple_tag
def protected_email(address: str) -> SafeString:
    """An e-mail address that a page scraper cannot lift from the HTML: the text reads
    "name (at) domain", and a small script turns it into a link from an encoded copy."""
    if not address or "@" not in address:
        return SafeString("")
    user, domain = address.rsplit("@", 1)
    encoded = base64.b64encode(address[::-1].encode()).decode()
    return format_html(
        '<span class="protected-email" data-address="{}">{} (at) {}</span>',
        encoded,
        user,
        domain,
    )


@register.simple_tag(takes_context=True)
def query_without(context: template.Context, *names: str) -> str:
    """The current query string without the given parameters (and without the page)."""
    query: QueryDict = context["request"].GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_with_page(context: template.Context, page: int) -> str:
    query: QueryDict = context["request"].GET.copy()
    query["page"] = str(page)
    return f"?{query.urlencode()}"
