"""The admin (superusers only, see security/admin_site.py): where the first team and its
first organiser are created; organisers manage members from the team page afterwards.

The Team admin itself is registered by events/admin.py: a new team is given the default
theme catalogue, which lives in the events app."""

from django.contrib import admin

from .models import Invitation, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "role", "is_active"]
    list_filter = ["team", "role", "is_active"]
    search_fields = ["user__username", "user__email", "team__name"]
    autocomplete_fields = ["user", "team"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "team", "role", "organisation", "created_at", "accepted_at"]
    list_filter = ["team"]
    search_fields = ["email"]
    # Invitations are made from the team page (the link is e-mailed once, never stored).
    readonly_fields = [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False
