"""The catalogue: organisations, projects, who implements and funds them, and how they
relate."""

from .events import ProjectEvent
from .identifiers import REGISTER_PAGES, IdentifierScheme, ProjectIdentifier
from .implementers import Implementer, ImplementerRole
from .organisations import Organisation, OrganisationKind, business_id_validator
from .programmes import PROGRAMME_DEPTH, Programme, ProgrammeLevel, under_programme
from .projects import (
    PROJECT_LONG_TEXTS,
    SEARCH_LANGUAGES,
    DatesBasis,
    EditorScopedQuerySet,
    Project,
    ProjectKind,
    ProjectQuerySet,
    ProjectStatus,
    Scope,
    projects_maintained_by,
)
from .reference import Keyword, Municipality, Region, Theme
from .relations import (
    Contact,
    Funding,
    LinkKind,
    ProjectLink,
    ProjectRelation,
    RelationKind,
)
from .search import TERM_LENGTH, SearchTerm

__all__ = [
    "PROGRAMME_DEPTH",
    "PROJECT_LONG_TEXTS",
    "REGISTER_PAGES",
    "SEARCH_LANGUAGES",
    "TERM_LENGTH",
    "Contact",
    "DatesBasis",
    "EditorScopedQuerySet",
    "Funding",
    "IdentifierScheme",
    "Implementer",
    "ImplementerRole",
    "Keyword",
    "LinkKind",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "Programme",
    "ProgrammeLevel",
    "Project",
    "ProjectEvent",
    "ProjectIdentifier",
    "ProjectKind",
    "ProjectLink",
    "ProjectQuerySet",
    "ProjectRelation",
    "ProjectStatus",
    "Region",
    "RelationKind",
    "Scope",
    "SearchTerm",
    "Theme",
    "business_id_validator",
    "projects_maintained_by",
    "under_programme",
]
