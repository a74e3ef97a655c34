"""PostgreSQL: no statistics for the projects' search vector, so that the planner always
reaches a word's projects through the GIN index.

With statistics, the planner sees that a common word ("ohjaus") is in most projects and
reads every project's vector instead, row by row. It cannot see that each vector is a few
kilobytes kept out of line (TOAST) and unpacked on every read: at 10,000 projects that
read cost 35 to 40 ms where the index answers in 2 to 4 (docs/benchmarks.md, issue 19).
Without statistics it assumes a word is rare, and asks the index. Changing the column to
its own type drops the statistics gathered so far."""

from django.db import migrations

COLUMN = "ALTER TABLE projects_project ALTER COLUMN search_vector"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"{COLUMN} SET STATISTICS 0")
        schema_editor.execute(f"{COLUMN} TYPE tsvector")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"{COLUMN} SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("projects", "0013_search_head")]

    operations = [migrations.RunPython(forwards, backwards)]
