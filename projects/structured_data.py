"""schema.org descriptions (JSON-LD) of the catalogue's pages, for search engines and other
readers of the page: a project as a `Project` (a kind of `Organization`), an organisation as
an `Organization`. Built from the rows the page has already fetched, in the active language,
with only the properties schema.org defines for each type (tests/test_open_data_json_ld.py
holds the list). A person's name, e-mail or phone is never part of it."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from portal.open_data import absolute_url

from .dates import Precision
from .models import Implementer, ImplementerRole, Organisation, Project

SCHEMA_CONTEXT = "https://schema.org"


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date as ISO 8601 at the precision it is known to: 2017-12-13, 2018-10 or 2019."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


# The order a project page lists its implementers' roles in (applicant first).
ROLE_ORDER = {role: index for index, role in enumerate(ImplementerRole.values)}


def implementers_by_role(implementers: Iterable[Implementer]) -> list[Implementer]:
    """Implementers in the order of their roles (applicant first)."""
    return sorted(implementers, key=lambda row: ROLE_ORDER.get(row.role, 0))


def organisation_reference(organisation: Organisation) -> dict[str, Any]:
    """An organisation named inside another description: its name and its page."""
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute_url(_organisation_path(organisation)),
    }


def _organisation_path(organisation: Organisation) -> str:
    return reverse("projects:organisation", kwargs={"slug": organisation.slug})


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def project_json_ld(project: Project, other_names: list[str]) -> dict[str, Any]:
    """A published project as its page shows it (selectors_catalogue.project_detail has
    fetched its identifiers, implementers, fundings, regions, themes and links). Its dates
    are those of the project's life (founding and dissolution, for an Organization); its
    implementers are its members, each in the role the project states."""
    implementers = implementers_by_role(project.implementers.all())
    funders: dict[int, Organisation] = {}
    for funding in project.fundings.all():
        funders.setdefault(funding.funder_id, funding.funder)
    return _without_empty(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "Project",
            "name": project.name,
            "alternateName": [name for name in [project.acronym, *other_names] if name],
            "description": project.summary or project.tagline,
            "url": absolute_url(project.get_absolute_url()),
            "foundingDate": iso_partial_date(project.start_date, project.start_precision),
            "dissolutionDate": iso_partial_date(project.end_date, project.end_precision),
            "funder": [organisation_reference(funder) for funder in funders.values()],
            "member": [
                {
                    "@type": "OrganizationRole",
                    "roleName": implementer.get_role_display(),
                    "member": organisation_reference(implementer.organisation),
                }
                for implementer in implementers
            ],
            "areaServed": [
                {"@type": "AdministrativeArea", "name": region.name}
                for region in project.regions.all()
            ],
            "keywords": [theme.name for theme in project.themes.all()],
            "identifier": [
                _without_empty(
                    {
                        "@type": "PropertyValue",
                        "propertyID": identifier.scheme,
                        "name": identifier.get_scheme_display(),
                        "value": identifier.value,
                        "url": identifier.register_url,
                    }
                )
                for identifier in project.identifiers.all()
            ],
            "sameAs": [link.url for link in project.links.all()],
        }
    )


def organisation_json_ld(organisation: Organisation) -> dict[str, Any]:
    """An organisation with its own published contact details (an office's, never a
    person's) and its business ID (Y-tunnus)."""
    address = _without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": organisation.street_address,
            "postalCode": organisation.postal_code,
            "addressLocality": organisation.post_office,
        }
    )
    if len(address) > 1:
        address["addressCountry"] = "FI"
    other_names = [name.strip() for name in organisation.other_names.splitlines() if name.strip()]
    return _without_empty(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "Organization",
            "name": organisation.name,
            "alternateName": [name for name in [organisation.abbreviation, *other_names] if name],
            "url": absolute_url(_organisation_path(organisation)),
            "sameAs": organisation.website,
            "address": address if len(address) > 1 else None,
            "telephone": organisation.phone,
            "email": organisation.email,
            "identifier": (
                {
                    "@type": "PropertyValue",
                    "propertyID": "Y-tunnus",
                    "name": gettext("Business ID"),
                    "value": organisation.business_id,
                }
                if organisation.business_id
                else None
            ),
            "parentOrganization": (
                organisation_reference(organisation.parent) if organisation.parent else None
            ),
        }
    )
