"""How many registrations a connection may send, for the public form and the helpers' form
alike: a helper registering families is held to the same limits as anyone.

The limits are counted in the cache. A cache that does not answer lets every submission
through (fails open): the form is what the visitor came for, and an address still gets a seat
only by confirming through the link sent to it."""

import functools
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited, user_or_ip

from portal.cache import cache_or_none


def address_rate_limited(request: HttpRequest) -> bool:
    """Count this submission against the visitor's connection, before any other work; True
    when it is over REGISTRATION_RATE_PER_ADDRESS."""
    return bool(
        cache_or_none(
            lambda: is_ratelimited(
                request,
                group="registration-address",
                key="ip",
                rate=settings.REGISTRATION_RATE_PER_ADDRESS,
                increment=True,
            )
        )
    )


def email_rate_limited(request: HttpRequest, addresses: Iterable[str]) -> bool:
    """Count a valid registration against each address it would write to (the person's, a
    guardian's, a helper's), from this connection; True when one is over
    REGISTRATION_RATE_PER_EMAIL. Counted per connection and address, so a stranger who floods
    someone's address locks out only themselves, never the address's owner; only valid forms
    count."""
    connection = user_or_ip(request)

    def over_limit(address: str) -> bool:
        return is_ratelimited(
            request,
            group="registration-email",
            key=lambda _group, _request: f"{connection} {address}",
            rate=settings.REGISTRATION_RATE_PER_EMAIL,
            increment=True,
        )

    limited = False
    for address in {address.strip().lower() for address in addresses if address}:
        limited |= bool(cache_or_none(functools.partial(over_limit, address)))
    return limited


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "3600"
    return response
