"""Admin additions that apply to the other apps' admin classes without editing them:
history (view and revert) on every audited model, and deactivation that ends sessions."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .registry import history_models
from .services import deactivate_user, end_user_sessions


def _with_history(model):
    """Re-register `model`'s admin with SimpleHistoryAdmin mixed in (keeps its options)."""
    registered = admin.site._registry.get(model)
    base = type(registered) if registered is not None else admin.ModelAdmin
    if issubclass(base, SimpleHistoryAdmin):
        return
    if registered is not None:
        admin.site.unregister(model)
    admin_class = type(f"{base.__name__}WithHistory", (SimpleHistoryAdmin, base), {})
    admin.site.register(model, admin_class)


for _model in history_models().values():
    _with_history(_model)


@admin.action(description=_("Deactivate and end all their sessions"))
def deactivate_users(modeladmin, request, queryset):
    total = 0
    for user in queryset.filter(is_active=True):
        total += 1
        deactivate_user(user, by=request.user, request=request)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d account deactivated; its sessions have ended.",
            "%(count)d accounts deactivated; their sessions have ended.",
            total,
        )
        % {"count": total},
        messages.SUCCESS,
    )


def _user_admin_with_session_ending():
    User = get_user_model()
    base = type(admin.site._registry[User])

    class SecureUserAdmin(base):
        actions = [*(base.actions or []), deactivate_users]

        def save_model(self, request, obj, form, change):
            was_active = change and type(obj).objects.filter(pk=obj.pk, is_active=True).exists()
            super().save_model(request, obj, form, change)
            if was_active and not obj.is_active:
                end_user_sessions(obj)

    admin.site.unregister(User)
    admin.site.register(User, SecureUserAdmin)


_user_admin_with_session_ending()
