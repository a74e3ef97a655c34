"""Translated forum fields: Finnish is required and is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Forum, Language, Meeting, StakeholderGroup


@register(Language)
class LanguageTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(StakeholderGroup)
class StakeholderGroupTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Forum)
class ForumTranslationOptions(TranslationOptions):
    fields = ("name", "purpose")
    required_languages = ("fi",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "description")
