from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, Call, ProposedSpeaker, Score


class ProposedSpeakerInline(admin.TabularInline):
    model = ProposedSpeaker
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["event", "opens_at", "deadline", "is_open"]
    list_select_related = ["event"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "call", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["call__event"]
    inlines = [ProposedSpeakerInline]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    # Scores are not on the team's history pages (cfp.models.Score): their history is here.
    list_display = ["application", "reviewer", "score"]
    list_select_related = ["application", "reviewer"]
