"""Fields translated with modeltranslation: Finnish is required and is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Funding,
    Organisation,
    Project,
    ProjectLink,
    Region,
    Theme,
)


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "summary", *PROJECT_LONG_TEXTS)
    required_languages = ("fi",)


@register(Funding)
class FundingTranslationOptions(TranslationOptions):
    fields = ("programme",)


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(ProjectLink)
class ProjectLinkTranslationOptions(TranslationOptions):
    fields = ("label",)
