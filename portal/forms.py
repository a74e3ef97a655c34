from typing import Any

from django import forms
from django.db import models
from django.http import QueryDict

# For ModelAdmin.formfield_overrides: editors paste addresses without a scheme; assume https
# (Django 6's default) rather than http.
HTTPS_URL_FIELDS: dict[type[models.Field], dict[str, str]] = {
    models.URLField: {"assume_scheme": "https"}
}


class QueryFilterForm(forms.Form):
    """A form over a page's query string. Values it cannot read are dropped, never an error
    page: a shared or hand-edited address must still show something."""

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        # PostgreSQL refuses NUL characters in a query; no real visitor sends them.
        if data is not None:
            cleaned = QueryDict(mutable=True)
            for key, values in data.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [value.replace("\x00", "") for value in values]
                )
            data = cleaned
        super().__init__(data, **kwargs)

    def valid_data(self) -> dict[str, Any]:
        """The fields that validated; a value that did not is left out."""
        self.is_valid()
        return self.cleaned_data
