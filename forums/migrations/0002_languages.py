"""The languages people most often ask for in Finnish schools and forums: the interface
languages, common family languages and Finnish Sign Language. Staff can add more in admin."""

from django.db import migrations

# code, Finnish, Swedish, English, own name, right to left
LANGUAGES = [
    ("fi", "suomi", "finska", "Finnish", "suomi", False),
    ("sv", "ruotsi", "svenska", "Swedish", "svenska", False),
    ("en", "englanti", "engelska", "English", "English", False),
    ("ar", "arabia", "arabiska", "Arabic", "العربية", True),
    ("so", "somali", "somaliska", "Somali", "Soomaali", False),
    ("ru", "venäjä", "ryska", "Russian", "русский", False),
    ("uk", "ukraina", "ukrainska", "Ukrainian", "українська", False),
    ("et", "viro", "estniska", "Estonian", "eesti", False),
    ("fa", "persia (farsi)", "persiska (farsi)", "Persian (Farsi)", "فارسی", True),
    ("prs", "dari", "dari", "Dari", "دری", True),
    ("ckb", "kurdi (sorani)", "kurdiska (sorani)", "Kurdish (Sorani)", "کوردی", True),
    ("kmr", "kurdi (kurmandži)", "kurdiska (kurmanji)", "Kurdish (Kurmanji)", "Kurmancî", False),
    ("tr", "turkki", "turkiska", "Turkish", "Türkçe", False),
    ("sq", "albania", "albanska", "Albanian", "shqip", False),
    ("vi", "vietnam", "vietnamesiska", "Vietnamese", "Tiếng Việt", False),
    ("zh", "kiina", "kinesiska", "Chinese", "中文", False),
    ("th", "thai", "thailändska", "Thai", "ไทย", False),
    ("ti", "tigrinja", "tigrinska", "Tigrinya", "ትግርኛ", False),
    ("fr", "ranska", "franska", "French", "français", False),
    ("es", "espanja", "spanska", "Spanish", "español", False),
    ("fse", "suomalainen viittomakieli", "finländskt teckenspråk", "Finnish Sign Language", "", False),
]


def create_languages(apps, schema_editor):
    Language = apps.get_model("forums", "Language")
    for order, (code, fi, sv, en, own, rtl) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code,
            defaults={
                "name": fi,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "native_name": own,
                "is_rtl": rtl,
                "order": order,
            },
        )


def delete_languages(apps, schema_editor):
    codes = [language[0] for language in LANGUAGES]
    apps.get_model("forums", "Language").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(create_languages, delete_languages)]
