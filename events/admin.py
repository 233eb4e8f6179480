from django.contrib import admin

from participants.admin import EventImportAdminMixin, ImportExportAdmin

from .models import Event, ProgrammeDay, Session, SessionRole
from .resources import ProgrammeResource


class ProgrammeDayInline(admin.TabularInline):
    model = ProgrammeDay
    extra = 0
    autocomplete_fields = ("host",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "format", "country_under_review", "city", "start_date", "status")
    list_filter = ("format", "status", "country_under_review")
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
class SessionAdmin(EventImportAdminMixin, ImportExportAdmin):
    resource_classes = [ProgrammeResource]
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
