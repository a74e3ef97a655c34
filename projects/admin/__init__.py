"""The catalogue's admin, one module per topic; importing them registers their pages."""

from . import audit, organisations, projects, reference

__all__ = ["audit", "organisations", "projects", "reference"]
