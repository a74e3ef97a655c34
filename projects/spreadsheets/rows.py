"""What the projects' and the organisations' spreadsheets share: rows keyed by slug, texts safe
from formulas, an unchanged row skipped, related rows written by the resource itself after
the row is saved, and the search index refreshed once the import is real."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from import_export import resources, widgets

from ..permissions import User
from .cells import TextWidget

# A slug made from a name is cut to leave room for a number that makes it unique.
SLUG_BASE_LENGTH = 100


class CatalogueResource(resources.ModelResource):
    """The related lists named in `relations` are fields the library only reads (readonly): the
    resource reads their cells in `import_instance`, compares them in `skip_row` and writes
    them in `save_related`, so that one row's errors are reported together, before anything
    is saved."""

    relations: tuple[str, ...] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Who imports: until the admin says, someone with no rights at all.
        self.user: User = AnonymousUser()
        self.pending: dict[str, Any] = {}

    @classmethod
    def widget_from_django_field(cls, f: Any, default: Any = widgets.Widget) -> Any:
        if isinstance(f, models.CharField | models.TextField):
            return TextWidget
        return super().widget_from_django_field(f, default)

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        # The admin passes who imports; a row is checked against their rights.
        if kwargs.get("user") is None:
            raise ValueError("Say who imports (user=...): their rights decide what is saved.")
        self.user = kwargs["user"]
        if dataset.headers and "slug" not in dataset.headers and len(dataset):
            dataset.append_col([""] * len(dataset), header="slug")

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        if not str(row.get("slug") or "").strip():
            row["slug"] = self.free_slug(str(row.get("name_fi") or ""))

    def free_slug(self, name: str) -> str:
        """A new row's slug from its Finnish name, numbered when the name's slug is taken;
        empty without a name (which the row's validation then reports)."""
        base = slugify(name)[:SLUG_BASE_LENGTH]
        slug, number = base, 1
        while slug and self.get_queryset().filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def import_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Reported under the column's name, as the file heads it.
        for field in self.fields.values():
            if field.attribute in errors and field.attribute != field.column_name:
                errors[field.column_name] = errors.pop(field.attribute)
        self.pending = {}
        for name in self.relations:
            field = self.fields[name]
            if field.column_name not in row:
                continue
            try:
                self.pending[name] = field.clean(row)
            except ValidationError as error:
                errors[field.column_name] = error.messages
            except ValueError as error:
                errors[field.column_name] = [str(error)]
        errors.update(self.relation_errors(instance))
        if errors:
            raise ValidationError(errors)

    def relation_errors(self, instance: Any) -> dict[str, list[str]]:
        """What the related lists may not say for this row, by column."""
        return {}

    def skip_row(
        self, instance: Any, original: Any, row: Any, import_validation_errors: Any = None
    ) -> bool:
        if import_validation_errors or original is None or original.pk is None:
            return False
        for name, field in self.fields.items():
            if field.column_name not in row:
                continue
            if name in self.pending:
                if not field.widget.same(self.pending[name], field.get_value(original)):
                    return False
            elif not field.readonly and field.export(instance) != field.export(original):
                return False
        return True

    def save_m2m(self, instance: Any, row: Any, **kwargs: Any) -> None:
        super().save_m2m(instance, row, **kwargs)
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return
        self.save_related(instance)

    def save_related(self, instance: Any) -> None:
        """Write the related lists of a saved row."""

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run"):
            self.refresh(
                new=[row.object_id for row in result.rows if row.is_new()],
                changed=[row.object_id for row in result.rows if row.is_update()],
            )

    def refresh(self, *, new: list[int], changed: list[int]) -> None:
        """Bring the search index up to date with the rows written."""
