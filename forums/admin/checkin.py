"""The meeting's check-in page, for staff at the door with a phone: confirmed registrants
marked present or absent with one tap, walk-ins noted, and the attendance so far.

Every action is a plain form post that works without JavaScript; check_in.js sends the marks
with fetch instead, keeps those not yet sent on the phone and sends them again when the
connection is back (the service lets the latest mark win)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..attendance import (
    attendance_summary,
    check_in_counts,
    check_in_list,
    walk_in_groups,
    walk_in_languages,
    walk_ins,
)
from ..models import Attendance, Meeting, Registration, WalkIn
from ..services import NotMarkable, attendance_mark, walk_in_add, walk_in_remove
from .lookup import object_for_staff

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[Meeting]
else:
    _Base = object

SEARCH_MAX_LENGTH = 100

# Deferred: the script looks for the list, which comes later in the page. (django-stubs
# types Media's scripts as paths only; Django 5.2 takes Script objects too.)
CHECK_IN_MEDIA = forms.Media(
    css={"all": ["forums/check_in.css"]},
    js=[forms.Script("forums/check_in.js", defer=True)],  # type: ignore[list-item]
)


class MarkForm(forms.Form):
    registration = forms.IntegerField()
    attendance = forms.ChoiceField(choices=Attendance.choices)
    # Sent by the script: when staff tapped, which may be long before a retry arrives.
    marked_at = forms.DateTimeField(required=False)
    q = forms.CharField(required=False, max_length=SEARCH_MAX_LENGTH)


class WalkInForm(forms.ModelForm):
    class Meta:
        model = WalkIn
        fields = ["group", "name", "language"]

    def __init__(self, data: Any = None, *, meeting: Meeting) -> None:
        # Ids of their own on a page with many forms; labels without a colon, as read aloud.
        super().__init__(data, auto_id="walk-in-%s", label_suffix="")
        self.fields["group"].queryset = walk_in_groups(meeting_id=meeting.pk)  # type: ignore[attr-defined]
        self.fields["language"].queryset = walk_in_languages()  # type: ignore[attr-defined]


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class CheckInAdminMixin(_Base):
    """For MeetingAdmin. Only staff who may change the meeting and its registrations check
    in: the meeting is looked up in the admin's own scoped queryset, so another
    organisation's meeting is not found."""

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        urls = [
            path("<int:pk>/check-in/", view(self.check_in_view), name="forums_meeting_check_in"),
            path(
                "<int:pk>/check-in/mark/",
                view(require_POST(self.check_in_mark_view)),
                name="forums_meeting_check_in_mark",
            ),
            path(
                "<int:pk>/check-in/walk-ins/",
                view(require_POST(self.walk_in_add_view)),
                name="forums_meeting_walk_in_add",
            ),
            path(
                "<int:pk>/check-in/walk-ins/<int:walk_in_pk>/remove/",
                view(require_POST(self.walk_in_remove_view)),
                name="forums_meeting_walk_in_remove",
            ),
        ]
        return [*urls, *super().get_urls()]

    def _check_in_meeting(self, request: HttpRequest, pk: int, permission: str) -> Meeting:
        if not request.user.has_perm(permission):
            raise PermissionDenied
        meeting: Meeting = object_for_staff(self, request, pk, change=True)
        return meeting

    def _check_in_url(self, meeting_id: int, query: str = "", anchor: str = "") -> str:
        url = reverse("admin:forums_meeting_check_in", args=[meeting_id])
        if query:
            url += "?" + urlencode({"q": query})
        return url + (f"#{anchor}" if anchor else "")

    def _check_in_page(
        self, request: HttpRequest, meeting: Meeting, form: WalkInForm, query: str = ""
    ) -> HttpResponse:
        summary = attendance_summary(meeting_id=meeting.pk)
        return render(
            request,
            "admin/forums/check_in.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Check-in: %(meeting)s") % {"meeting": meeting},
                "opts": self.model._meta,
                "meeting": meeting,
                "query": query,
                "registrations": check_in_list(meeting_id=meeting.pk, query=query),
                "walk_ins": walk_ins(meeting_id=meeting.pk),
                "summary": summary,
                "form": form,
                "media": CHECK_IN_MEDIA,
            },
        )

    def check_in_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self._check_in_meeting(request, pk, "forums.change_registration")
        query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
        return self._check_in_page(request, meeting, WalkInForm(meeting=meeting), query)

    def check_in_mark_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self._check_in_meeting(request, pk, "forums.change_registration")
        form = MarkForm(request.POST)
        if not form.is_valid():
            if _wants_json(request):
                return JsonResponse({"error": str(_("The mark was not understood."))}, status=400)
            messages.error(request, _("The mark was not understood."))
            return HttpResponseRedirect(self._check_in_url(meeting.pk))
        data = form.cleaned_data
        try:
            registration = attendance_mark(
                meeting_id=meeting.pk,
                registration_id=data["registration"],
                attendance=data["attendance"],
                marked_at=data["marked_at"],
            )
        except Registration.DoesNotExist as error:
            raise Http404 from error
        except NotMarkable as error:
            if _wants_json(request):
                return JsonResponse({"error": error.message}, status=409)
            messages.error(request, error.message)
            return HttpResponseRedirect(self._check_in_url(meeting.pk, data["q"]))
        if _wants_json(request):
            counts = check_in_counts(meeting_id=meeting.pk)
            return JsonResponse(
                {
                    "registration": registration.pk,
                    "attendance": registration.attendance,
                    "marked_at": registration.attendance_marked_at,
                    "present": counts.present,
                    "confirmed": counts.confirmed,
                }
            )
        marked = (
            _("%(name)s is marked present.")
            if registration.attendance == Attendance.PRESENT
            else _("%(name)s is marked absent.")
        )
        messages.success(request, marked % {"name": registration.name})
        return HttpResponseRedirect(
            self._check_in_url(meeting.pk, data["q"], f"registration-{registration.pk}")
        )

    def walk_in_add_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self._check_in_meeting(request, pk, "forums.add_walkin")
        form = WalkInForm(request.POST, meeting=meeting)
        if form.is_valid():
            data = form.cleaned_data
            try:
                walk_in_add(
                    meeting_id=meeting.pk,
                    group_id=data["group"].pk,
                    name=data["name"],
                    language_id=data["language"].pk if data["language"] else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The walk-in is noted."))
                return HttpResponseRedirect(self._check_in_url(meeting.pk, anchor="walk-ins"))
        return self._check_in_page(request, meeting, form)

    def walk_in_remove_view(self, request: HttpRequest, pk: int, walk_in_pk: int) -> HttpResponse:
        meeting = self._check_in_meeting(request, pk, "forums.delete_walkin")
        if walk_in_remove(meeting_id=meeting.pk, walk_in_id=walk_in_pk):
            messages.success(request, _("The walk-in is removed."))
        return HttpResponseRedirect(self._check_in_url(meeting.pk, anchor="walk-ins"))
