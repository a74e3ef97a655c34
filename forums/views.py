from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import selectors, services, tokens
from .calendar import meetings_ical
from .forms import MeetingFilterForm, RegistrationForm
from .invitations import invitee_unsubscribe
from .models import Invitation, Meeting, Registration


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


def _invitation_initial(invitation: Invitation, token: str) -> dict[str, object]:
    """A personal invitation link fills in what the portal already knows of the person."""
    invitee = invitation.invitee
    return {
        "invitation": token,
        "name": invitee.name,
        "email": invitee.email,
        "group": invitee.group_id,
        "language": invitee.language.code,
        "organisation": invitee.organisation,
    }


@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(pk=pk)
    language = get_language() or "fi"
    data = request.POST if request.method == "POST" else None
    token = (data or request.GET).get("invitation", "")
    invitation = tokens.invitation_from_token(token, meeting_id=meeting.pk) if token else None
    form = RegistrationForm(
        data,
        meeting=meeting,
        language_code=language,
        initial=_invitation_initial(invitation, token) if invitation else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                meeting_id=meeting.pk, data=form.registration_data(invitation)
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
        {
            "meeting": meeting,
            "form": form,
            "registration_open": meeting.registration_is_open()
            and (invitation is not None or not meeting.invitation_only),
            "invitation": invitation,
            "invalid_invitation": bool(token) and invitation is None,
        },
        status=400 if form.errors else 200,
    )


@never_cache
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


@never_cache
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
    meeting = selectors.meeting_for_calendar(pk=pk)
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


# Mail programs unsubscribe with a bare POST (RFC 8058 one-click), without a CSRF token; the
# signed token in the address is what makes the request genuine.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    invitee = tokens.invitee_from_unsubscribe_token(token)
    if invitee is None:
        return render(request, "forums/link_invalid.html", status=404)
    if request.method == "POST":
        invitee = invitee_unsubscribe(invitee=invitee)
    return render(request, "forums/unsubscribe.html", {"invitee": invitee})
