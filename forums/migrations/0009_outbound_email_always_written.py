from django.db import migrations

# Replies to the registration form used to be queued unwritten and written by the worker.
PENDING = ["queued", "sending", "retrying"]


def refuse_unwritten_messages(apps, schema_editor):
    """Every message is now written when it is queued. One still waiting to be written would
    lose its text with the column: the workers of the release before write and send it."""
    OutboundEmail = apps.get_model("forums", "OutboundEmail")
    unwritten = OutboundEmail.objects.filter(written=False, status__in=PENDING).count()
    if unwritten:
        raise RuntimeError(
            f"{unwritten} replies to the registration form are still to be written by the "
            "Celery workers of the release before: let them run until these are sent (admin "
            "→ Outgoing e-mails, filter 'written: no'), then run migrate again."
        )


class Migration(migrations.Migration):

    dependencies = [
        ('forums', '0008_outbound_email_written'),
    ]

    operations = [
        migrations.RunPython(refuse_unwritten_messages, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='outboundemail',
            name='written',
        ),
    ]
