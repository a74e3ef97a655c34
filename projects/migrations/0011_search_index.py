"""The search index's vocabulary (SearchTerm), and where each database keeps the index:
on SQLite an FTS5 table of every project's terms in three columns by weight (the name and
keywords; the short texts and the names of who runs and funds it; the long texts); on
PostgreSQL the projects' existing tsvector, with pg_trgm's trigram index on the vocabulary
for a query's first letters. The terms are written by projects.search.index (on the first
`migrate` of a catalogue without them, or by `manage.py search_index_rebuild`)."""

from django.db import migrations, models


def create_structures(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS projects_search USING fts5("
            "head, body, tail, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif schema_editor.connection.vendor == "postgresql":
        # Left in place when migrating back: other databases' objects may use it. (Django's
        # TrigramExtension operation would ask SQLite for PostgreSQL's catalogue going back.)
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS projects_searchterm_trigram "
            "ON projects_searchterm USING gin (term gin_trgm_ops)"
        )


def drop_structures(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS projects_search")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS projects_searchterm_trigram")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_relation_kinds_and_labels"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=60, unique=True, verbose_name="term")),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
            },
        ),
        migrations.RunPython(create_structures, drop_structures),
    ]
