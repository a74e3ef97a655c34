"""Admin's "Import from text" page on the project list: a person pastes one page's text, sees
the draft read from it beside the text (each fact marked where it was read), corrects it and
saves it as an unpublished project that their organisation keeps, or takes chosen changes
into the project that already has the draft's identifier.

Nothing is kept between the steps but the text itself, which is read again on every step
(projects.forms_import says why); the services in projects.importing do the reading and
the saving, so the page does no more than ask and show."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms_import import FACT_NAMES, LANGUAGES, DraftForm, MergeForm, TextImportForm
from ..importer.draft import Draft, Found
from ..importer.text import NotPageText, page_text
from ..importing import (
    MergeProposal,
    draft_left_out,
    draft_merge,
    draft_merge_proposal,
    draft_read,
    draft_save,
)
from ..models import Organisation, Project
from ..permissions import in_scope
from ..selectors import projects_named

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[Project]
else:
    _Base = object

TEMPLATE = "admin/projects/import_text.html"
TITLE = gettext_lazy("Import a project from text")
# The model's fields that a saving service may word an error for, and the form's field that
# shows it (any other goes above the form).
FORM_FIELDS = {
    "name": "name",
    "name_fi": "name",
    "name_sv": "name",
    "name_en": "name",
    "other_names": "other_names",
    "start_date": "start_date",
    "start_precision": "start_precision",
    "start_text": "start_text",
    "end_date": "end_date",
    "end_precision": "end_precision",
    "end_text": "end_text",
    "dates_basis": "dates_are",
    "scope": "scope",
    "budget_min": "budget_min",
    "budget_max": "budget_max",
}


def fact_name(key: str) -> str:
    return str(FACT_NAMES.get(key, key))


def highlighted(text: str, found: Iterable[Found]) -> SafeString:
    """The text with each place a fact was read in a <mark> that names the fact in words.
    Places that overlap become one mark naming each of their facts, so that marks never
    cross and the HTML stays whole; everything from the text is escaped."""
    places = sorted(
        (place for place in found if 0 <= place.start < place.end <= len(text)),
        key=lambda place: (place.start, place.end),
    )
    merged: list[tuple[int, int, list[str]]] = []
    for place in places:
        if merged and place.start < merged[-1][1]:
            start, end, keys = merged[-1]
            keys = keys if place.key in keys else [*keys, place.key]
            merged[-1] = (start, max(end, place.end), keys)
        else:
            merged.append((place.start, place.end, [place.key]))
    parts: list[str] = []
    position = 0
    for start, end, keys in merged:
        names = ", ".join(fact_name(key) for key in keys)
        parts.append(escape(text[position:start]))
        parts.append(
            format_html(
                '<mark class="import-fact" data-facts="{}">'
                '<span class="import-fact-name">{}<span class="visually-hidden">:</span></span> '
                "{}</mark>",
                " ".join(keys),
                names,
                text[start:end],
            )
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def organisations_named(draft: Draft) -> list[dict[str, Any]]:
    """Each organisation the draft names, once, with the catalogue's match if it has one (in
    one query)."""
    named: list[tuple[str, int | None]] = [
        (row.organisation, row.organisation_id) for row in draft.implementers
    ]
    for funder in draft.funders:
        named.append((funder.funder, funder.funder_id))
        if funder.intermediary:
            named.append((funder.intermediary, funder.intermediary_id))
    found = Organisation.objects.in_bulk([pk for _name, pk in named if pk is not None])
    seen: set[tuple[str, int | None]] = set()
    listed = []
    for name, pk in named:
        if (name, pk) in seen:
            continue
        seen.add((name, pk))
        organisation = found.get(pk) if pk is not None else None
        listed.append(
            {
                "name": name,
                "match": organisation,
                "url": organisation
                and reverse("admin:projects_organisation_change", args=[organisation.pk]),
            }
        )
    return listed


def _show_errors(form: DraftForm, error: ValidationError) -> None:
    """A service's refusal on the form, beside the field it is about."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(FORM_FIELDS.get(field), errors)


def _merge_form(proposal: MergeProposal | None, data: Any = None) -> MergeForm:
    """The boxes for the differences the person may take; at first, those that fill a gap
    in the existing project are ticked."""
    differences = proposal.differences if proposal is not None and proposal.may_change else []
    form = MergeForm(data, keys=[(difference.key, difference.label) for difference in differences])
    form.initial["take"] = [difference.key for difference in differences if not difference.current]
    return form


