"""Organiser-only privacy pages for one person: anonymise (confirmed POST) and the
subject-access export (JSON download). Kept apart from views.py (the attendance desk)."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from accounts.scoping import ScopedObjectMixin, check_object

from .models import Attendance, Person
from .privacy import anonymise_person, export_person_data

# Organisers of the person's team only: report administrators and CSO staff never see
# contact details. Another team's person is a 404.
VIEW_PERMISSION = "participants.view_person"
PRIVACY_PERMISSION = "participants.manage_privacy"


def _person(request, pk):
    return check_object(
        request.user,
        get_object_or_404(Person, pk=pk),
        view_permission=VIEW_PERMISSION,
        permission=PRIVACY_PERMISSION,
    )


class PersonPrivacyView(ScopedObjectMixin, DetailView):
    view_permission = VIEW_PERMISSION
    permission = PRIVACY_PERMISSION
    template_name = "participants/person_privacy.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("organisation")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            registration_count=person.registrations.count(),
            attendance_count=Attendance.objects.filter(registration__person=person).count(),
            **kwargs,
        )


class PersonAnonymiseView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        person = _person(request, pk)
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm: anonymising a person cannot be undone.")
            )
            return redirect("privacy:person", pk=pk)
        if person.anonymised_at is not None:
            messages.info(request, _("This person was already anonymised."))
            return redirect("privacy:person", pk=pk)
        anonymise_person(person, by=request.user, request=request)
        messages.success(
            request,
            _(
                "The person is anonymised. Their attendance, gender and organisation are kept, "
                "so the event's figures do not change."
            ),
        )
        return redirect("privacy:person", pk=pk)


class PersonExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        person = _person(request, pk)
        data = export_person_data(person, by=request.user, request=request)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        response["Cache-Control"] = "no-store"
        return response
