from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from forums.models import Language

register = template.Library()


@register.filter
def language_label(language: Language) -> SafeString:
    """The language's name in the page's language, then its own name marked with its own
    language and direction, so that screen readers pronounce it right."""
    if not language.native_name or language.native_name == language.name:
        return format_html("{}", language.name)
    return format_html(
        '{} (<span lang="{}" dir="{}">{}</span>)',
        language.name,
        language.code,
        "rtl" if language.is_rtl else "ltr",
        language.native_name,
    )
