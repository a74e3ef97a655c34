"""A new row's INSERT compiled by Django ahead of time, for rows written while a lock is held.

`Model.save()` builds its INSERT anew each time: about a quarter of a millisecond of Python
for a registration, while every other registration for the meeting waits on the lock. A
`PreparedInsert` has Django's own compiler build the statement before the lock is taken;
under the lock the values are read from the instance again, as `Model.save()` reads them
(a related row saved meanwhile, the time of writing for `auto_now_add`), and the statement
is sent as it is. It uses Django's SQL compiler (`django.db.models.sql`), an internal
interface: the tests that write registrations and replies through it would fail on a Django
that changed it. Only rows of plain values are prepared: no model inheritance, no value the
database computes.
"""

from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery

M = TypeVar("M", bound=Model)


class PreparedInsert(Generic[M]):
    def __init__(self, instance: M) -> None:
        model = type(instance)
        meta = model._meta
        if meta.parents or meta.proxy:
            raise TypeError(f"{model.__name__}: rows of inherited models cannot be prepared.")
        self.instance = instance
        self.using = router.db_for_write(model, instance=instance)
        self.fields = [
            field
            for field in meta.local_concrete_fields
            if field is not meta.auto_field and not field.generated
        ]
        query = InsertQuery(model)
        query.insert_values(self.fields, [instance])
        self.compiler = query.get_compiler(using=self.using)
        self.compiler.returning_fields = [meta.pk]
        ((self.sql, params),) = self.compiler.as_sql()
        if len(params) != len(self.fields):
            raise TypeError(f"{model.__name__}: only rows of plain values can be prepared.")

    def save(self, **values: Any) -> M:
        """Set `values` on the instance and write the row; as with `Model.save()`, the
        instance gets its primary key and pre_save and post_save are sent."""
        instance, model = self.instance, type(self.instance)
        for name, value in values.items():
            setattr(instance, name, value)
        # Not in django-stubs: what Model.save() calls to take related rows' new ids.
        instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
        pre_save.send(
            sender=model, instance=instance, raw=False, using=self.using, update_fields=None
        )
        params = [
            self.compiler.prepare_value(field, self.compiler.pre_save_val(field, instance))
            for field in self.fields
        ]
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            if connection.features.can_return_columns_from_insert:
                (pk,) = connection.ops.fetch_returned_insert_columns(
                    cursor, self.compiler.returning_params
                )
            else:
                pk = connection.ops.last_insert_id(
                    cursor, model._meta.db_table, model._meta.pk.column
                )
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = self.using
        post_save.send(
            sender=model,
            instance=instance,
            created=True,
            update_fields=None,
            raw=False,
            using=self.using,
        )
        return instance
