"""Indexes for the public listing's orders, on PostgreSQL only (like 0003: SQLite serves the
small embedded set-up and its planner does not need them).

Both are partial (published projects only) and end with the id, the listing's tie-breaker, so
that the ids of any page, however deep, are read from the index alone, already in order:
newest first (the default order and the home page's ongoing projects) and latest end first
(the "ending" order and the home page's recently ended projects).
"""

from django.db import migrations

INDEXES = {
    "project_published_newest_idx": "(start_date DESC NULLS LAST, id)",
    "project_published_ending_idx": "(end_date DESC NULLS LAST, id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON projects_project {columns} "
                "WHERE is_published"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_organisation_editors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
