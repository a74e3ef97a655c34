"""A static files finder for jQuery UI's script alone, from the XStatic package.

modeltranslation's language tabs in admin need jQuery UI; by default it loads the library
from a Google CDN, which tells Google about every editor's visit and fails offline. We serve
the package's copy instead, but only the script: the package's stylesheets contain an
address in a comment that the hashed (manifest) storage of `collectstatic` cannot resolve.
"""

import os
from typing import Any

import xstatic.pkg.jquery_ui
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "jquery-ui"
SCRIPT = "jquery-ui.min.js"


class JqueryUiScriptFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=xstatic.pkg.jquery_ui.BASE_DIR)
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:  # type: ignore[override]
        if path != f"{PREFIX}/{SCRIPT}":
            return []
        found = os.path.join(xstatic.pkg.jquery_ui.BASE_DIR, SCRIPT)
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        yield SCRIPT, self.storage
