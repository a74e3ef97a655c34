"""Settings of the public JSON API under /api/v1/ (Django REST framework, django-filter,
drf-spectacular): imported by portal/settings.py (through settings_data.py), which keeps
the rest.

The API is read-only and the same for everyone: no logins, JSON only, and each client
address may make API_THROTTLE_RATE requests (RATELIMIT_ENABLE=0 switches this limit off, as
it does the registration form's). The documentation page's Swagger UI is served from the
portal's own static files (drf-spectacular-sidecar), never from a CDN.
"""

import os

API_APPS = ["rest_framework", "django_filters", "drf_spectacular", "drf_spectacular_sidecar"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Nobody signs in to the API: every request is anonymous and sees published records only.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The format is JSON, not chosen by a query parameter.
    "URL_FORMAT_OVERRIDE": None,
    "UNICODE_JSON": True,
    # Requests per client address: "120/min" is 120 a minute (also /s, /h, /day).
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_THROTTLE_RATE", "120/min")},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Hankeportaali API",
    "DESCRIPTION": (
        "Finnish education development projects, who runs and funds them, and the upcoming "
        "meetings of their cooperation forums. Read-only; published records only. Translated "
        "texts come in the language asked for with `?lang=fi|sv|en` (or `Accept-Language`), "
        "or in all three with `?lang=all`. The data is published under CC BY 4.0. No person's "
        "name, e-mail or phone is ever part of it."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the public validator's server: the page loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Choice sets that share a field name ("kind", "status") each under their own name.
    "ENUM_NAME_OVERRIDES": {
        "PrecisionEnum": "projects.dates.Precision",
        "ProjectStatusEnum": "projects.models.ProjectStatus",
        "ProjectKindEnum": "projects.models.ProjectKind",
        "OrganisationKindEnum": "projects.models.OrganisationKind",
        "LinkKindEnum": "projects.models.LinkKind",
        "RelationKindEnum": "projects.models.RelationKind",
        "MeetingStatusEnum": "forums.models.MeetingStatus",
    },
}
