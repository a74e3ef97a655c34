"""Helpers for the editor scoping and catalogue admin tests (tests/test_editor_scoping*.py,
tests/test_admin*.py): the scoped models with how to find each one's object on a side, admin
addresses, the objects a changelist lists, what autocomplete offers, Django admin's answer
for an object that is not there for this user, and a project's admin form as the browser
posts it."""

from typing import Any

from django.test import Client
from django.urls import reverse

# Each scoped model, with how to find its object on a side.
OBJECTS = {
    "projects.project": lambda side: side.project,
    "forums.forum": lambda side: side.forum,
    "forums.meeting": lambda side: side.meeting,
    "forums.registration": lambda side: side.registration,
    "forums.invitee": lambda side: side.invitee,
    "forums.invitation": lambda side: side.invitation,
    "forums.outboundemail": lambda side: side.email,
}


def url(model: str, view: str, *args: Any) -> str:
    app_label, model_name = model.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def listed(response) -> set[int]:
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def autocomplete(
    client: Client, app_label: str, model_name: str, field_name: str, term: str = ""
) -> set[str]:
    """The ids admin's search-as-you-type offers for a form's relation field."""
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {result["id"] for result in response.json()["results"]}


def is_not_found(response) -> bool:
    """Django admin's answer for an object that is not there for this user: back to the
    index with a message, or a 403/404."""
    if response.status_code == 302:
        return response["Location"] == reverse("admin:index")
    return response.status_code in {403, 404}


# The inlines of a project's admin page, by the prefix of their forms.
PROJECT_INLINES = (
    "identifiers",
    "implementers",
    "fundings",
    "contacts",
    "relations_from",
    "links",
    "events",
)


def inline_rows(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    """An inline's forms as the browser posts them: its management form and each row's
    fields under `<prefix>-<index>-`."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def project_form(slug: str, **inlines: list[dict[str, Any]]) -> dict[str, Any]:
    """A new project's admin form as the browser posts it: a Finnish name, a start date and
    the rows given for each inline (`implementers=[{...}]`), none for the others."""
    data: dict[str, Any] = {
        "name_fi": "Uusi hanke",
        "slug": slug,
        "kind": "project",
        "start_date": "2024-01-01",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
    }
    for prefix in PROJECT_INLINES:
        data.update(inline_rows(prefix, inlines.pop(prefix, [])))
    assert not inlines, f"No such inline: {', '.join(inlines)}"
    return data
