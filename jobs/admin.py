from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["label", "team", "kind", "status", "done", "total", "created_at"]
    list_filter = ["status", "kind", "team"]
    readonly_fields = [field.name for field in Job._meta.fields]
