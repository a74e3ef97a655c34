"""The Celery application: `celery -A portal worker` and `celery -A portal beat`."""

import os
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def _require_settings(**kwargs: Any) -> None:
    from .startup import require_serving_settings

    require_serving_settings()
