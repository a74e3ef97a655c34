"""Settings of the data that comes in and goes out other than through pages: the public JSON
API (portal/settings_api.py) and the spreadsheets of projects and organisations that staff
import and export in admin (django-import-export, CSV and XLSX). Imported by
portal/settings.py, whose apps these come after.

A spreadsheet import is previewed row by row and nothing is saved until a person confirms
it; the whole file is then saved in one transaction, so that a failing row leaves nothing
half done.
"""

from portal.settings_api import API_APPS, REST_FRAMEWORK, SPECTACULAR_SETTINGS

__all__ = [
    "DATA_APPS",
    "IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT",
    "IMPORT_EXPORT_USE_TRANSACTIONS",
    "REST_FRAMEWORK",
    "SPECTACULAR_SETTINGS",
]

DATA_APPS = [*API_APPS, "import_export"]

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Cells with control characters (pasted from another program) are cleaned for XLSX, which
# cannot hold them, rather than failing the export.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
