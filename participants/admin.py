from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Attendance,
    AttendanceLog,
    Mission,
    Organisation,
    Person,
    Registration,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "organisation__kind")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("organisation",)}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "country", "scope")
    list_filter = ("kind", "scope", "country")
    search_fields = ("name", "acronym")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("family_name", "given_name", "gender", "organisation", "position", "is_youth")
    list_filter = ("gender", "is_youth", "age_band", "organisation__kind", "consent_to_contact")
    list_select_related = ("organisation",)
    search_fields = ("given_name", "family_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("day",)
    readonly_fields = ("recorded_by", "recorded_at")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("person", "event", "role", "registered_at")
    list_filter = ("event", "role", "person__gender", "person__organisation__kind")
    list_select_related = ("person", "event")
    search_fields = ("person__given_name", "person__family_name", "person__email")
    autocomplete_fields = ("person", "event")
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("registration", "day", "recorded_by", "recorded_at")
    list_filter = ("day__event", "day")
    list_select_related = ("registration__person", "registration__event", "day", "recorded_by")
    search_fields = ("registration__person__given_name", "registration__person__family_name")
    autocomplete_fields = ("registration", "day")
    readonly_fields = ("recorded_at",)


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ("organisation", "state", "mission_type", "city", "focal_point")
    list_filter = ("mission_type", "state", "city")
    list_select_related = ("organisation", "focal_point")
    search_fields = ("organisation__name", "organisation__acronym", "city")
    autocomplete_fields = ("organisation", "focal_point")


@admin.register(AttendanceLog)
class AttendanceLogAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "registration", "day", "by")
    list_filter = ("action", "day__event")
    list_select_related = ("registration__person", "registration__event", "day", "by")
    search_fields = ("registration__person__given_name", "registration__person__family_name")
    readonly_fields = ("registration", "day", "action", "by", "at")
