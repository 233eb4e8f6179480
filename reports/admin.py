from django.contrib import admin

from .models import Achievement, ActivityReport, Testimony


class AchievementInline(admin.TabularInline):
    model = Achievement
    extra = 0


class TestimonyInline(admin.StackedInline):
    model = Testimony
    extra = 0


@admin.register(ActivityReport)
class ActivityReportAdmin(admin.ModelAdmin):
    list_display = ("event", "status", "updated_at", "updated_by")
    list_filter = ("status",)
    list_select_related = ("event", "updated_by")
    search_fields = ("event__title",)
    autocomplete_fields = ("event",)
    readonly_fields = ("updated_at", "updated_by")
    inlines = [AchievementInline, TestimonyInline]


@admin.register(Testimony)
class TestimonyAdmin(admin.ModelAdmin):
    list_display = ("report", "order", "is_published", "text")
    list_filter = ("is_published", "report")
    list_select_related = ("report__event",)
    search_fields = ("text",)


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):
    list_display = ("report", "order", "text")
    list_select_related = ("report__event",)
    search_fields = ("text",)
