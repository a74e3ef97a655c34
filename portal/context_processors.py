from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import HttpRequest
from django.urls import translate_url


def site(request: HttpRequest) -> dict[str, object]:
    """Links to the current page in each language (named in that language), for the
    language switcher and the hreflang alternates."""
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": LANG_INFO[code]["name_local"].capitalize(),
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }
