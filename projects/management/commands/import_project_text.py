"""`manage.py import_project_text PATH (--json | --save)`: read the plain text of one project
page into a draft project. --json prints the draft and saves nothing, for people and scripts
to check what the importer reads. --save enters it as an unpublished draft for a person to
check in admin; when the catalogue already has the project (by an identifier), it prints
what the page says differently instead and saves nothing, since a person decides what to
take (admin's import page)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.importer.draft import Draft
from projects.importer.text import NotPageText, page_text
from projects.importing import (
    MergeProposal,
    draft_left_out,
    draft_merge_proposal,
    draft_read,
    draft_save,
)
from projects.models import SEARCH_LANGUAGES, Organisation, Project


class Command(BaseCommand):
    help = (
        "Read the plain text of one project page (a file, or - for standard input) into a "
        "draft project: print it as JSON (--json), or save it as an unpublished project "
        "(--save)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The text file, or - to read standard input.")
        parser.add_argument(
            "--language", choices=SEARCH_LANGUAGES, help="The page's language (else detected)."
        )
        output = parser.add_mutually_exclusive_group(required=True)
        output.add_argument(
            "--json", action="store_true", help="Print the draft as JSON and save nothing."
        )
        output.add_argument(
            "--save", action="store_true", help="Save the draft as an unpublished project."
        )
        parser.add_argument(
            "--maintainer",
            metavar="ORGANISATION_SLUG",
            help="With --save: the organisation whose editors keep the project's record.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        maintainer = self._maintainer(options["maintainer"], save=options["save"])
        try:
            text = page_text(self._read(options["path"]))
            draft = draft_read(text=text, language=options["language"])
        except NotPageText as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(draft.as_json(), ensure_ascii=False, indent=2))
            return
        try:
            proposal = draft_merge_proposal(draft=draft)
            if proposal is not None:
                self._proposal(proposal)
                return
            project = draft_save(draft=draft, maintainer=maintainer)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Saved as an unpublished draft: %(url)s") % {"url": _admin_url(project)}
        )
        self._left_out(draft)

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from error

    def _maintainer(self, slug: str | None, *, save: bool) -> Organisation | None:
        if slug is None:
            return None
        if not save:
            raise CommandError(_("--maintainer is for --save: --json saves nothing."))
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(_("No organisation has the slug %(slug)s.") % {"slug": slug})
        return organisation

    def _proposal(self, proposal: MergeProposal) -> None:
        self.stdout.write(
            _("The catalogue already has this project: %(url)s")
            % {"url": _admin_url(proposal.project)}
        )
        if not proposal.differences:
            self.stdout.write(_("The text says nothing that the project does not have."))
        for difference in proposal.differences:
            self.stdout.write(
                f"{difference.label}: {_line(difference.current)} → {_line(difference.proposed)}"
            )
        self.stdout.write(
            _("Nothing was saved: take the differences you want on admin's import page.")
        )

    def _left_out(self, draft: Draft) -> None:
        left = draft_left_out(draft)
        if left:
            self.stdout.write(_("Not saved, since the catalogue has no place for it:"))
        for difference in left:
            self.stdout.write(f"{difference.label}: {difference.proposed}")


def _admin_url(project: Project) -> str:
    """The project's admin page, at the portal's public address (PORTAL_URL)."""
    return f"{settings.PORTAL_URL}{reverse('admin:projects_project_change', args=[project.pk])}"


def _line(value: str) -> str:
    """A value on one line of the listing; an empty one said so."""
    return " ".join(value.split()) or _("(empty)")
