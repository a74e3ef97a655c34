"""Handing a background task to the broker from admin, where staff wait for the answer."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError


def queued(request: HttpRequest, send: Callable[[], object]) -> bool:
    """Queue the task now; when the broker does not answer, tell the person that nothing was
    started and return False, rather than answering with an error page."""
    try:
        send()
    except OperationalError:
        messages.error(
            request,
            _(
                "This could not be started: the background worker's queue does not answer. "
                "Nothing was done; please try again in a few minutes."
            ),
        )
        return False
    return True
