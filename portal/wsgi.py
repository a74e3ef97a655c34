import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

from portal.startup import require_serving_settings  # noqa: E402 - needs the settings

require_serving_settings()

from portal.cache import release  # noqa: E402 - needs the settings

# Read at start: during a deployment that replaces the files in place, a process must not
# take the new files' digest for its own.
release()

# What is loaded by now (Django, the apps, the URLs) lasts as long as the process: the cycle
# collector's full passes need not walk through it again; they cost a web worker about a
# tenth of a millisecond a request.
gc.freeze()
