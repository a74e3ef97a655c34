"""The page after a registration form, for the public form and the helpers' form alike.

The address the message went to travels to that page in a cookie of the sender's own
browser: signed, for that page alone, read once. Never in the page's address (browser
history, server logs), and never stored on the server. Encoded by `signing.dumps`, so that
an address with a domain in another script still makes a valid cookie."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SENT_TO_COOKIE = "registered_to"
SENT_TO_SALT = "forums.registration_sent"
SENT_TO_SECONDS = 15 * 60


@dataclass(frozen=True)
class SentTo:
    """Where the message asking to confirm went; `by_helper` when a helper registered a
    family, whose confirmation link went to the helper's address."""

    email: str
    by_helper: bool = False


def to_sent_page(pk: int, to: SentTo) -> HttpResponse:
    response = redirect("forums:registration_sent", pk=pk)
    response.set_cookie(
        SENT_TO_COOKIE,
        signing.dumps({"email": to.email, "by_helper": to.by_helper}, salt=SENT_TO_SALT),
        max_age=SENT_TO_SECONDS,
        path=response["Location"],
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def sent_to(request: HttpRequest) -> SentTo | None:
    """What this browser's cookie says, if the portal signed it in the last minutes."""
    try:
        value = signing.loads(
            request.COOKIES.get(SENT_TO_COOKIE, ""), salt=SENT_TO_SALT, max_age=SENT_TO_SECONDS
        )
    except signing.BadSignature:
        return None
    if isinstance(value, str):  # signed before helpers could register, minutes ago
        return SentTo(email=value)
    return SentTo(email=str(value["email"]), by_helper=bool(value["by_helper"]))
