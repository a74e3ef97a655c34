"""Project cards kept as HTML, in each language, until the catalogue changes or the day does
(a card shows the project's status, which follows the date), at most CONTENT_CACHE_SECONDS.
A listing page then reads and renders only the cards of projects no page has shown lately: a
search, a filter or a deep page costs its ids and little more, however many different
addresses visitors use."""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from portal.cache import content_key

from .selectors import project_cards


def project_cards_html(ids: list[int]) -> list[SafeString]:
    """The cards of the published projects among `ids`, in that order."""
    today = timezone.localdate().isoformat()
    prefix = f"card:{content_key()}:{get_language() or 'fi'}:{today}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    kept = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in kept]
    if missing:
        rendered = {
            keys[project.pk]: render_to_string("projects/_card.html", {"project": project})
            for project in project_cards(missing)
        }
        cache.set_many(rendered, settings.CONTENT_CACHE_SECONDS)
        kept.update(rendered)
    return [kept[key] for key in keys.values() if key in kept]
