"""Staff roles as Django groups, kept exactly as this file says on every migrate.

- **Editors** keep their own organisations' projects, forums, meetings, invitees and
  invitation texts up to date; which rows are theirs is decided in projects.permissions, by
  who maintains a project's record (not by the roles the project page states). They add
  keywords and organisations but change no shared vocabulary (themes, regions,
  municipalities, the programme tree), and they never export or erase a person's data.
- **Data protection** answers people's requests to see or erase what the portal holds about
  their address (admin → Personal data): such a request covers every organisation, so it is a
  role of its own, given to few.

A permission added to a group by hand is taken away at the next migrate: give it to a person,
or change this file.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

EDITORS = "Editors"
DATA_PROTECTION = "Data protection"

ALL = ("add", "change", "delete", "view")

# app label → model → the actions the role may take on that model's rows.
ROLES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    EDITORS: {
        "projects": {
            "project": ALL,
            "projectidentifier": ALL,
            "implementer": ALL,
            "funding": ALL,
            "contact": ALL,
            "projectrelation": ALL,
            "projectlink": ALL,
            "projectevent": ALL,
            # New partners and funders are added while a project is entered; only their own
            # organisation's details can they change (projects.admin).
            "organisation": ("add", "change", "view"),
            # Shared by every project: a new keyword may be added, an existing one is changed
            # by a superuser.
            "keyword": ("add", "view"),
            "theme": ("view",),
            "region": ("view",),
            # Loaded from Statistics Finland's classification; chosen, never changed, by editors.
            "municipality": ("view",),
            # The programme tree is shared like the themes: a funding row chooses a node by
            # autocomplete, which needs the view permission; superusers build the tree.
            "programme": ("view",),
        },
        "forums": {
            "forum": ALL,
            "meeting": ALL,
            "groupquota": ALL,
            # Walk-ins are noted at the door on the meeting's check-in page.
            "walkin": ALL,
            # The short links a meeting is shared by, and what each brought.
            "outreachchannel": ALL,
            # Seats are given and taken back by the services; staff correct details.
            "registration": ("change", "view"),
            "invitee": ALL,
            "invitation": ("view",),
            "invitationtext": ALL,
            "outboundemail": ("view",),
            "language": ("view",),
            "stakeholdergroup": ("view",),
        },
    },
    DATA_PROTECTION: {},
}
# Permissions that are not about one model's rows.
EXTRA_PERMISSIONS = {DATA_PROTECTION: [("forums", "manage_personal_data")]}


def _permissions(role: str) -> list[Permission]:
    wanted = Q(pk__in=[])
    for app_label, models in ROLES[role].items():
        for model, actions in models.items():
            wanted |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
    for app_label, codename in EXTRA_PERMISSIONS.get(role, []):
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(wanted))


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Create the groups and give each exactly its permissions (idempotent)."""
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(role))
        groups[role] = group
    return groups
