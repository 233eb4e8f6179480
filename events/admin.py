"""The Django admin of events, themes and teams (superusers only). Spreadsheet import and
export of the programme are added by participants/admin.py, which owns the resources."""

from django.contrib import admin

from accounts.models import Membership, Team

from .models import Event, ProgrammeDay, Session, SessionRole, Theme
from .themes import seed_default_themes


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "contact_email")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # A new team starts with the default theme catalogue, as in the app.
            seed_default_themes(obj)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "order", "is_active")
    list_filter = ("team", "is_active")
    list_select_related = ("team",)
    search_fields = ("name",)
    ordering = ("team__name", "order", "name")


class ProgrammeDayInline(admin.TabularInline):
    model = ProgrammeDay
    extra = 0
    autocomplete_fields = ("host",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "team",
        "format",
        "country_under_review",
        "city",
        "start_date",
        "status",
    )
    list_filter = ("team", "format", "status", "country_under_review")
    list_select_related = ("team",)
    search_fields = ("title", "slug", "city")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("co_organisers",)
    inlines = [ProgrammeDayInline]
    date_hierarchy = "start_date"


@admin.register(ProgrammeDay)
class ProgrammeDayAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "event", "venue", "host")
    list_filter = ("event",)
    list_select_related = ("event", "host")
    search_fields = ("title", "venue", "event__title")
    autocomplete_fields = ("event", "host")


class SessionRoleInline(admin.TabularInline):
    model = SessionRole
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "day", "start_time", "end_time", "kind", "state_under_review")
    list_filter = ("kind", "day__event", "state_under_review")
    list_select_related = ("day__event",)
    search_fields = ("title", "description")
    autocomplete_fields = ("day", "missions_present")
    filter_horizontal = ("themes",)
    inlines = [SessionRoleInline]


@admin.register(SessionRole)
class SessionRoleAdmin(admin.ModelAdmin):
    list_display = ("person", "role", "session", "position", "order")
    list_filter = ("role", "session__day__event")
    list_select_related = ("person", "session")
    search_fields = ("person__given_name", "person__family_name", "session__title", "position")
    autocomplete_fields = ("person", "session")
