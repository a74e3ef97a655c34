"""The public read-only JSON API, version 1 (/api/v1/): its root, which states the data's
licence (CC BY 4.0), the endpoints of the catalogue (projects.api) and of the forums
(forums.api), the OpenAPI 3 schema and its documentation page.

The documentation page is drf-spectacular's Swagger UI from the portal's own static files
(drf-spectacular-sidecar), in the variant that loads its start-up script as a file, so that
the Content-Security-Policy needs no 'unsafe-inline' for scripts. The page's one inline
<style> block is allowed by its hash, on that page only."""

from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from forums.api.views import ForumViewSet, MeetingViewSet
from projects.api.base import ErrorSerializer, PublicApiThrottle
from projects.api.views import (
    FunderViewSet,
    OrganisationViewSet,
    ProgrammeViewSet,
    ProjectViewSet,
    RegionViewSet,
    ThemeViewSet,
)

app_name = "api"

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "text": (
        "The data is published under the Creative Commons Attribution 4.0 International "
        "licence: you may copy, share and adapt it for any purpose, also commercially, when "
        "you name Hankeportaali as its source and link to the licence."
    ),
}
PERSONAL_DATA = (
    "No person's name, e-mail address or phone number is part of the API: a project's contact "
    "is given by role and organisation, and who registered for a meeting or was invited to "
    "it never appears."
)

# The sha256 of the one inline <style> block of drf-spectacular's swagger_ui.html
# (tests/test_api_docs.py checks that it still matches the template).
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("funders", FunderViewSet, basename="funder")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("themes", ThemeViewSet, basename="theme")
router.register("regions", RegionViewSet, basename="region")
router.register("forums", ForumViewSet, basename="forum")
router.register("meetings", MeetingViewSet, basename="meeting")


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    text = serializers.CharField()


class ApiRootSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField()
    licence = LicenceSerializer()
    attribution = serializers.CharField(help_text="How to name the source.")
    personal_data = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    endpoints = serializers.DictField(child=serializers.URLField())
    schema = serializers.URLField()
    documentation = serializers.URLField()


class ApiRoot(APIView):
    """The API's endpoints, and the terms its data is published under."""

    throttle_classes = [PublicApiThrottle]

    @extend_schema(responses={200: ApiRootSerializer, 429: ErrorSerializer})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def absolute(name: str) -> str:
            return str(request.build_absolute_uri(reverse(name)))

        return Response(
            {
                "name": "Hankeportaali API",
                "version": "1",
                "licence": LICENCE,
                "attribution": f"Hankeportaali, {settings.PORTAL_URL}/",
                "personal_data": PERSONAL_DATA,
                "languages": [code for code, _name in settings.LANGUAGES],
                "endpoints": {
                    prefix: absolute(f"api:{basename}-list")
                    for prefix, _viewset, basename in router.registry
                },
                "schema": absolute("api:schema"),
                "documentation": absolute("api:docs"),
            }
        )


urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    # Making the schema takes a while: it counts against the limit too.
    path(
        "schema/",
        SpectacularAPIView.as_view(throttle_classes=[PublicApiThrottle]),
        name="schema",
    ),
    path(
        "docs/",
        csp_update({"style-src": [SWAGGER_UI_STYLE_HASH]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema", title="Hankeportaali API")
        ),
        name="docs",
    ),
    *router.urls,
]
