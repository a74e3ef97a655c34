"""The catalogue: organisations, projects, who implements and funds them, and how they
relate."""

from .organisations import Organisation, OrganisationKind, business_id_validator
from .projects import (
    PROJECT_LONG_TEXTS,
    SEARCH_CONFIGS,
    SEARCH_TEXT_FIELDS,
    EditorScopedQuerySet,
    Implementer,
    ImplementerRole,
    Project,
    ProjectKind,
    ProjectQuerySet,
    ProjectStatus,
    projects_implemented_by,
)
from .reference import Keyword, Region, Theme
from .relations import (
    Contact,
    Funding,
    LinkKind,
    ProjectLink,
    ProjectRelation,
    RelationKind,
)

__all__ = [
    "PROJECT_LONG_TEXTS",
    "SEARCH_CONFIGS",
    "SEARCH_TEXT_FIELDS",
    "Contact",
    "EditorScopedQuerySet",
    "Funding",
    "Implementer",
    "ImplementerRole",
    "Keyword",
    "LinkKind",
    "Organisation",
    "OrganisationKind",
    "Project",
    "ProjectKind",
    "ProjectLink",
    "ProjectQuerySet",
    "ProjectRelation",
    "ProjectStatus",
    "Region",
    "RelationKind",
    "Theme",
    "business_id_validator",
    "projects_implemented_by",
]
