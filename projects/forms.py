from functools import partial
from typing import Any, TypeVar, cast

from django import forms
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.cache import kept_for_content, shared_content_version
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


EMPTY_LABELS = {
    "funder": _("Any funder"),
    "programme": _("Any programme"),
    "region": _("Any region"),
    "theme": _("Any theme"),
}

M = TypeVar("M", bound=Model)


def filter_options(name: str) -> list[tuple[str, str, Model]]:
    """What a select filter offers, as (slug, label, object): one query."""
    if name == "funder":
        return [(funder.slug, str(funder), funder) for funder in funders()]
    if name == "programme":
        return [
            (node.slug, f"{PROGRAMME_INDENT * depth}{node}", node)
            for node, depth in programmes_with_projects()
        ]
    if name == "region":
        return [(region.slug, str(region), region) for region in Region.objects.all()]
    return [(theme.slug, str(theme), theme) for theme in Theme.objects.all()]


class ProjectFilterForm(QueryFilterForm):
    """The listing's search and filters."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ProjectStatus.choices],
        required=False,
    )
    # The choices of these four are read when needed (choices_of: from the database or the
    # cache); each cleans to the object chosen, or None.
    funder = forms.ChoiceField(label=_("Funder"), required=False)
    # Only the nodes with published projects under them.
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
    region = forms.ChoiceField(label=_("Region"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    year = forms.IntegerField(
        label=_("Active in year"), min_value=1990, max_value=2100, required=False
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        # The objects behind the choices this request read itself; when they came from the
        # cache, the chosen one is looked up by its slug.
        self.chosen_from: dict[str, dict[str, Model]] = {}
        self.read_choices: dict[str, list[tuple[str, str]]] = {}
        self.version = shared_content_version()
        for name in EMPTY_LABELS:
            # Read when first needed (a download renders no select), then once a request.
            cast(forms.ChoiceField, self.fields[name]).choices = partial(self.choices_of, name)
        if not self.choices_of("programme")[1:]:
            # Nothing to choose from: the filter is left out rather than offered empty.
            del self.fields["programme"]

    def choices_of(self, name: str) -> list[tuple[str, str]]:
        if name not in self.read_choices:

            def read() -> list[tuple[str, str]]:
                options = filter_options(name)
                self.chosen_from[name] = {slug: item for slug, _label, item in options}
                # Plain (slug, label) pairs: the cache keeps no model instances.
                return [(slug, label) for slug, label, _item in options]

            kept = kept_for_content(f"listing-filter-{name}", read, version=self.version)
            self.read_choices[name] = [("", str(EMPTY_LABELS[name])), *kept]
        return self.read_choices[name]

    def _chosen(self, name: str, objects: QuerySet[M]) -> M | None:
        slug = self.cleaned_data[name]
        if not slug:
            return None
        if name in self.chosen_from:
            return cast(M | None, self.chosen_from[name].get(slug))
        return objects.filter(slug=slug).first()

    def clean_funder(self) -> Organisation | None:
        return self._chosen("funder", Organisation.objects.all())

    def clean_programme(self) -> Programme | None:
        return self._chosen("programme", Programme.objects.all())

    def clean_region(self) -> Region | None:
        return self._chosen("region", Region.objects.all())

    def clean_theme(self) -> Theme | None:
        return self._chosen("theme", Theme.objects.all())

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
