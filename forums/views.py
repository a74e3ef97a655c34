from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import selectors, services, structured_data, tokens
from .calendar import meetings_ical
from .forms import MeetingFilterForm, RegistrationForm
from .invitations import invitee_unsubscribe
from .models import Invitation, Meeting, Registration
from .ratelimits import address_rate_limited, email_rate_limited, too_many_requests
from .sent_page import SENT_TO_COOKIE, SentTo, sent_to, to_sent_page


def forum_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET)
    meetings = selectors.meetings_upcoming(filters=form.filters())
    page = Paginator(meetings, selectors.MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/forum_list.html",
        {"form": form, "page": page, "meetings": page.object_list},
    )


def meeting_archive(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.meetings_past(), selectors.MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "forums/meeting_archive.html", {"page": page, "meetings": page.object_list}
    )


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


def _invitation(token: str, meeting_id: int) -> tuple[Invitation | None, str]:
    """The invitation behind a personal link, and what is wrong with the link if anything:
    "" (fine or no link), "invalid" or "expired"."""
    if not token:
        return None, ""
    try:
        return tokens.invitation_from_token(token, meeting_id=meeting_id), ""
    except tokens.LinkExpired:
        return None, "expired"
    except tokens.LinkInvalid:
        return None, "invalid"


@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    if posted and address_rate_limited(request):
        return too_many_requests(request)
    # A form sent is checked against the meeting's groups alone; the page needs the rest.
    meeting = selectors.meeting_for_form(pk=pk) if posted else selectors.meeting_detail(pk=pk)
    language = get_language() or "fi"
    data = request.POST if posted else None
    token = (data or request.GET).get("invitation", "")
    invitation, link_problem = _invitation(token, pk)
    form = RegistrationForm(
        data,
        meeting=meeting,
        language_code=language,
        initial={
            **(_invitation_initial(invitation, token) if invitation else {}),
            # The outreach channel's code a short link brought (views_channels), carried on.
            "via": request.GET.get("via", ""),
        },
    )
    if data is not None and form.is_valid():
        if form.filled_by_a_program:
            return to_sent_page(pk, SentTo(form.cleaned_data["email"]))
        addresses = [form.cleaned_data["email"], form.cleaned_data["guardian_email"]]
        if email_rate_limited(request, addresses):
            return too_many_requests(request)
        try:
            # The audit trail follows staff's changes; a visitor's registration is not one.
            with disable_auditlog():
                services.registration_request(
                    meeting_id=pk, data=form.registration_data(invitation)
                )
        except services.RegistrationError as error:
            field = "guardian_email" if isinstance(error, services.GuardianNeeded) else None
            form.add_error(field, error.message)
        else:
            return to_sent_page(pk, SentTo(form.cleaned_data["email"]))
    if posted:
        meeting = selectors.meeting_detail(pk=pk)
    response = render(
        request,
        "forums/meeting_detail.html",
        {
            "meeting": meeting,
            "form": form,
            "registration_open": meeting.registration_is_open()
            and (invitation is not None or not meeting.invitation_only),
            "invitation": invitation,
            "link_problem": link_problem,
            "structured_data": structured_data.meeting_json_ld(meeting),
        },
        status=400 if form.errors else 200,
    )
    if invitation is not None:
        # Filled in with the invitee's name and address: for them only, kept by nobody.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


@never_cache
def registration_sent(request: HttpRequest, pk: int) -> HttpResponse:
    """The same page whether the address was new, already registered or the form was sent by
    a program: only the owner of the address learns, by e-mail, where they stand. It repeats
    the address this browser gave, so that a mistyped one is seen; a second visit (someone
    else at a shared computer) no longer shows it."""
    meeting = selectors.meeting_for_calendar(pk=pk)
    response = render(
        request,
        "forums/registration_sent.html",
        {
            "meeting": meeting,
            "hold_minutes": settings.REGISTRATION_HOLD_MINUTES,
            "sent_to": sent_to(request),
        },
    )
    if SENT_TO_COOKIE in request.COOKIES:
        response.delete_cookie(SENT_TO_COOKIE, path=request.path, samesite="Lax")
    return response


def _link_problem(request: HttpRequest, problem: Exception) -> HttpResponse:
    expired = isinstance(problem, tokens.LinkExpired)
    return render(
        request,
        "forums/link_invalid.html",
        {"expired": expired},
        status=410 if expired else 404,
    )


@never_cache
def registration_status(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = tokens.registration_from_token(token)
    except (tokens.LinkInvalid, tokens.LinkExpired) as problem:
        return _link_problem(request, problem)
    return render(request, "forums/registration_status.html", _status_context(registration, token))


@never_cache
@require_http_methods(["GET", "POST"])
def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the message that asks to confirm the address. Opening it changes nothing
    (mail programs open links to check them); the person's button press confirms."""
    try:
        registration = tokens.registration_from_token(token)
    except (tokens.LinkInvalid, tokens.LinkExpired) as problem:
        return _link_problem(request, problem)
    if request.method == "POST":
        try:
            with disable_auditlog():
                services.registration_confirm_address(token=registration.cancel_token)
        except services.TryAgain as error:
            return render(
                request,
                "forums/registration_status.html",
                _status_context(registration, token, error=error.message),
                status=503,
            )
        return redirect("forums:registration", token=token)
    return render(request, "forums/registration_status.html", _status_context(registration, token))


def _status_context(registration: Registration, token: str, **extra: object) -> dict[str, object]:
    return {
        "registration": registration,
        "meeting": registration.meeting,
        "position": selectors.waiting_position(registration),
        "token": token,
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = tokens.registration_from_token(token)
    except (tokens.LinkInvalid, tokens.LinkExpired) as problem:
        return _link_problem(request, problem)
    context = {"registration": registration, "meeting": registration.meeting, "token": token}
    if request.method == "POST":
        try:
            with disable_auditlog():
                context["registration"] = services.registration_cancel(
                    token=registration.cancel_token
                )
        except services.TryAgain as error:
            context["error"] = error.message
            return render(request, "forums/registration_cancel.html", context, status=503)
    return render(request, "forums/registration_cancel.html", context)


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
        return render(request, "forums/link_invalid.html", {"expired": False}, status=404)
    if request.method == "POST":
        invitee = invitee_unsubscribe(invitee=invitee)
    return render(request, "forums/unsubscribe.html", {"invitee": invitee})
