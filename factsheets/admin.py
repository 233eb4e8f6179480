from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Distribution, Factsheet, FactsheetFile, SuggestedRecommendation


class SuggestedRecommendationInline(admin.TabularInline):
    model = SuggestedRecommendation
    extra = 0


class FactsheetFileInline(admin.TabularInline):
    model = FactsheetFile
    extra = 0
    fields = ("version", "original_name", "content_type", "size", "page_count", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Files are uploaded through the app, which checks their content.
        return False


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", _("Deleted")), ("no", _("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(Factsheet)
class FactsheetAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "event", "language", "status", "updated_at", "deleted_at")
    list_filter = (DeletedFilter, "status", "theme", "event", "language")
    list_select_related = ("theme", "event")
    search_fields = ("title", "summary", "organisations__name")
    autocomplete_fields = ("event", "organisations")
    readonly_fields = ("uploaded_by", "created_at", "updated_at", "deleted_at", "deleted_by")
    inlines = [SuggestedRecommendationInline, FactsheetFileInline]
    actions = ["restore"]

    def get_queryset(self, request):
        # Administrators see deleted factsheets too, so that they can restore them.
        return Factsheet.all_objects.select_related("theme", "event")

    @admin.action(description=_("Restore selected deleted factsheets"))
    def restore(self, request, queryset):
        restored = 0
        for factsheet in queryset.filter(deleted_at__isnull=False):
            services.restore_factsheet(factsheet, by=request.user)
            restored += 1
        self.message_user(
            request,
            ngettext("%(count)s factsheet restored.", "%(count)s factsheets restored.", restored)
            % {"count": restored},
        )


@admin.register(FactsheetFile)
class FactsheetFileAdmin(admin.ModelAdmin):
    list_display = ("factsheet", "version", "original_name", "content_type", "size", "uploaded_at")
    list_select_related = ("factsheet",)
    search_fields = ("factsheet__title", "original_name")
    readonly_fields = (
        "factsheet",
        "version",
        "file",
        "original_name",
        "content_type",
        "size",
        "page_count",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request):
        return False


@admin.register(SuggestedRecommendation)
class SuggestedRecommendationAdmin(admin.ModelAdmin):
    list_display = ("factsheet", "order", "text")
    list_filter = ("factsheet__theme",)
    list_select_related = ("factsheet",)
    search_fields = ("text", "factsheet__title")


@admin.register(Distribution)
class DistributionAdmin(admin.ModelAdmin):
    list_display = ("factsheet", "mission", "event", "day", "distributed_at", "recorded_by")
    list_filter = ("event", "mission", "factsheet__theme")
    list_select_related = ("factsheet", "mission__organisation", "event", "day", "recorded_by")
    search_fields = ("factsheet__title", "mission__organisation__name")
    autocomplete_fields = ("factsheet", "mission", "event", "day")
    readonly_fields = ("distributed_at", "recorded_by")
