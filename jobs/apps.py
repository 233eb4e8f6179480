from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Long work off the request: a `Job` row per document or import being made, run by
    the django-tasks worker (or inline when it is small and no worker runs), with its
    progress, its error and its result file in private media. Just above `accounts`: a job
    belongs to a team; the apps that own the work (reports, participants) register tasks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = _("Background jobs")
