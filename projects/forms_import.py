"""The forms of admin's "Import from text" page (projects.admin.text_import): the page's text
as a person hands it over, and the draft read from it as they correct it before saving.

The draft form keeps no state of its own: the text goes back and forth in a hidden field and
is read again on every step, and the form's values then override what was read. So what is
saved is always what the person saw, and a tampered offset or row cannot reach a service."""

import dataclasses
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .dates import Precision, format_partial_date
from .importer.draft import (
    Budget,
    ContactRow,
    Draft,
    FunderRow,
    IdentifierRow,
    ImplementerRow,
    PartialDate,
    RelatedRow,
)
from .importer.text import NotPageText, page_text
from .models import DatesBasis, ImplementerRole, Scope

LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]

# The facts of a draft by their JSON keys, as people call them.
FACT_NAMES = {
    "name": _("name"),
    "other_names": _("other names"),
    "start": _("start"),
    "end": _("end"),
    "dates_are": _("whether the dates are planned or actual"),
    "stated_status": _("stated status"),
    "funders": _("funders"),
    "implementers": _("implementers"),
    "identifiers": _("identifiers"),
    "contacts": _("contacts"),
    "target_groups": _("target groups"),
    "beneficiaries": _("beneficiaries"),
    "goals": _("goals"),
    "activities": _("activities"),
    "results": _("results"),
    "regions": _("regions"),
    "scope": _("geographical scope"),
    "budget": _("budget"),
    "keywords": _("keywords"),
    "related": _("related projects"),
}

# An implementer's role as the draft names it, in the catalogue's words where it has them.
ROLE_NAMES = {
    "administrator": ImplementerRole.ADMINISTRATOR.label,
    "coordinator": ImplementerRole.COORDINATOR.label,
    "lead": ImplementerRole.LEAD_PARTNER.label,
    "co-implementer": ImplementerRole.CO_IMPLEMENTER.label,
    "partner": ImplementerRole.PARTNER.label,
    "organiser": ImplementerRole.ORGANISER.label,
    "funder-side": _("on the funder's side"),
    "unknown": ImplementerRole.NOT_STATED.label,
}
RELATION_NAMES = {
    "predecessor": _("came before this project"),
    "successor": _("came after this project"),
    "member_of": _("this project is a member of it"),
    "coordinates": _("this project coordinates it"),
    "phase_of": _("this project is a phase of it"),
    "related": pgettext_lazy("project", "related"),
}
SCHEME_NAMES = {
    "eura": _("EURA project code"),
    "eura-diary": _("EURA diary number"),
    "vn": _("government project or case number"),
    "url": _("source page"),
}

# The draft's lists of rows that a person may leave out, each with its checkbox field.
ROW_LISTS = ("implementers", "funders", "identifiers", "contacts", "related")
# The draft's lists of lines, edited one per line.
LINE_LISTS = ("other_names", "target_groups", "beneficiaries", "goals", "activities", "results")


