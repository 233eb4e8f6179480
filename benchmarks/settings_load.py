"""Settings for benchmarks/bench_load.py: production settings (debug off), except that
static files are not collected (compressing them takes minutes and is not measured)."""

from upr_presession.settings import *  # noqa: F403
from upr_presession.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
