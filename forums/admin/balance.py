"""Balance reports in admin: do the stakeholder groups of a meeting, or of a forum's series
of meetings, sit as equals? A page with a chart and tables, and the same figures as CSV for
a spreadsheet. Scoped like the meeting or forum itself: another organisation's is not found."""

import csv
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..balance import Balance, BalanceRow, forum_balance, meeting_balance
from ..exports import spreadsheet_cell
from .lookup import object_for_staff

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object

CSV_HEADER = [
    _("meeting"),
    _("scope"),
    _("name"),
    _("seats offered"),
    pgettext_lazy("people who registered", "registered"),
    _("waiting"),
    _("attended"),
]
# Excel reads a comma as the decimal separator in Finnish and Swedish, so it expects
# semicolons between the cells there.
CSV_SEPARATORS = {"en": ","}


def _page(
    model_admin: _ModelAdmin, request: HttpRequest, template: str, context: dict[str, Any]
) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, **context},
    )


def _csv_rows(meeting: str, balance: Balance) -> list[list[Any]]:
    group, language, in_all = str(_("stakeholder group")), str(_("language")), str(_("in all"))
    rows: list[tuple[str, BalanceRow]] = [
        *((group, figures) for figures in balance.groups),
        *((language, figures) for figures in balance.languages),
        (in_all, balance.total),
    ]
    return [
        [
            spreadsheet_cell(meeting),
            scope,
            spreadsheet_cell(figures.name),
            "" if figures.offered is None else figures.offered,
            figures.registered,
            figures.waiting,
            figures.attended,
        ]
        for scope, figures in rows
    ] + [[spreadsheet_cell(meeting), in_all, str(_("shared seats")), balance.shared, "", "", ""]]


def _csv_response(sections: list[tuple[str, Balance]], filename: str) -> HttpResponse:
    """UTF-8 with a byte order mark and a header in the reader's language."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=CSV_SEPARATORS.get(get_language(), ";"))
    writer.writerow([str(label) for label in CSV_HEADER])
    for meeting, balance in sections:
        writer.writerows(_csv_rows(meeting, balance))
    return response


class MeetingBalanceAdminMixin(_ModelAdmin):
    """The meeting's report, linked from its page's tools."""

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/balance/", view(self.balance_view), name="forums_meeting_balance"),
            path(
                "<int:pk>/balance.csv",
                view(self.balance_csv_view),
                name="forums_meeting_balance_csv",
            ),
            *super().get_urls(),
        ]

    def balance_view(self, request: HttpRequest, pk: int) -> TemplateResponse:
        object_for_staff(self, request, pk)
        report = meeting_balance(meeting_id=pk)
        title = _("Balance of the groups: %(meeting)s") % {"meeting": report.meeting}
        return _page(
            self, request, "admin/forums/meeting_balance.html", {"title": title, "report": report}
        )

    def balance_csv_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        object_for_staff(self, request, pk)
        report = meeting_balance(meeting_id=pk)
        return _csv_response([(str(report.meeting), report.balance)], f"balance-meeting-{pk}.csv")


class ForumBalanceAdminMixin(_ModelAdmin):
    """The forum's report over its series, linked from its page's tools."""

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/balance/", view(self.balance_view), name="forums_forum_balance"),
            path(
                "<int:pk>/balance.csv", view(self.balance_csv_view), name="forums_forum_balance_csv"
            ),
            *super().get_urls(),
        ]

    def balance_view(self, request: HttpRequest, pk: int) -> TemplateResponse:
        object_for_staff(self, request, pk)
        report = forum_balance(forum_id=pk)
        title = _("Balance of the groups: %(forum)s") % {"forum": report.forum}
        return _page(
            self, request, "admin/forums/forum_balance.html", {"title": title, "report": report}
        )

    def balance_csv_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        object_for_staff(self, request, pk)
        report = forum_balance(forum_id=pk)
        sections = [
            (str(_("all meetings")), report.balance),
            *((str(item.meeting), item.balance) for item in report.meetings),
        ]
        return _csv_response(sections, f"balance-forum-{pk}.csv")
