"""Helpers for the editor scoping tests (tests/test_editor_scoping*.py): the scoped models
with how to find each one's object on a side, admin addresses, the objects a changelist
lists, and Django admin's answer for an object that is not there for this user."""

from typing import Any

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


def is_not_found(response) -> bool:
    """Django admin's answer for an object that is not there for this user: back to the
    index with a message, or a 403/404."""
    if response.status_code == 302:
        return response["Location"] == reverse("admin:index")
    return response.status_code in {403, 404}
