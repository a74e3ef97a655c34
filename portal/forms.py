import html
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    # django-stubs comes with the dev extras only: the name is for the type checker.
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
        # Like Select, only the first option of the chosen value is selected.
        unselected = set(self.format_value(value))
        options = "".join(self._options(self.choices, unselected))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return SafeString(f'<select name="{_escape(name)}"{attributes}>{options}</select>')

    def _options(self, choices: Iterable[Any], unselected: set[str]) -> Iterator[str]:
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(self._options(label, unselected))
                yield f'<optgroup label="{_escape(value)}">{inner}</optgroup>'
                continue
            key = "" if value is None else str(value)
            selected = ""
            if key in unselected:
                selected = " selected"
                unselected.clear()
            yield f'<option value="{_escape(key)}"{selected}>{_escape(label)}</option>'


def _escape(text: Any) -> str:
    """Django's conditional_escape without its wrappers, which cost more than the escaping
    when a select has hundreds of options."""
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


class ListedOptions(BaseChoiceIterator):
    """The objects a ListedChoiceField offers, by key, and their labels in one language. A
    selector makes them once and keeps them, so that a form neither reads nor labels them
    for each request; as choices they are used as they are, not normalised again."""

    def __init__(self, objects: dict[str, Any], labels: list[tuple[str, str]]) -> None:
        self.objects = objects
        self.labels = labels

    @classmethod
    def of(
        cls,
        items: Iterable[Any],
        key: Callable[[Any], str],
        label: Callable[[Any], str] = str,
    ) -> "ListedOptions":
        items = list(items)
        return cls(
            {key(item): item for item in items}, [(key(item), label(item)) for item in items]
        )

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.labels)


class _WithEmpty(BaseChoiceIterator):
    def __init__(self, empty_label: "StrOrPromise", options: ListedOptions) -> None:
        self.empty_label = empty_label
        self.options = options

    def __iter__(self) -> Iterator[tuple[str, "StrOrPromise"]]:
        yield ("", self.empty_label)
        yield from self.options


class ListedChoiceField(forms.ChoiceField):
    """One of the objects the form was given, picked by its key: validating a choice reads
    nothing from the database (ModelChoiceField would query for it) and looks the key up
    instead of going through every choice."""

    widget = QuickSelect

    def __init__(self, *, empty_label: "StrOrPromise | None" = None, **kwargs: Any) -> None:
        self.empty_label = empty_label
        self.options: dict[str, Any] = {}
        super().__init__(**kwargs)

    def set_options(self, options: ListedOptions) -> None:
        self.options = options.objects
        self.choices = (
            options if self.empty_label is None else _WithEmpty(self.empty_label, options)
        )

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.options

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
