"""The event of the URL, resolved once per request and checked in one place.

Every page under `/events/<slug>/` (in any app) uses `EventMixin` or `@event_view`: the event
is looked up by its slug, someone who may not see it gets a 404 (as if it did not exist),
someone who sees it but lacks the view's permission a 403. The event is then
`self.event` / `request.event`, and everything below it is loaded through it
(`event.days.get(pk=...)`), so another event's or team's object is a 404 too.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404

from accounts.scoping import check_object

from .models import Event


def event_for(user, slug, *, permission=None):
    event = get_object_or_404(Event.objects.select_related("team"), slug=slug)
    return check_object(user, event, view_permission="events.view_event", permission=permission)


def day_of(event, day_pk):
    """A day of `event`; another event's day is a 404."""
    day = get_object_or_404(event.days.all(), pk=day_pk)
    day.event = event  # `day.number` reads it: no second query
    return day


class EventMixin(LoginRequiredMixin):
    """Class-based views under an event: set `event_permission` (checked on the event)."""

    event_permission = None
    event_url_kwarg = "slug"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.event = request.event = event_for(
                request.user, kwargs[self.event_url_kwarg], permission=self.event_permission
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


def event_view(permission=None, url_kwarg="slug"):
    """Function views under an event: `@event_view("participants.record_attendance")`.
    The view receives the checked event as `request.event`."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.event = event_for(request.user, kwargs[url_kwarg], permission=permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