class TextImportAdminMixin(_Base):
    """The project list's "Import from text" page, for staff who may add projects."""

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import-text/",
                self.admin_site.admin_view(self.import_text_view),
                name="projects_project_import_text",
            )
        ]
        return [*own, *super().get_urls()]

    def import_text_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._paste_page(request, TextImportForm())
        if "draft-text" not in request.POST:
            return self._read(request)
        return self._reread(request)

    def _read(self, request: HttpRequest) -> HttpResponse:
        """Step one's answer: the draft read from the pasted text or the uploaded file."""
        form = TextImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._paste_page(request, form)
        text = form.cleaned_data["page"]
        try:
            draft = draft_read(text=text, language=form.cleaned_data["language"] or None)
        except NotPageText as error:
            form.add_error(None, str(error))
            return self._paste_page(request, form)
        return self._review(request, DraftForm(draft=draft, text=text), text)

    def _reread(self, request: HttpRequest) -> HttpResponse:
        """Step two again: the text read anew, in the language it was read in before unless
        the person asks for another (which starts the draft afresh)."""
        data = request.POST
        again = "_reread" in data
        read_in = data.get("draft-language" if again else "draft-read_in")
        read_in = read_in if read_in in dict(LANGUAGES) else None
        try:
            text = page_text(data["draft-text"])
            draft = draft_read(text=text, language=read_in)
        except NotPageText:
            # The text came back empty or changed beyond reading: start again from it.
            form = TextImportForm({"text": data["draft-text"], "language": read_in or ""})
            form.is_valid()
            return self._paste_page(request, form)
        if again:
            return self._review(request, DraftForm(draft=draft, text=text), text)
        return self._review(request, DraftForm(data, draft=draft, text=text), text)

    def _review(self, request: HttpRequest, form: DraftForm, text: str) -> HttpResponse:
        """The draft with the person's edits, against the project that may have its
        identifier already; saved when asked and valid, else shown."""
        edited = form.edited_draft() if form.is_valid() else form.draft
        try:
            proposal = draft_merge_proposal(draft=edited, user=request.user)
            conflict = None
        except ValidationError as error:  # identifiers of two projects
            proposal, conflict = None, error.messages
        merge_form = _merge_form(proposal, request.POST if form.is_bound else None)
        if (
            "_save" in request.POST
            and not conflict
            and form.is_valid()
            and merge_form.is_valid()
            and (project := self._save(request, form, edited, proposal, merge_form))
        ):
            return HttpResponseRedirect(reverse("admin:projects_project_change", args=[project.pk]))
        differences = []
        if proposal is not None and proposal.may_change:
            take = merge_form["take"]
            differences = list(zip(take, proposal.differences, strict=True))
        return render(
            request,
            TEMPLATE,
            {
                **self.admin_site.each_context(request),
                "title": TITLE,
                "opts": Project._meta,
                "form": form,
                "highlighted": highlighted(text, form.draft.found),
                "completeness": round(edited.completeness * 100),
                "missing": [fact_name(key) for key in edited.missing],
                "left_out": draft_left_out(edited),
                "organisations": organisations_named(edited),
                "conflict": conflict,
                "proposal": proposal,
                "project_url": _project_url(proposal),
                "namesakes": [] if proposal else namesakes(edited, request),
                "differences": differences,
            },
        )

    def _save(
        self,
        request: HttpRequest,
        form: DraftForm,
        draft: Draft,
        proposal: MergeProposal | None,
        merge_form: MergeForm,
    ) -> Project | None:
        """The draft saved as a new unpublished project, or the ticked changes taken into the
        project that has its identifier; None, with the reason on the form, when refused."""
        if proposal is not None and not proposal.may_change:
            form.add_error(None, _("Another organisation keeps the project with this identifier."))
            return None
        try:
            if proposal is None:
                project = draft_save(draft=draft, user=request.user)
                message = _(
                    "The project “%(name)s” was saved as an unpublished draft. Check it, "
                    "complete it and publish it here."
                )
            else:
                project = draft_merge(
                    project=proposal.project,
                    draft=draft,
                    take=merge_form.cleaned_data["take"],
                    user=request.user,
                )
                message = _("The ticked changes were taken into the project “%(name)s”.")
        except ValidationError as error:
            _show_errors(form, error)
            return None
        self.message_user(request, message % {"name": project}, messages.SUCCESS)
        return project

    def _paste_page(self, request: HttpRequest, form: TextImportForm) -> HttpResponse:
        return render(
            request,
            TEMPLATE,
            {
                **self.admin_site.each_context(request),
                "title": TITLE,
                "opts": Project._meta,
                "paste_form": form,
            },
        )


def namesakes(draft: Draft, request: HttpRequest) -> list[tuple[Project, str]]:
    """Projects of the draft's name the person may see, with where: a page with no
    identifier may be of a project the catalogue has already."""
    if not draft.name:
        return []
    found = []
    for project in projects_named(draft.name.strip()):
        if in_scope(request.user, project):
            found.append((project, reverse("admin:projects_project_change", args=[project.pk])))
        elif project.is_published:
            found.append((project, project.get_absolute_url()))
    return found


def _project_url(proposal: MergeProposal | None) -> str | None:
    """Where the person can see the project that has the draft's identifier: its admin page
    when they may change it, its public page when it is published, else nowhere."""
    if proposal is None:
        return None
    if proposal.may_change:
        return reverse("admin:projects_project_change", args=[proposal.project.pk])
    if proposal.project.is_published:
        return proposal.project.get_absolute_url()
    return None
