from django.views.generic import ListView

from accounts.scoping import TeamMixin

from .models import EmailMessageLog, EmailStatus


class EmailLogView(TeamMixin, ListView):
    """The team's e-mail: to whom, what (template and subject), when, and whether it left.
    Never the body."""

    team_permission = "notifications.view_email_log"
    template_name = "notifications/emailmessagelog_list.html"
    context_object_name = "email_messages"
    paginate_by = 50

    def status(self):
        status = self.request.GET.get("status", "")
        return status if status in EmailStatus.values else ""

    def get_queryset(self):
        messages = EmailMessageLog.objects.of_team(self.team).select_related("triggered_by")
        if self.status():
            messages = messages.filter(status=self.status())
        return messages

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            status=self.status(),
            statuses=EmailStatus.choices,
            query_string=f"status={self.status()}" if self.status() else "",
            **kwargs,
        )
