from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .calendar import meetings_ical
from .forms import MeetingFilterForm, RegistrationForm
from .models import Meeting, Registration


def forum_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET)
    return render(
        request,
        "forums/forum_list.html",
        {"form": form, "meetings": selectors.meetings_upcoming(filters=form.filters())},
    )


def meeting_archive(request: HttpRequest) -> HttpResponse:
    return render(request, "forums/meeting_archive.html", {"meetings": selectors.meetings_past()})


def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forum_detail(slug=slug)
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "meetings": selectors.meetings_upcoming(filters={"forum": forum}),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(pk=pk)
    language = get_language() or "fi"
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        meeting=meeting,
        language_code=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                meeting_id=meeting.pk, data=form.registration_data()
            )
        except services.RegistrationError as error:
            form.add_error(
                "email" if isinstance(error, services.AlreadyRegistered) else None, error.message
            )
        else:
            return redirect("forums:registration", token=registration.cancel_token)
    return render(
        request,
        "forums/meeting_detail.html",
        {"meeting": meeting, "form": form, "registration_open": meeting.registration_is_open()},
        status=400 if form.errors else 200,
    )


def registration_status(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_by_token(token=token)
    return render(
        request,
        "forums/registration_status.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "position": selectors.waiting_position(registration),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_by_token(token=token)
    if request.method == "POST":
        try:
            registration = services.registration_cancel(token=token)
        except Registration.DoesNotExist as error:
            raise Http404 from error
        except services.TryAgain as error:
            return render(
                request,
                "forums/registration_cancel.html",
                {
                    "registration": registration,
                    "meeting": registration.meeting,
                    "error": error.message,
                },
                status=503,
            )
    return render(
        request,
        "forums/registration_cancel.html",
        {"registration": registration, "meeting": registration.meeting},
    )


def _calendar_response(meetings: list[Meeting], filename: str, name: str) -> HttpResponse:
    response = HttpResponse(
        meetings_ical(meetings, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(pk=pk)
    return _calendar_response([meeting], f"meeting-{meeting.pk}.ics", meeting.display_title)


def meetings_feed(request: HttpRequest) -> HttpResponse:
    return _calendar_response(
        list(selectors.meetings_upcoming()), "forums.ics", _("Cooperation forums")
    )


def forum_feed(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forum_detail(slug=slug)
    return _calendar_response(
        list(selectors.meetings_upcoming(filters={"forum": forum})), f"{forum.slug}.ics", forum.name
    )
