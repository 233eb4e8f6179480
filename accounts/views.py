from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .rules import has_any_access


class NoAccessView(LoginRequiredMixin, TemplateView):
    """What an account sees before anyone gave it a team or an organisation."""

    template_name = "accounts/no_access.html"

    def get(self, request, *args, **kwargs):
        if has_any_access(request.user):
            return redirect("events:dashboard")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(support_email=settings.UPR_SUPPORT_EMAIL, **kwargs)
