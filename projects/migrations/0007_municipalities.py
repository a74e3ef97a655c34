"""Finland's municipalities with their regions, from Statistics Finland's classification of
municipalities 2026 and its municipality–region correspondence (CC BY 4.0), shipped as
projects/data/municipalities.csv: code, region code, Finnish and Swedish name."""

import csv
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load_municipalities(apps, schema_editor):
    Municipality = apps.get_model("projects", "Municipality")
    Region = apps.get_model("projects", "Region")
    regions = {region.code: region for region in Region.objects.all()}
    with DATA_FILE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            Municipality.objects.update_or_create(
                code=row["code"],
                defaults={
                    "region": regions[row["region"]],
                    "name": row["name_fi"],
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    # English uses the name of the municipality's majority language.
                    "name_en": row["name_fi"],
                },
            )


def remove_municipalities(apps, schema_editor):
    apps.get_model("projects", "Municipality").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_catalogue_structures")]

    operations = [migrations.RunPython(load_municipalities, remove_municipalities)]
