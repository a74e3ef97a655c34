from typing import Any

from django import forms
from django.db import models
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django_stubs_ext import StrOrPromise

# For ModelAdmin.formfield_overrides: editors paste addresses without a scheme; assume https
# (Django 6's default) rather than http.
HTTPS_URL_FIELDS: dict[type[models.Field], dict[str, str]] = {
    models.URLField: {"assume_scheme": "https"}
}


class QuickSelect(forms.Select):
    """The markup of Django's Select, written in Python: Django renders a template for each
    option, which for the hundreds of options of a filter costs tens of milliseconds a page."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, html)
                if group_name
                else html
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            SafeString("".join(groups)),
        )


class ListedChoiceField(forms.ChoiceField):
    """One of the objects the form was given, picked by its key: validating a choice reads
    nothing from the database (ModelChoiceField would query for it)."""

    def __init__(self, *, empty_label: StrOrPromise | None = None, **kwargs: Any) -> None:
        self.empty_label = empty_label
        super().__init__(**kwargs)

    def set_options(self, options: dict[str, Any], labels: list[tuple[str, str]]) -> None:
        self.options = options
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        self.choices = [*empty, *labels]

    def clean(self, value: Any) -> Any:
        key = super().clean(value)
        return self.options[key] if key else None


class QueryFilterForm(forms.Form):
    """A form over a page's query string. Values it cannot read are dropped, never an error
    page: a shared or hand-edited address must still show something. Its selects are
    QuickSelects."""

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
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                quick = QuickSelect(attrs=field.widget.attrs)
                quick.choices = field.widget.choices
                quick.is_required = field.widget.is_required
                field.widget = quick

    def valid_data(self) -> dict[str, Any]:
        """The fields that validated; a value that did not is left out."""
        self.is_valid()
        return self.cleaned_data
