from django.contrib import admin

from .models import Distribution, Factsheet, FactsheetFile, SuggestedRecommendation, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("order", "name", "slug")
    list_display_links = ("name",)
    search_fields = ("name",)


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


@admin.register(Factsheet)
class FactsheetAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "event", "language", "status", "updated_at")
    list_filter = ("status", "theme", "event", "language")
    list_select_related = ("theme", "event")
    search_fields = ("title", "summary", "organisations__name")
    autocomplete_fields = ("event", "organisations")
    readonly_fields = ("uploaded_by", "created_at", "updated_at")
    inlines = [SuggestedRecommendationInline, FactsheetFileInline]


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
