"""After 0008 has carried their contents over: the single EURA code and the programme as
text give way to identifier rows and the programme tree."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_carry_over")]

    operations = [
        migrations.RemoveField(model_name="project", name="eura_code"),
        migrations.RemoveField(model_name="funding", name="programme"),
        migrations.RemoveField(model_name="funding", name="programme_fi"),
        migrations.RemoveField(model_name="funding", name="programme_sv"),
        migrations.RemoveField(model_name="funding", name="programme_en"),
        migrations.RenameField(model_name="funding", old_name="programme_node", new_name="programme"),
        migrations.AlterField(
            model_name="funding",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                help_text="The deepest level the source names: an objective, an axis or a programme.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="fundings",
                to="projects.programme",
                verbose_name="programme",
            ),
        ),
    ]
