"""Fields translated with modeltranslation: Finnish is required and is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Implementer,
    Municipality,
    Organisation,
    Programme,
    Project,
    ProjectEvent,
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
    fields = ("name", "street_address", "post_office")
    required_languages = {"fi": ("name",)}


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "summary", *PROJECT_LONG_TEXTS)
    required_languages = ("fi",)


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(ProjectLink)
class ProjectLinkTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Implementer)
class ImplementerTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(ProjectEvent)
class ProjectEventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fi": ("title",)}
