"""An index for the lists of upcoming and past meetings, on PostgreSQL only (like the
projects' listing indexes).

The lists are in order of the start and filtered by the end ("not ended yet"). With both in
one index, PostgreSQL walks the starts in order and checks each end in the index itself, so
it reads from the table only the meetings it shows, not every past meeting on the way.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS meeting_starts_ends_idx "
            "ON forums_meeting (starts_at, ends_at, id)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS meeting_starts_ends_idx")


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_privacy")]

    operations = [migrations.RunPython(create_index, drop_index)]
