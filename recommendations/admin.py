from django.contrib import admin

from .models import (
    ImplementationAssessment,
    Recommendation,
    RecommendingState,
    Review,
    ReviewEvent,
    UptakeLink,
)


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    autocomplete_fields = ("event",)
    raw_id_fields = ("session",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("state_under_review", "cycle", "wg_session", "review_date", "team")
    list_filter = ("cycle", "team")
    list_select_related = ("team",)
    search_fields = ("wg_report_symbol", "addendum_symbol")
    inlines = [ReviewEventInline]


class RecommendingStateInline(admin.TabularInline):
    model = RecommendingState
    extra = 0


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("paragraph", "text", "response", "action_category", "review")
    list_filter = ("response", "action_category", "source_format", "review__team")
    list_select_related = ("review",)
    search_fields = ("text", "paragraph", "source_key")
    raw_id_fields = ("review",)
    filter_horizontal = ("themes",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [RecommendingStateInline]


@admin.register(UptakeLink)
class UptakeLinkAdmin(admin.ModelAdmin):
    list_display = ("suggested", "recommendation", "closeness", "confirmed_by", "confirmed_at")
    list_filter = ("closeness",)
    list_select_related = ("suggested", "recommendation", "confirmed_by")
    raw_id_fields = ("suggested", "recommendation")
    readonly_fields = ("confirmed_by", "confirmed_at")


@admin.register(ImplementationAssessment)
class ImplementationAssessmentAdmin(admin.ModelAdmin):
    list_display = ("recommendation", "organisation", "assessed_on", "level")
    list_filter = ("level",)
    list_select_related = ("recommendation", "organisation")
    raw_id_fields = ("recommendation", "organisation")
    readonly_fields = ("recorded_by", "created_at", "updated_at")
