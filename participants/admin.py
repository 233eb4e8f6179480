from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin, ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from .importing import ADMIN_EXPORT_FORMATS, ADMIN_IMPORT_FORMATS
from .models import (
    Attendance,
    AttendanceLog,
    Mission,
    Organisation,
    Person,
    Registration,
    User,
)
from .resources import OrganisationResource, ParticipantResource, RosterResource


class ImportExportAdmin(ImportExportModelAdmin):
    """Admin import/export with the app's file reading and the contact-details rule."""

    import_formats = ADMIN_IMPORT_FORMATS
    export_formats = ADMIN_EXPORT_FORMATS

    def get_export_resource_kwargs(self, request, **kwargs):
        if self.model is Person:
            return {
                "with_contact_details": request.user.has_perm("participants.view_contact_details")
            }
        return {}


class EventImportForm(ImportForm):
    event = forms.ModelChoiceField(queryset=None, label=_("Event"))

    def __init__(self, *args, **kwargs):
        from events.models import Event

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.all()


class EventConfirmImportForm(ConfirmImportForm):
    event = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from events.models import Event

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.all()


class EventImportAdminMixin:
    """Admin import of per-event data (participants, programme): the event is chosen in
    the import form and carried through the confirmation step."""

    import_form_class = EventImportForm
    confirm_form_class = EventConfirmImportForm

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form:
            initial["event"] = import_form.cleaned_data["event"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        if form is not None and hasattr(form, "cleaned_data") and "event" in form.cleaned_data:
            return {"event": form.cleaned_data["event"]}
        return {}


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
class OrganisationAdmin(ImportExportAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "acronym", "kind", "country", "scope")
    list_filter = ("kind", "scope", "country")
    search_fields = ("name", "acronym")


@admin.register(Person)
class PersonAdmin(ImportExportAdmin):
    # People alone (registrations come in through RegistrationAdmin or the app's event
    # pages, where the event is chosen), and the embassy roster.
    resource_classes = [ParticipantResource, RosterResource]
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
class RegistrationAdmin(EventImportAdminMixin, ImportMixin, admin.ModelAdmin):
    # Import only: the participant list of an event is exported from the app's pages.
    resource_classes = [ParticipantResource]
    import_formats = ADMIN_IMPORT_FORMATS
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
    list_display = ("organisation", "state", "mission_type", "city")
    list_filter = ("mission_type", "state", "city")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name", "organisation__acronym", "city")
    autocomplete_fields = ("organisation",)


@admin.register(AttendanceLog)
class AttendanceLogAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "registration", "day", "by")
    list_filter = ("action", "day__event")
    list_select_related = ("registration__person", "registration__event", "day", "by")
    search_fields = ("registration__person__given_name", "registration__person__family_name")
    readonly_fields = ("registration", "day", "action", "by", "at")
