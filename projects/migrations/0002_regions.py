"""Finland's 19 regions (maakunnat) with their official codes, in fi, sv and en."""

from django.db import migrations

REGIONS = [
    ("01", "uusimaa", "Uusimaa", "Nyland", "Uusimaa"),
    ("02", "varsinais-suomi", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"),
    ("04", "satakunta", "Satakunta", "Satakunta", "Satakunta"),
    ("05", "kanta-hame", "Kanta-Häme", "Egentliga Tavastland", "Kanta-Häme"),
    ("06", "pirkanmaa", "Pirkanmaa", "Birkaland", "Pirkanmaa"),
    ("07", "paijat-hame", "Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme"),
    ("08", "kymenlaakso", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso"),
    ("09", "etela-karjala", "Etelä-Karjala", "Södra Karelen", "South Karelia"),
    ("10", "etela-savo", "Etelä-Savo", "Södra Savolax", "South Savo"),
    ("11", "pohjois-savo", "Pohjois-Savo", "Norra Savolax", "North Savo"),
    ("12", "pohjois-karjala", "Pohjois-Karjala", "Norra Karelen", "North Karelia"),
    ("13", "keski-suomi", "Keski-Suomi", "Mellersta Finland", "Central Finland"),
    ("14", "etela-pohjanmaa", "Etelä-Pohjanmaa", "Södra Österbotten", "South Ostrobothnia"),
    ("15", "pohjanmaa", "Pohjanmaa", "Österbotten", "Ostrobothnia"),
    ("16", "keski-pohjanmaa", "Keski-Pohjanmaa", "Mellersta Österbotten", "Central Ostrobothnia"),
    ("17", "pohjois-pohjanmaa", "Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia"),
    ("18", "kainuu", "Kainuu", "Kajanaland", "Kainuu"),
    ("19", "lappi", "Lappi", "Lappland", "Lapland"),
    ("21", "ahvenanmaa", "Ahvenanmaa", "Åland", "Åland"),
]


def create_regions(apps, schema_editor):
    Region = apps.get_model("projects", "Region")
    for code, slug, name_fi, name_sv, name_en in REGIONS:
        Region.objects.update_or_create(
            code=code,
            defaults={
                "slug": slug,
                "name": name_fi,
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
            },
        )


def delete_regions(apps, schema_editor):
    apps.get_model("projects", "Region").objects.filter(code__in=[r[0] for r in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create_regions, delete_regions)]
