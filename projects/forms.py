from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import QueryFilterForm

from .models import Organisation, ProjectStatus, Region, Theme
from .selectors import ProjectFilters, ProjectSort, filter_choices

SORT_CHOICES = [
    ("", _("Default order")),
    (ProjectSort.RELEVANCE, _("Best match")),
    (ProjectSort.NEWEST, _("Newest first")),
    (ProjectSort.ENDING, _("Latest end first")),
    (ProjectSort.NAME, _("Name")),
]


class ProjectFilterForm(QueryFilterForm):
    """The listing's search and filters."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ProjectStatus.choices],
        required=False,
    )
    funder: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any funder"),
    )
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Implementing organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any organisation"),
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any region"),
    )
    theme: "forms.ModelChoiceField[Theme]" = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
    )
    year = forms.IntegerField(
        label=_("Active in year"), min_value=1990, max_value=2100, required=False
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in filter_choices().items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]

    def filters(self) -> ProjectFilters:
        data = self.valid_data()
        return ProjectFilters(
            q=" ".join(data.get("q", "").split()),
            status=data.get("status", ""),
            funder=data.get("funder"),
            organisation=data.get("organisation"),
            region=data.get("region"),
            theme=data.get("theme"),
            year=data.get("year"),
            sort=data.get("sort", ""),
        )
