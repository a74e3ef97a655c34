"""Languages and stakeholder groups: reference data that administrators keep."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from ..models import Language, StakeholderGroup


@admin.register(Language)
class LanguageAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "native_name", "is_rtl", "order"]
    list_editable = ["order"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "native_name"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_fi"]}
