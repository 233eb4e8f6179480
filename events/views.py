from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from .models import Event


class DashboardView(LoginRequiredMixin, ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_organisers()


class EventDetailView(LoginRequiredMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)
