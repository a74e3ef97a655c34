from typing import Any, cast

from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.forms import QueryFilterForm

from .models import Implementer, Organisation, Programme, ProjectStatus, Region, Theme
from .selectors import ProjectFilters, ProjectSort, funders
from .selectors_catalogue import programmes_with_projects

# Each level of the programme tree is indented by this much in the filter's options (screen
# readers skip the spaces and read the name with its code).
PROGRAMME_INDENT = "\u00a0" * 3

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
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=funders(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any funder"),
    )
    # Only the nodes with published projects under them; filled in by __init__ from one query.
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    # Thousands of organisations implement projects: a list of them all would be a page of
    # its own to download and to read out. A text field works without JavaScript and reads
    # like any other field; what is typed is matched against the organisations' names.
    organisation = forms.CharField(
        label=_("Implementing organisation"),
        max_length=200,
        required=False,
        help_text=_("Part of the name or the abbreviation, for example Omnia or OPH."),
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any region"),
    )
    theme: "forms.ModelChoiceField[Theme]" = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
    )
    year = forms.IntegerField(
        label=_("Active in year"), min_value=1990, max_value=2100, required=False
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        nodes = programmes_with_projects()
        if not nodes:
            # Nothing to choose from: the filter is left out rather than offered empty.
            del self.fields["programme"]
            return
        self.programmes = {node.slug: node for node, _depth in nodes}
        cast(forms.ChoiceField, self.fields["programme"]).choices = [
            ("", _("Any programme")),
            *((node.slug, f"{PROGRAMME_INDENT * depth}{node}") for node, depth in nodes),
        ]

    def clean_programme(self) -> Programme | None:
        return self.programmes.get(self.cleaned_data["programme"])

    def clean_organisation(self) -> Organisation | str:
        """The organisation whose slug this is (addresses from before the text field name it
        so), when it implements a published project; otherwise the text to match names."""
        text = " ".join(self.cleaned_data["organisation"].split())
        if not text or slugify(text) != text:
            return text
        organisation = (
            Organisation.objects.filter(slug=text)
            .filter(
                Exists(
                    Implementer.objects.filter(
                        organisation=OuterRef("pk"), project__is_published=True
                    )
                )
            )
            .first()
        )
        return organisation or text

    def filters(self) -> ProjectFilters:
        data = self.valid_data()
        organisation = data.get("organisation") or ""
        return ProjectFilters(
            q=" ".join(data.get("q", "").split()),
            status=data.get("status", ""),
            funder=data.get("funder"),
            programme=data.get("programme"),
            organisation=organisation if isinstance(organisation, Organisation) else None,
            organisation_name=organisation if isinstance(organisation, str) else "",
            region=data.get("region"),
            theme=data.get("theme"),
            year=data.get("year"),
            sort=data.get("sort", ""),
        )
