"""Carries the old model's facts into the new one, losing nothing: an EURA code becomes an
identifier row of the scheme its number belongs to, a funding's programme text becomes a
programme node, and every organisation that implements a project maintains its record
(editors keep the rights the implementer rows gave them)."""

from django.db import migrations
from django.utils.text import slugify

# EURA project codes start with a letter and a digit that tells the programme period.
EURA_SCHEMES = {"1": "eura2007", "2": "eura2014", "3": "eura2021"}


def eura_scheme(code):
    return EURA_SCHEMES.get(code[1:2], "eura2014")


def carry_over(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    ProjectIdentifier = apps.get_model("projects", "ProjectIdentifier")
    Funding = apps.get_model("projects", "Funding")
    Programme = apps.get_model("projects", "Programme")
    Implementer = apps.get_model("projects", "Implementer")

    for project in Project.objects.exclude(eura_code="").only("pk", "slug", "eura_code"):
        identifier, _ = ProjectIdentifier.objects.get_or_create(
            scheme=eura_scheme(project.eura_code),
            value=project.eura_code,
            defaults={"project": project},
        )
        if identifier.project_id != project.pk:
            # One project entered twice: nothing may be lost, so someone must decide.
            raise RuntimeError(
                f"Projects {identifier.project.slug} and {project.slug} share the EURA code "
                f"{project.eura_code}. Merge them or correct one code in admin, then migrate "
                "again."
            )

    nodes = {}
    for funding in Funding.objects.exclude(programme_fi="", programme_sv="", programme_en=""):
        names = tuple(
            (getattr(funding, f"programme_{language}") or "").strip()
            for language in ("fi", "sv", "en")
        )
        if not any(names):
            continue
        if names not in nodes:
            name_fi = names[0] or names[1] or names[2]
            base = slugify(name_fi)[:110] or "programme"
            slug, number = base, 1
            while Programme.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            nodes[names] = Programme.objects.create(
                slug=slug,
                level="programme",
                name=name_fi,
                name_fi=name_fi,
                name_sv=names[1],
                name_en=names[2],
            )
        funding.programme_node = nodes[names]
        funding.save(update_fields=["programme_node"])

    Maintainer = Project.maintainers.through
    pairs = set(Implementer.objects.values_list("project_id", "organisation_id"))
    Maintainer.objects.bulk_create(
        [Maintainer(project_id=project, organisation_id=org) for project, org in sorted(pairs)],
        ignore_conflicts=True,
    )


def carry_back(apps, schema_editor):
    ProjectIdentifier = apps.get_model("projects", "ProjectIdentifier")
    Funding = apps.get_model("projects", "Funding")
    for identifier in ProjectIdentifier.objects.filter(scheme__in=EURA_SCHEMES.values()):
        project = identifier.project
        if not project.eura_code:
            project.eura_code = identifier.value
            project.save(update_fields=["eura_code"])
    for funding in Funding.objects.exclude(programme_node=None).select_related("programme_node"):
        node = funding.programme_node
        funding.programme_fi = node.name_fi or ""
        funding.programme_sv = node.name_sv or ""
        funding.programme_en = node.name_en or ""
        funding.save(update_fields=["programme_fi", "programme_sv", "programme_en"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_municipalities")]

    operations = [migrations.RunPython(carry_over, carry_back)]
