"""What every endpoint of the public API shares: read-only viewsets over the selectors the
pages use, answered in the language asked for, a page at a time, with validators for
conditional requests and a limit per client address."""

import functools
import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from portal.cache import cache_or_none
from portal.network import client_address

from .languages import LANGUAGE_CHOICES, requested_languages

# How long the moment an answer last changed is kept: after that, it counts as changed now.
SINCE_SECONDS = 24 * 60 * 60


class PublicApiThrottle(AnonRateThrottle):
    """Requests per client address (the address the registration limits count: REMOTE_ADDR
    or the header a trusted proxy sets, never a header any client can send). Counted in the
    default cache; a cache that does not answer lets requests through, as the portal's other
    limits do, and RATELIMIT_ENABLE=0 switches the limit off."""

    scope = "api"

    def get_rate(self) -> str:
        # Read for each request, so that a changed setting applies at once.
        return str(api_settings.DEFAULT_THROTTLE_RATES[self.scope])

    def get_ident(self, request: Request) -> str:
        return client_address(request)

    def allow_request(self, request: Request, view: Any) -> bool:
        if not settings.RATELIMIT_ENABLE:
            return True
        allowed = cache_or_none(functools.partial(super().allow_request, request, view))
        return True if allowed is None else bool(allowed)


class SlugCursorPagination(CursorPagination):
    """Pages that stay right while records are added: each page starts after the last slug of
    the one before. A page holds 50 items, or `page_size` from 1 to 100."""

    ordering: str | tuple[str, ...] = "slug"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= self.max_page_size):
            message = _("Enter a whole number from 1 to %(largest)s.")
            raise ValidationError(
                {self.page_size_query_param: [message % {"largest": self.max_page_size}]}
            )
        return int(value)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return list(parameters)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# A request the API cannot read: each query parameter at fault with what is wrong with it.
INVALID_REQUEST = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class PublicApiSchema(AutoSchema):
    """Every operation of the public API takes `lang` and answers 304, 400, 404 and 429 too."""

    def get_override_parameters(self) -> list[Any]:
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                enum=LANGUAGE_CHOICES,
                description=(
                    "The language of translated texts; `all` gives each in all three. Without "
                    "it, the Accept-Language header decides; Finnish by default."
                ),
            ),
            OpenApiParameter(
                "ETag",
                str,
                OpenApiParameter.HEADER,
                response=[200, 304],
                description="Send it back in If-None-Match: 304 while the answer is the same.",
            ),
            OpenApiParameter(
                "Last-Modified",
                str,
                OpenApiParameter.HEADER,
                response=[200, 304],
                description="When this answer last changed; for If-Modified-Since.",
            ),
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[429],
                description="Seconds until the next request is answered.",
            ),
        ]

    def get_response_serializers(self) -> Any:
        return {
            200: super().get_response_serializers(),
            304: OpenApiResponse(description="Not modified since the ETag or date sent."),
            400: OpenApiResponse(INVALID_REQUEST, description="A query parameter is invalid."),
            404: OpenApiResponse(ErrorSerializer, description="No such record, or page."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests: wait."),
        }


def mark_validators(request: HttpRequest, response: Response, languages: list[str]) -> None:
    """ETag and Last-Modified for an answer of 200; ConditionalGetMiddleware then answers 304
    to a client that already has it.

    The ETag is the answer's own hash, so it changes whenever the answer does: with the data,
    and with the clock too (a meeting that ended, a project whose status changed at
    midnight). Last-Modified is the moment this address began to give this answer (per
    language), kept in the cache beside the ETag it was given with: a new answer's moment is
    now, and at least a second after the one before, as HTTP dates count whole seconds.
    Without the cache it is now, which costs a client only a full answer. With a cache per
    process (no CACHE_URL), two processes may each keep their own moment."""
    set_response_etag(response)
    etag = response["ETag"]
    address = f"{request.get_full_path()} {','.join(languages)}"
    key = f"api-since:{hashlib.sha256(address.encode()).hexdigest()}"
    now = time.time()

    def since() -> float:
        kept = cache.get(key)
        if kept is not None and kept[0] == etag:
            return float(kept[1])
        moment = max(now, kept[1] + 1) if kept is not None else now
        cache.set(key, (etag, moment), SINCE_SECONDS)
        return moment

    moment = cache_or_none(since)
    response["Last-Modified"] = http_date(now if moment is None else moment)


def check_parameters(request: Request, kwargs: dict[str, Any]) -> None:
    """Refuse what no answer could come from: each query parameter once, with a value, and no
    NUL characters anywhere (PostgreSQL refuses them in a query)."""
    if any("\x00" in str(value) for value in kwargs.values()):
        raise NotFound()
    for name, values in request.query_params.lists():
        if any("\x00" in value for value in values):
            raise ValidationError({name: [_("Null characters are not allowed.")]})
        if len(values) > 1:
            raise ValidationError({name: [_("Give this parameter once.")]})
        if not values[0]:
            raise ValidationError({name: [_("Give a value, or leave the parameter out.")]})


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail of published records, for anyone."""

    throttle_classes = [PublicApiThrottle]
    pagination_class = SlugCursorPagination
    schema = PublicApiSchema()
    lookup_field = "slug"
    # Any path segment reaches the view, so that no record is a 404 in JSON, as any other.
    lookup_value_regex = "[^/]+"
    languages: list[str]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in {"GET", "HEAD"}:
            return  # answered 405 next
        check_parameters(request, kwargs)
        self.languages = requested_languages(request, request.query_params.get("lang"))
        if len(self.languages) == 1:
            # Messages (a wrong filter value, say) in the language asked for, too.
            translation.activate(self.languages[0])

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "languages": self.languages}

    def throttled(self, request: Request, wait: float | None) -> None:
        rate = api_settings.DEFAULT_THROTTLE_RATES[PublicApiThrottle.scope]
        raise Throttled(
            wait,
            detail=_("Too many requests: the API answers %(rate)s from one address.")
            % {"rate": rate},
        )

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        languages = getattr(self, "languages", None)
        if languages:
            response["Content-Language"] = ", ".join(languages)
            patch_vary_headers(response, ["Accept-Language"])
        if request.method in {"GET", "HEAD"} and response.status_code == 200 and languages:
            response.render()
            mark_validators(request, response, languages)
            # Clients ask again each time they use it, and get 304 while it has not changed.
            patch_cache_control(response, no_cache=True)
        return response