class TextImportForm(forms.Form):
    """Step one: a pasted text or a .txt file, and the language it is written in."""

    text = forms.CharField(
        label=_("Text of the page"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        help_text=_(
            "Copy the text of one project page (select all on the page, copy, paste here). "
            "Only the text is read; nothing is fetched from the web."
        ),
    )
    file = forms.FileField(
        label=_("Or a text file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
        help_text=_("A .txt file with the text of one page, instead of pasting it."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        required=False,
        choices=[("", _("Recognise it from the text")), *LANGUAGES],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        data: bytes | str = upload.read() if upload else cleaned.get("text", "")
        if upload and cleaned.get("text", "").strip():
            raise forms.ValidationError(_("Paste the text or choose a file, not both."))
        try:
            cleaned["page"] = page_text(data)
        except NotPageText as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _row_label(key: str, row: Any) -> str:
    """A row of the draft as its checkbox names it."""
    if isinstance(row, ImplementerRow):
        name = f"{row.organisation} ({row.abbreviation})" if row.abbreviation else row.organisation
        return f"{name} – {ROLE_NAMES.get(row.role, row.role)}"
    if isinstance(row, FunderRow):
        parts = [row.funder, row.intermediary, row.programme]
        return " – ".join(part for part in parts if part)
    if isinstance(row, IdentifierRow):
        return f"{SCHEME_NAMES.get(row.scheme, row.scheme)}: {row.value}"
    if isinstance(row, ContactRow):
        parts = [row.name, row.title, row.organisation, row.email, row.phone]
        return ", ".join(part for part in parts if part)
    if isinstance(row, RelatedRow):
        return f"{row.name} ({RELATION_NAMES.get(row.relation, row.relation)})"
    return str(row)


class DraftForm(forms.Form):
    """Step two: the draft as read, every fact editable, every row with a box to leave it out.
    The text and its language come back hidden, to be read again."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    # The language the draft was read in; the one below is for reading it again.
    read_in = forms.ChoiceField(choices=LANGUAGES, widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=LANGUAGES,
        help_text=_("Choose another and read the text again: the edits below are then lost."),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    other_names = forms.CharField(
        label=_("Other names"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = forms.DateField(label=_("Start"), required=False)
    start_precision = forms.ChoiceField(label=_("Start known to the"), choices=Precision.choices)
    start_text = forms.CharField(label=_("Start as written"), required=False, max_length=100)
    end_date = forms.DateField(label=_("End"), required=False)
    end_precision = forms.ChoiceField(label=_("End known to the"), choices=Precision.choices)
    end_text = forms.CharField(label=_("End as written"), required=False, max_length=100)
    dates_are = forms.ChoiceField(
        label=_("The dates are"), required=False, choices=[("", "—"), *DatesBasis.choices]
    )
    stated_status = forms.CharField(
        label=_("Stated status"),
        required=False,
        max_length=100,
        help_text=_("As the page writes it, for example Päättynyt."),
    )
    scope = forms.ChoiceField(
        label=_("Geographical scope"), required=False, choices=[("", "—"), *Scope.choices]
    )
    budget_min = forms.DecimalField(
        label=_("Budget (EUR)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    budget_max = forms.DecimalField(
        label=_("Budget up to (EUR)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    target_groups = forms.CharField(
        label=_("Target groups"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    beneficiaries = forms.CharField(
        label=_("Beneficiaries"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    activities = forms.CharField(
        label=_("Activities"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data: Any = None, *, draft: Draft, text: str) -> None:
        super().__init__(data, initial=self._initial(draft, text), prefix="draft")
        self.draft = draft
        for name in (*LINE_LISTS, "keywords"):
            self.fields[name].help_text = _("One per line.")
        labels = {
            "implementers": _("Implementers"),
            "funders": _("Funders"),
            "identifiers": _("Identifiers"),
            "contacts": _("Contacts"),
            "related": _("Related projects"),
        }
        for key in ROW_LISTS:
            rows = getattr(draft, key)
            self.fields[f"keep_{key}"] = forms.TypedMultipleChoiceField(
                label=labels[key],
                required=False,
                coerce=int,
                choices=[(index, _row_label(key, row)) for index, row in enumerate(rows)],
                widget=forms.CheckboxSelectMultiple,
                initial=list(range(len(rows))),
                help_text=_("Untick a row to leave it out of the draft."),
            )

    @staticmethod
    def _initial(draft: Draft, text: str) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "text": text,
            "read_in": draft.language,
            "language": draft.language,
            "name": draft.name or "",
            "dates_are": draft.dates_are or "",
            "stated_status": draft.stated_status or "",
            "scope": draft.scope or "",
            "budget_min": draft.budget.min if draft.budget else None,
            "budget_max": draft.budget.max if draft.budget else None,
            "keywords": "\n".join(draft.keywords),
        }
        for key in LINE_LISTS:
            initial[key] = "\n".join(getattr(draft, key))
        for key in ("start", "end"):
            date: PartialDate | None = getattr(draft, key)
            initial[f"{key}_date"] = date.date if date else None
            initial[f"{key}_precision"] = date.precision if date else Precision.DAY
            initial[f"{key}_text"] = date.text if date else ""
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The project cannot end before it starts."))
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if high is not None and low is None:
            self.add_error("budget_min", _("Give the lower end of the range, or only this field."))
        elif high is not None and low is not None and high < low:
            self.add_error(
                "budget_max", _("The upper end of the range cannot be below the lower end.")
            )
        return cleaned

    def edited_draft(self) -> Draft:
        """The draft with the person's edits; call after is_valid()."""
        data = self.cleaned_data
        changes: dict[str, Any] = {key: _lines(data[key]) for key in LINE_LISTS}
        changes["keywords"] = _lines(data["keywords"])
        for key in ("start", "end"):
            date = data[f"{key}_date"]
            precision = data[f"{key}_precision"]
            written = data[f"{key}_text"].strip() or format_partial_date(date, precision)
            changes[key] = PartialDate(date, precision, written) if date else None
        for key in ROW_LISTS:
            kept = set(data[f"keep_{key}"])
            changes[key] = [
                row for index, row in enumerate(getattr(self.draft, key)) if index in kept
            ]
        low, high = data["budget_min"], data["budget_max"]
        currency = self.draft.budget.currency if self.draft.budget else "EUR"
        return dataclasses.replace(
            self.draft,
            **changes,
            name=data["name"].strip(),
            dates_are=data["dates_are"] or None,
            stated_status=data["stated_status"].strip() or None,
            scope=data["scope"] or None,
            budget=Budget(low, high, currency) if low is not None else None,
        )


class MergeForm(forms.Form):
    """Which of an existing project's differences from the draft to take."""

    take = forms.MultipleChoiceField(
        label=_("Take from the draft"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data: Any = None, *, keys: list[tuple[str, str]]) -> None:
        super().__init__(data, prefix="merge")
        self.fields["take"].choices = keys  # type: ignore[attr-defined]
