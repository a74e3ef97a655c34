"""Organisations as spreadsheet rows: names per language, the organisation's own (office)
contact details, region by name and parent by slug. Never who its editors are."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from .. import services
from ..models import Organisation, Region
from ..permissions import organisation_ids, sees_everything
from .cells import Directory, KeyWidget, YesNoWidget
from .projects import translated
from .rows import CatalogueResource

COLUMNS = (
    "slug",
    *translated("name"),
    "abbreviation",
    "other_names",
    "kind",
    "is_published",
    "business_id",
    "website",
    *translated("street_address"),
    "postal_code",
    *translated("post_office"),
    "phone",
    "email",
    "region",
    "parent",
)


class OrganisationResource(CatalogueResource):
    is_published = fields.Field("is_published", "is_published", YesNoWidget(), default=True)
    region = fields.Field("region_id", "region", KeyWidget(Directory(Region, "slug", "code")))
    parent = fields.Field(
        "parent_id",
        "parent",
        KeyWidget(Directory(Organisation, "slug", "abbreviation"), by_key=True),
    )

    class Meta:
        model = Organisation
        fields = COLUMNS
        import_id_fields = ["slug"]
        skip_unchanged = True
        # Validated as admin validates: fields, clean() and the constraints.
        clean_model_instances = True

    def before_save_instance(self, instance: Organisation, row: Any, **kwargs: Any) -> None:
        # As in admin: anyone adds an organisation, only its own editors change it.
        if instance.pk is None or sees_everything(self.user):
            return
        if instance.pk not in organisation_ids(self.user):
            # Named as the catalogue has it, not as the refused row would rename it.
            stored = Organisation.objects.get(pk=instance.pk)
            raise ValidationError(
                _("Only the editors of %(organisation)s can change it.") % {"organisation": stored}
            )

    def after_save_instance(self, instance: Organisation, row: Any, **kwargs: Any) -> None:
        # A later row may name this one as its parent.
        self.fields["parent"].widget.directory.forget()

    def refresh(self, *, new: list[int], changed: list[int]) -> None:
        # A new organisation is in no project's search text yet.
        for organisation_id in changed:
            services.organisation_search_refresh(organisation_id=organisation_id)
