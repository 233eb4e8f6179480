"""The organisers' side of self-registration: the confirmed requests of an event, and
approving (with the choice among possible duplicates) or declining each one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from accounts.integrity import add_errors_to_form
from events.scoping import EventMixin, event_view

from . import registration_requests
from .calendar_tokens import calendar_path
from .forms import RegistrationRequestApprovalForm
from .models import PublicConsent, RegistrationRequest, RegistrationRequestStatus
from .public import consent_level

PERMISSION = "participants.manage_registrations"


def _request_of(event, pk):
    """A request of `event` the visitor confirmed; another event's, or one still
    unconfirmed, is a 404."""
    return get_object_or_404(
        RegistrationRequest.objects.for_event(event)
        .exclude(status=RegistrationRequestStatus.UNCONFIRMED)
        .select_related("mission__organisation", "decided_by"),
        pk=pk,
    )


class RegistrationRequestListView(EventMixin, ListView):
    """The requests waiting for a decision, oldest first (2 queries)."""

    event_permission = PERMISSION
    template_name = "participants/registrationrequest_list.html"
    context_object_name = "registration_requests"

    def get_queryset(self):
        return (
            RegistrationRequest.objects.for_event(self.event)
            .awaiting_decision()
            .select_related("mission__organisation")
        )


class RegistrationRequestReviewView(EventMixin, View):
    """One request: what was submitted, the people it may be, approve or decline."""

    event_permission = PERMISSION
    template_name = "participants/registrationrequest_review.html"

    def load(self):
        self.object = _request_of(self.event, self.kwargs["pk"])
        self.object.event = self.event
        self.organisation = registration_requests.matching_organisation(self.object)
        self.duplicates = registration_requests.possible_duplicates(
            self.object, organisation=self.organisation
        )

    def render_page(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "event": self.event,
                "registration_request": self.object,
                "organisation": self.organisation,
                "duplicates": self.duplicates,
                "form": form,
                "awaiting": self.object.status == RegistrationRequestStatus.CONFIRMED,
            },
        )

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_page(RegistrationRequestApprovalForm(duplicates=self.duplicates))

    def post(self, request, *args, **kwargs):
        self.load()
        form = RegistrationRequestApprovalForm(request.POST, duplicates=self.duplicates)
        if not form.is_valid():
            return self.render_page(form)
        link = request.build_absolute_uri(
            reverse("public:event", args=[self.event.team.slug, self.event.slug])
        )
        try:
            registration = registration_requests.approve_registration_request(
                self.object,
                by=request.user,
                person=form.chosen_person(),
                link=link,
                calendar_link_for=lambda person: request.build_absolute_uri(
                    calendar_path(person, event=self.event)
                ),
            )
        except ValidationError as error:
            if _decided_meanwhile(self.object):
                return _already_decided(request, self.event)
            add_errors_to_form(form, error)
            return self.render_page(form)
        messages.success(
            request,
            _("%(person)s is registered; they were told by e-mail.")
            % {"person": registration.person},
        )
        shown = consent_level(registration.person, registration.public_consent)
        if shown != self.object.public_consent:
            # An existing person asked to be shown more widely: never from a request.
            messages.warning(
                request,
                _(
                    '%(person)s stays shown at this event as recorded, "%(kept)s", although '
                    'the request asks for "%(asked)s". Change it on their registration only '
                    "once you have checked with them that the request is theirs."
                )
                % {
                    "person": registration.person,
                    "kept": PublicConsent(shown).label,
                    "asked": PublicConsent(self.object.public_consent).label,
                },
            )
        return redirect("participants:registration_request_list", slug=self.event.slug)


def _decided_meanwhile(registration_request):
    registration_request.refresh_from_db(fields=["status"])
    return registration_request.status != RegistrationRequestStatus.CONFIRMED


def _already_decided(request, event):
    messages.info(request, _("This request has been decided already."))
    return redirect("participants:registration_request_list", slug=event.slug)


@event_view(PERMISSION)
@require_POST
def decline_registration_request(request, slug, pk):
    registration_request = _request_of(request.event, pk)
    try:
        registration_requests.decline_registration_request(registration_request, by=request.user)
    except ValidationError:
        return _already_decided(request, request.event)
    messages.success(
        request,
        _("The request of %(person)s was declined; they were told by e-mail.")
        % {"person": registration_request.full_name},
    )
    return redirect("participants:registration_request_list", slug=request.event.slug)
