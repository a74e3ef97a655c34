"""The audit trail's middleware, for the requests of people who are logged in."""

from collections.abc import Callable

from auditlog.cid import set_cid
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class StaffAuditlogMiddleware(AuditlogMiddleware):
    """Ties each change staff make to who made it and from where. Visitors, who have no
    session, change nothing the trail follows (their registrations and cancellations are
    kept out of it), and for every request the middleware connects a signal receiver and
    disconnects it again, after which each model signal of the request looks up its
    receivers anew: visitors' requests pass it by."""

    get_response: Callable[[HttpRequest], HttpResponseBase]

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            set_cid(request)  # the correlation id stays per request, connecting nothing
            return self.get_response(request)
        response: HttpResponseBase = super().__call__(request)
        return response
