"""Registering a family on its behalf: the form for study counsellors and associations'
workers. It keeps the public form's rules: the same rate limits, the same answer whatever
became of the registration, and nothing shown of anyone else's."""

from auditlog.context import disable_auditlog
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms_assisted import AssistedRegistrationForm
from .ratelimits import address_rate_limited, email_rate_limited, too_many_requests
from .sent_page import SentTo, to_sent_page


@require_http_methods(["GET", "POST"])
def meeting_assisted(request: HttpRequest, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    if posted and address_rate_limited(request):
        return too_many_requests(request)
    meeting = selectors.meeting_for_form(pk=pk) if posted else selectors.meeting_detail(pk=pk)
    form = AssistedRegistrationForm(
        request.POST if posted else None,
        meeting=meeting,
        language_code=get_language() or "fi",
        # The outreach channel's code a short link brought, carried on from the public page.
        initial={"via": request.GET.get("via", "")},
    )
    if posted and form.is_valid():
        # The link to confirm goes to the helper: the page repeats the helper's address.
        sent_to = SentTo(form.cleaned_data["helper_email"], by_helper=True)
        if form.filled_by_a_program:
            return to_sent_page(pk, sent_to)
        if email_rate_limited(request, form.addresses()):
            return too_many_requests(request)
        try:
            # The audit trail follows staff's changes; a helper's registration is not one.
            with disable_auditlog():
                services.registration_request(meeting_id=pk, data=form.registration_data())
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            return to_sent_page(pk, sent_to)
    if posted:
        meeting = selectors.meeting_detail(pk=pk)
    return render(
        request,
        "forums/assisted_registration.html",
        {
            "meeting": meeting,
            "form": form,
            # By invitation only, a meeting takes no registration but through the invitee's
            # own link: a helper cannot register anyone for it.
            "registration_open": meeting.registration_is_open() and not meeting.invitation_only,
        },
        status=400 if form.errors else 200,
    )
