"""The Django admin of the directory and participants (superusers only), and the spreadsheet
import/export of every admin whose resource lives here (the programme's included)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm

from accounts.models import Team
from events.admin import SessionAdmin as BaseSessionAdmin
from events.models import Event, Session

from . import exporting
from .importing import ADMIN_IMPORT_FORMATS
from .models import (
    Attendance,
    AttendanceLog,
    Mission,
    Organisation,
    Person,
    Registration,
    User,
)
from .resources import (
    OrganisationResource,
    ParticipantResource,
    ProgrammeResource,
    RosterResource,
)


class AdminExportCSV(base_formats.CSV):
    """The admin's CSV export, written as the app's own (formulas escaped)."""

    escape_formulae = True

    def export_data(self, dataset, **kwargs):
        return exporting.render_csv(dataset).decode("utf-8")


class AdminExportXLSX(base_formats.XLSX):
    """The admin's XLSX export, written as the app's own: every text cell typed as text,
    so `=HYPERLINK(...)` is never a formula."""

    escape_formulae = False

    def export_data(self, dataset, **kwargs):
        return exporting.render_xlsx(dataset)


class AdminExportJSON(base_formats.JSON):
    escape_formulae = False


class ImportExportAdmin(ImportExportModelAdmin):
    """Admin import/export with the app's file reading and writing (the same formula
    escaping as the app's exports) and the contact-details rule."""

    import_formats = ADMIN_IMPORT_FORMATS
    export_formats = [AdminExportCSV, AdminExportXLSX, AdminExportJSON]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        self._escape_formulae = file_format.escape_formulae
        return super().get_export_data(file_format, request, queryset, **kwargs)

    def get_data_for_export(self, request, queryset, **kwargs):
        export_form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request, **kwargs)
        )
        resource.escape_formulae = getattr(self, "_escape_formulae", True)
        return resource.export(
            queryset=queryset,
            export_fields=self.get_export_resource_fields_from_form(export_form),
            **kwargs,
        )

    def get_export_resource_kwargs(self, request, **kwargs):
        if self.model is Person:
            return {
                "with_contact_details": request.user.has_perm("participants.view_contact_details")
            }
        return {}


def _owner_forms(name, model, label):
    """The import form and confirmation form with a choice of `model` (`name`): the event
    or the team the imported rows go into, carried through the confirmation step."""

    class OwnerImportForm(ImportForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[name] = forms.ModelChoiceField(queryset=model.objects.all(), label=label)

    class OwnerConfirmImportForm(ConfirmImportForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[name] = forms.ModelChoiceField(
                queryset=model.objects.all(), widget=forms.HiddenInput
            )

    return OwnerImportForm, OwnerConfirmImportForm


EventImportForm, EventConfirmImportForm = _owner_forms("event", Event, _("Event"))
TeamImportForm, TeamConfirmImportForm = _owner_forms("team", Team, _("Team"))


class OwnerImportAdminMixin:
    """Admin import into an owner chosen in the import form (`owner_field`)."""

    owner_field = None

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form:
            initial[self.owner_field] = import_form.cleaned_data[self.owner_field].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        if form is not None and self.owner_field in getattr(form, "cleaned_data", {}):
            return {self.owner_field: form.cleaned_data[self.owner_field]}
        return {}


class EventImportAdminMixin(OwnerImportAdminMixin):
    """Admin import of per-event data (participants, programme): the event is chosen in
    the import form and carried through the confirmation step."""

    owner_field = "event"
    import_form_class = EventImportForm
    confirm_form_class = EventConfirmImportForm


class TeamImportAdminMixin(OwnerImportAdminMixin):
    """Admin import into a team's directory (people, the roster): the team is chosen."""

    owner_field = "team"
    import_form_class = TeamImportForm
    confirm_form_class = TeamConfirmImportForm


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "organisation__kind")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("organisation",)}),
        (_("Language"), {"fields": ("language",)}),
    )


@admin.register(Organisation)
class OrganisationAdmin(TeamImportAdminMixin, ImportExportAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "acronym", "team", "kind", "country", "scope")
    list_filter = ("team", "kind", "scope", "country")
    search_fields = ("name", "acronym")


@admin.register(Person)
class PersonAdmin(TeamImportAdminMixin, ImportExportAdmin):
    # People alone (registrations come in through RegistrationAdmin or the app's event
    # pages, where the event is chosen), and the embassy roster.
    resource_classes = [ParticipantResource, RosterResource]
    list_display = (
        "family_name",
        "given_name",
        "team",
        "gender",
        "organisation",
        "position",
        "is_youth",
    )
    list_filter = (
        "team",
        "gender",
        "is_youth",
        "is_focal_point",
        "age_band",
        "organisation__kind",
        "consent_to_contact",
    )
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


# The programme's spreadsheets: the events app's Session admin with the import/export that
# lives here (events may not import this app).
admin.site.unregister(Session)


@admin.register(Session)
class SessionAdmin(EventImportAdminMixin, ImportExportAdmin, BaseSessionAdmin):
    resource_classes = [ProgrammeResource]
