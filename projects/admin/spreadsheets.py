"""Export and import of projects and organisations as spreadsheets in admin
(django-import-export; the rows are projects.spreadsheets').

An export holds what the user sees in the admin list (an editor: their organisations'
projects); an import needs the rights to add and to change. A file is previewed row by row,
each error with its row number, and nothing is saved until the person confirms a preview
without errors; the confirmed file is saved in one transaction, all of it or nothing.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from ..spreadsheets import OrganisationResource, ProjectResource


class SpreadsheetCSV(CSV):
    """CSV as the portal's own downloads write it (projects.exports): with semicolons in
    Finnish and Swedish, where Excel reads a comma as the decimal separator, and with commas
    in English. An import reads either, as the file's first line shows."""

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> Any:
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        heading = str(in_stream).split("\n", 1)[0]
        if heading.count(";") > heading.count(","):
            kwargs.setdefault("delimiter", ";")
        return super().create_dataset(in_stream, **kwargs)

    def export_data(self, dataset: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("delimiter", ";" if get_language() in ("fi", "sv") else ",")
        return super().export_data(dataset, **kwargs)


# Only the formats people keep such lists in; the library offers more.
SPREADSHEET_FORMATS = [SpreadsheetCSV, XLSX]


class SpreadsheetMixin(ImportExportMixin):
    """The "Import" and "Export" buttons of a list. A ModelAdmin's own change_list_template
    stays the base that import-export's list template extends."""

    # A byte order mark, so that Excel reads the CSV as UTF-8 (and an import skips it).
    to_encoding = "utf-8-sig"

    def get_import_formats(self) -> list[Any]:
        return SPREADSHEET_FORMATS

    def get_export_formats(self) -> list[Any]:
        return SPREADSHEET_FORMATS

    def has_export_permission(self, request: HttpRequest) -> bool:
        return bool(self.has_view_permission(request))

    def has_import_permission(self, request: HttpRequest) -> bool:
        return bool(self.has_add_permission(request) and self.has_change_permission(request))

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        kwargs = super().get_import_data_kwargs(**kwargs)
        # A row that fails when the file is confirmed (the data changed after the preview)
        # undoes the whole file, as an error does.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows have errors. "
                    "Import the file again to see them."
                ),
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)  # type: ignore[no-any-return]


class ProjectSpreadsheetMixin(SpreadsheetMixin):
    resource_classes = [ProjectResource]


class OrganisationSpreadsheetMixin(SpreadsheetMixin):
    resource_classes = [OrganisationResource]
