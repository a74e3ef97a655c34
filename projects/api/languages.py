"""Translated texts in the API: in the language a client asks for, or in all three.

A client asks with `?lang=fi|sv|en`, else with its `Accept-Language` header; Finnish when it
says nothing. A text not written in that language is shown in the first language of the
portal's fallback order (fi, en, sv) that has it, as the pages show it, and the object's
`fallbacks` names each such field with the language it is in, so that a client can mark it
(`lang=` in HTML). `?lang=all` gives every translated field as {"fi": …, "sv": …, "en": …}.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
ALL_LANGUAGES = "all"
LANGUAGE_CHOICES = [*LANGUAGES, ALL_LANGUAGES]


def requested_languages(request: HttpRequest, asked: str | None) -> list[str]:
    """The languages to give translated texts in: one, or all three for `?lang=all`."""
    if asked is None:
        return [translation.get_language_from_request(request)]
    if asked == ALL_LANGUAGES:
        return list(LANGUAGES)
    if asked in LANGUAGES:
        return [asked]
    raise ValidationError(
        {"lang": [_("Choose one of: %(choices)s.") % {"choices": ", ".join(LANGUAGE_CHOICES)}]}
    )


def in_language(obj: object, field: str, language: str) -> tuple[str, str]:
    """The field's text in the language, or in the first fallback language that has it, with
    the language it is in (the pages' rule: portal.templatetags.portal.translated)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    for code in (language, *(code for code in fallbacks if code != language)):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return str(value), code
    return "", language


TEXTS_BY_LANGUAGE = {
    "type": "object",
    "properties": {code: {"type": "string"} for code in LANGUAGES},
    "required": list(LANGUAGES),
}


@extend_schema_field(
    {
        "oneOf": [{"type": "string"}, TEXTS_BY_LANGUAGE],
        "description": "A text in the language asked for; with ?lang=all, in each language.",
    }
)
class TranslatedField(serializers.Field):
    """A modeltranslation field (`name` read from `name_fi`, `name_sv`, `name_en`)."""

    def __init__(self, model_field: str = "", **kwargs: Any) -> None:
        self.model_field = model_field
        super().__init__(source="*", read_only=True, **kwargs)

    @property
    def text_name(self) -> str:
        return self.model_field or self.field_name

    def to_representation(self, value: object) -> str | dict[str, str]:
        languages = self.context["languages"]
        if len(languages) == 1:
            return in_language(value, self.text_name, languages[0])[0]
        return {code: getattr(value, f"{self.text_name}_{code}", None) or "" for code in languages}


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "enum": list(LANGUAGES)},
        "description": (
            "The translated fields of this object whose text is not in the language asked "
            "for, each with the language it is shown in (empty with ?lang=all)."
        ),
    }
)
class FallbacksField(serializers.Field):
    """Which of its object's translated fields are shown in another language, and in which."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: object) -> dict[str, str]:
        languages = self.context["languages"]
        if len(languages) != 1:
            return {}
        shown: dict[str, str] = {}
        for name, field in self.parent.fields.items():
            if isinstance(field, TranslatedField):
                text, language = in_language(value, field.text_name, languages[0])
                if text and language != languages[0]:
                    shown[name] = language
        return shown


class TranslatedModelSerializer(serializers.ModelSerializer):
    """A serializer with translated fields, which says last which of them fell back."""

    fallbacks = FallbacksField()

    def get_field_names(self, declared_fields: Any, info: Any) -> list[str]:
        return [*super().get_field_names(declared_fields, info), "fallbacks"]
