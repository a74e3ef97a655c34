"""Showing a visitor why a project was found: the words of a text that match the search."""

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language

from portal.templatetags.portal import TranslatedText

from ..search.analysis import WORD, word_terms
from ..search.query import SearchPlan

register = template.Library()


def highlight(value: object, plan: object, words: int = 0) -> object:
    """The text, escaped, with each word that the search matches in <mark>: a word matches
    when its index terms in the text's language (a fallback text's own, else the page's) meet
    the plan's, so that "opiskelijoiden" is marked for a search for "opiskelija" and
    "keskeyttämisriskiä" for "riski". Without a plan, or with nothing to mark, the text is
    returned as it is (cut to `words` words if asked), for the template to escape."""
    # Text already made HTML is left alone: words split out of it could be entities or tags.
    if not value or isinstance(value, SafeData):
        return value
    if isinstance(value, TranslatedText):
        language = value.lang
    else:
        language = get_language() or settings.LANGUAGE_CODE
    # Cut to `words` words here, not by a filter before: a filter's output has lost the
    # language of a fallback text.
    text = Truncator(str(value)).words(words, truncate=" …") if words else str(value)
    if not isinstance(plan, SearchPlan):
        return text
    pieces: list[str] = []
    done = 0
    for match in WORD.finditer(text):
        if plan.matches(word_terms(match.group().casefold(), language)):
            pieces.append(escape(text[done : match.start()]))
            pieces.append(format_html("<mark>{}</mark>", match.group()))
            done = match.end()
    if not pieces:
        return text
    pieces.append(escape(text[done:]))
    # Every piece is escaped text or a <mark> around escaped text.
    return SafeString("".join(pieces))


@register.simple_tag(takes_context=True)
def search_highlight(context: template.Context, value: object, words: int = 0) -> object:
    """`{% search_highlight name %}`: the text with the words that the page's search
    (`search_plan` in the context) matches marked; the text alone on pages without one, as a
    card on the home page."""
    return highlight(value, context.get("search_plan"), words)
