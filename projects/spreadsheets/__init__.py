"""Projects and organisations as spreadsheets (CSV, XLSX) that staff export and import in admin
with django-import-export (projects.admin.spreadsheets). A file exported and imported again
changes nothing.

- Rows are keyed by slug; a project row without one finds its project by an identifier the
  project already has, so that a register's list merges instead of entering projects twice.
  An unchanged row is skipped.
- Related rows are written as a person names them: organisations, programmes, themes, regions
  and municipalities by name (by slug or code where the name would find another row), roles
  and identifier schemes by their codes. A name that matches nothing is the row's error: an
  import never invents an organisation. Implementers and funders are matched to the rows the
  project has, so that a note, a period or an amount the file does not show is kept.
- An editor changes only what admin lets them change, and a project they add is kept by their
  organisation. No column holds a person's data: contact persons are not exported at all.
"""

from .organisations import OrganisationResource
from .projects import ProjectResource

__all__ = ["OrganisationResource", "ProjectResource"]
