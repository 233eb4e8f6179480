"""Audit history pages: an object's versions (who, when, what changed), restoring an
earlier version, and recovering deleted objects. Works for every model in HISTORY_MODELS;
the admin has the same through SimpleHistoryAdmin."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from events.models import Event, ProgrammeDay, Session, SessionRole
from factsheets.models import Distribution, Factsheet, FactsheetFile, SuggestedRecommendation
from participants.models import Attendance, Mission, Organisation, Person, Registration
from reports.models import Achievement, ActivityReport, Testimony

from .services import restore_version as restore_version_service
from .services import undelete_object

HISTORY_MODELS = {
    model._meta.model_name: model
    # Parents before the records that point to them (recovery restores in this order).
    for model in (
        Organisation,
        Person,
        Mission,
        Event,
        ProgrammeDay,
        Session,
        SessionRole,
        Registration,
        Attendance,
        Factsheet,
        FactsheetFile,
        SuggestedRecommendation,
        Distribution,
        ActivityReport,
        Achievement,
        Testimony,
    )
}
# Deleted objects an organiser can bring back from the history (with what went with them).
UNDELETABLE_MODELS = ("person", "event", "factsheet", "organisation", "registration")


def _model_or_404(name):
    try:
        return HISTORY_MODELS[name]
    except KeyError:
        raise Http404(_("No history is kept for this kind of record.")) from None


# CSO staff may change their own factsheets, but the history of every factsheet is for
# the organisers who review them (another organisation's drafts are confidential).
HISTORY_PERMISSION_OVERRIDES = {
    "factsheet": "factsheets.review_factsheet",
    "factsheetfile": "factsheets.review_factsheet",
    "suggestedrecommendation": "factsheets.review_factsheet",
}


def _history_permission(model):
    opts = model._meta
    return HISTORY_PERMISSION_OVERRIDES.get(
        opts.model_name, f"{opts.app_label}.change_{opts.model_name}"
    )


def _require_change_permission(user, model):
    if not user.has_perm(_history_permission(model)):
        raise PermissionDenied


def _visible_queryset(model, user):
    queryset = model._default_manager.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    return queryset


def _versions_with_changes(records):
    """Pair each version with the fields changed since the one before it."""
    records = list(records)
    versions = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        versions.append({"record": record, "changes": changes})
    return versions


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "security/object_history.html"

    def get_context_data(self, **kwargs):
        model = _model_or_404(self.kwargs["model"])
        _require_change_permission(self.request.user, model)
        pk = self.kwargs["pk"]
        current = _visible_queryset(model, self.request.user).filter(pk=pk).first()
        records = (
            model.history.filter(id=pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        if current is None and not records.exists():
            raise Http404(_("No such record."))
        return super().get_context_data(
            model_name=self.kwargs["model"],
            verbose_name=model._meta.verbose_name,
            object_pk=pk,
            current=current,
            versions=_versions_with_changes(records),
            can_undelete=current is None and self.kwargs["model"] in UNDELETABLE_MODELS,
            **kwargs,
        )


@require_POST
def restore_version(request, model, pk, history_id):
    if not request.user.is_authenticated:
        return redirect("login")
    model_class = _model_or_404(model)
    _require_change_permission(request.user, model_class)
    if not _visible_queryset(model_class, request.user).filter(pk=pk).exists():
        raise Http404(_("No such record."))
    record = model_class.history.filter(id=pk, history_id=history_id).first()
    if record is None or record.history_type == "-":
        raise Http404(_("No such version."))
    try:
        restore_version_service(record, by=request.user)
    except ValidationError as error:
        messages.error(request, _("This version cannot be restored: %s") % " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The version of %(date)s is restored.")
            % {"date": record.history_date.strftime("%Y-%m-%d %H:%M UTC")},
        )
    return redirect("security:history", model=model, pk=pk)


@require_POST
def undelete(request, model, pk):
    if not request.user.is_authenticated:
        return redirect("login")
    if model not in UNDELETABLE_MODELS:
        raise Http404(_("Deleted records of this kind cannot be brought back here."))
    model_class = _model_or_404(model)
    _require_change_permission(request.user, model_class)
    if not request.user.has_perm(
        f"{model_class._meta.app_label}.delete_{model_class._meta.model_name}"
    ):
        raise PermissionDenied
    record = model_class.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    if record is None or record.history_type != "-":
        raise Http404(_("This record is not deleted."))
    try:
        restored = undelete_object(record, by=request.user)
    except ValidationError as error:
        messages.error(request, _("This record cannot be restored: %s") % " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Restored, with %(count)s related records deleted along with it.")
            % {"count": restored - 1},
        )
    return redirect("security:history", model=model, pk=pk)


def _deleted_label(record, opts):
    # The label may need related rows that were deleted in the same cascade.
    try:
        return str(record.instance)
    except ObjectDoesNotExist:
        return f"{opts.verbose_name} #{record.id}"


def _deleted_labels(model, records):
    """Labels of deleted records. A registration's label names its person and event: they
    are loaded in two queries for the whole list, not two per row."""
    opts = model._meta
    if model is not Registration:
        return [_deleted_label(record, opts) for record in records]
    people = Person.objects.in_bulk({record.person_id for record in records})
    events = Event.objects.in_bulk({record.event_id for record in records})
    labels = []
    for record in records:
        person, event = people.get(record.person_id), events.get(record.event_id)
        if person is None or event is None:
            # Deleted in the same cascade: no name to show.
            labels.append(f"{opts.verbose_name} #{record.id}")
            continue
        instance = record.instance
        instance.person, instance.event = person, event
        labels.append(str(instance))
    return labels


class DeletedObjectsView(LoginRequiredMixin, TemplateView):
    """Recently deleted people, events, factsheets, organisations and registrations."""

    template_name = "security/deleted_list.html"

    def get_context_data(self, **kwargs):
        groups = []
        for name in UNDELETABLE_MODELS:
            model = HISTORY_MODELS[name]
            opts = model._meta
            if not self.request.user.has_perm(_history_permission(model)):
                continue
            existing = model._default_manager.values("pk")
            deleted = (
                model.history.filter(history_type="-")
                .exclude(id__in=existing)
                .select_related("history_user")
                .order_by("-history_date")[:50]
            )
            deleted = list(deleted)
            deleted = [
                {"record": record, "label": label}
                for record, label in zip(deleted, _deleted_labels(model, deleted), strict=True)
            ]
            groups.append(
                {"name": name, "verbose_name": opts.verbose_name_plural, "records": deleted}
            )
        if not groups:
            raise PermissionDenied
        return super().get_context_data(groups=groups, **kwargs)
