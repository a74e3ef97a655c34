"""A GIN index on the project search vector, on PostgreSQL only (SQLite has no such index and
the portal's SQLite search does not use the vector)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS project_search_vector_gin "
            "ON projects_project USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS project_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_regions")]

    operations = [migrations.RunPython(create_index, drop_index)]
