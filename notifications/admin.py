from django.contrib import admin

from .models import EmailMessageLog


@admin.register(EmailMessageLog)
class EmailMessageLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "team", "template_key", "recipient", "status", "attempts"]
    list_filter = ["status", "template_key", "team"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [field.name for field in EmailMessageLog._meta.fields]

    def has_add_permission(self, request):
        return False
