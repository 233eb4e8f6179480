from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A one-time form token, claimed by the transaction that writes what the form asked
    for (see `security.once`). A second submission of the same form finds it taken."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE
    )
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.token
