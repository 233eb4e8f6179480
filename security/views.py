import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.models import TeamRole
from accounts.redirects import safe_next_url
from accounts.rules import team_roles

from .forms import SetupTokenForm, TokenForm
from .log import security_event
from .two_factor import (
    confirm_totp_device,
    has_two_factor,
    pending_totp_device,
    regenerate_recovery_codes,
    remaining_recovery_codes,
    requires_two_factor,
    totp_qr_data_uri,
    totp_secret_for_display,
    verify_second_factor,
)

SESSION_NEW_RECOVERY_CODES = "upr_new_recovery_codes"


def _safe_next(request):
    return safe_next_url(request, reverse("reports:dashboard"))


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Pair an authenticator app: scan the QR code (or type the key), enter a first code."""

    template_name = "security/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and has_two_factor(user) and not user.is_verified():
            # Replacing a paired device needs the current second factor first.
            return redirect(f"{reverse('security:two_factor_verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(request, SetupTokenForm())

    def post(self, request):
        form = SetupTokenForm(request.POST)
        if form.is_valid():
            device = pending_totp_device(request.user)
            codes = confirm_totp_device(device, token=form.cleaned_data["token"], request=request)
            if codes is not None:
                security_event("two_factor_enabled", request=request)
                request.session[SESSION_NEW_RECOVERY_CODES] = codes
                messages.success(request, _("Two-factor authentication is on."))
                query = urlencode({"next": _safe_next(request)})
                return HttpResponseRedirect(f"{reverse('security:recovery_codes')}?{query}")
            security_event("two_factor_setup_failed", request=request, level=logging.WARNING)
            form.add_error("token", _("This code is not right. Check the time on your phone."))
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        device = pending_totp_device(request.user)
        context = {
            "form": form,
            "qr_data_uri": totp_qr_data_uri(device),
            "secret": totp_secret_for_display(device),
            "already_enabled": has_two_factor(request.user),
            "required": requires_two_factor(request.user),
            "next": _safe_next(request),
        }
        return render(request, self.template_name, context, status=status)


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """The second step of the login: a code from the app, or a recovery code."""

    template_name = "security/two_factor_verify.html"

    def get(self, request):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        if not has_two_factor(request.user):
            return redirect(f"{reverse('security:two_factor_setup')}?{request.GET.urlencode()}")
        return self._render(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            device = verify_second_factor(
                request.user, token=form.cleaned_data["token"], request=request
            )
            if device is not None:
                security_event(
                    "two_factor_verified", request=request, device=device.__class__.__name__
                )
                return redirect(_safe_next(request))
            security_event("two_factor_failed", request=request, level=logging.WARNING)
            form.add_error(
                "token",
                _(
                    "This code is not valid. Wait for a new code; after several wrong codes "
                    "you must wait longer between tries."
                ),
            )
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        context = {"form": form, "next": _safe_next(request)}
        return render(request, self.template_name, context, status=status)


class RecoveryCodesView(LoginRequiredMixin, View):
    """Shows new recovery codes once; a POST replaces all codes with new ones."""

    template_name = "security/recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_verified():
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('security:two_factor_verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        codes = request.session.pop(SESSION_NEW_RECOVERY_CODES, None)
        context = {
            "codes": codes,
            "remaining": remaining_recovery_codes(request.user),
            "next": _safe_next(request),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        request.session[SESSION_NEW_RECOVERY_CODES] = regenerate_recovery_codes(request.user)
        security_event("recovery_codes_regenerated", request=request)
        messages.success(request, _("New recovery codes made. The old ones no longer work."))
        return redirect("security:recovery_codes")


class AccountSecurityView(LoginRequiredMixin, TemplateView):
    template_name = "security/account_security.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            two_factor_enabled=has_two_factor(user),
            two_factor_required=requires_two_factor(user),
            remaining_codes=remaining_recovery_codes(user),
            # Organisers restore what their teams deleted (security/history.py).
            shows_deleted_records=user.is_superuser
            or TeamRole.ORGANISER in team_roles(user).values(),
            **kwargs,
        )
