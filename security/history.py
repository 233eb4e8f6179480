"""Audit history pages: an object's versions (who, when, what changed), restoring an
earlier version, and recovering deleted objects. Works for every model an app declares in
its AppConfig (security/registry.py); the admin has the same through SimpleHistoryAdmin.

Scoped to the teams of the user: a record of another team, live or deleted, is a 404, and
the role to read and restore is the one the model's app names (organisers by default).
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format, localize, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.models import Team
from accounts.rules import team_roles
from accounts.scoping import check_object

from .change_reasons import change_reason_label
from .registry import history_models, history_permission, team_ids_of, team_lookup
from .services import restore_version as restore_version_service
from .services import undelete_object

# The deleted records listed per kind (the most recent first).
DELETED_LIST_LENGTH = 50


def _model_or_404(name):
    try:
        return history_models()[name]
    except KeyError:
        raise Http404(_("No history is kept for this kind of record.")) from None


def _check_access(user, model, row):
    """404 unless `row` (an object or a historical record of `model`) belongs to one of the
    user's teams; 403 unless the user also holds the model's history permission there.
    Shared reference data (no team) is for the users who hold the permission in a team."""
    if user.is_superuser:
        return
    (team_id,) = team_ids_of(model, [row])
    if team_id is None:
        # Shared reference data (missions): for whoever holds the permission in a team.
        if not team_roles(user):
            raise Http404(_("No such record."))
        if not _allowed_team_ids(user, model, shared_as_team=False):
            raise PermissionDenied
        return
    # An unsaved team with only its id: the predicates read nothing else.
    check_object(
        user,
        Team(pk=team_id),
        view_permission="accounts.view_team",
        permission=history_permission(model),
    )


def can_see_history(user, obj):
    """Whether `user` may open the history page of `obj` (for the pages that link to it)."""
    model = type(obj)
    if not user.is_authenticated or model._meta.model_name not in history_models():
        return False
    try:
        _check_access(user, model, obj)
    except (Http404, PermissionDenied):
        return False
    return True


def _allowed_team_ids(user, model, *, shared_as_team=True):
    """The teams in which `user` may read `model`'s history (None: every team). Shared
    data has no team: it is all visible (None) to a user holding the permission in a team."""
    if user.is_superuser:
        return None
    permission = history_permission(model)
    allowed = {
        team_id for team_id in team_roles(user) if user.has_perm(permission, Team(pk=team_id))
    }
    if shared_as_team and team_lookup(model) is None:
        return None if allowed else set()
    return allowed


def _versions_with_changes(records):
    """Pair each version with the fields changed since the one before it, as a person reads
    them: the field's verbose name, and values shown as their labels (see _readable)."""
    records = list(records)
    names = _ObjectNames()
    versions = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append(_readable_change(field, change.old, change.new, names))
        reason = change_reason_label(record.history_change_reason)
        versions.append({"record": record, "changes": changes, "reason": reason})
    return versions


class _ObjectNames:
    """The names of related objects by primary key, read once per model and page."""

    def __init__(self):
        self._names = {}

    def of(self, model, pks):
        known = self._names.setdefault(model, {})
        missing = {pk for pk in pks if pk not in known}
        if missing:
            for obj in model._base_manager.filter(pk__in=missing):
                known[obj.pk] = str(obj)
            for pk in missing - set(known):
                known[pk] = _("#%(id)s (deleted)") % {"id": pk}
        return [known[pk] for pk in pks]


def _readable_change(field, old, new, names):
    """One changed field: {"field", "old", "new"} with readable values, or for a
    many-to-many field {"field", "added", "removed"} (lists of names)."""
    if field.many_to_many:
        target = field.m2m_reverse_field_name()
        old_pks = {row[target] for row in old or []}
        new_pks = {row[target] for row in new or []}
        model = field.related_model
        return {
            "field": field.verbose_name,
            "added": sorted(names.of(model, sorted(new_pks - old_pks))),
            "removed": sorted(names.of(model, sorted(old_pks - new_pks))),
        }
    return {
        "field": field.verbose_name,
        "old": _readable(field, old, names),
        "new": _readable(field, new, names),
    }


def _readable(field, value, names):
    """`value` of `field` as the app's pages show it: what the model's
    `history_value_labels` say, a related object's name, a choice's label, yes/no, a
    localised date or number; empty values as None (the page prints a dash)."""
    if value is None or value == "":
        return None
    # A model may say how one of its fields reads (`{field name: function of the value}`),
    # for a value stored in a form of its own, such as a recommendation's "row:12".
    model = getattr(field, "model", None)
    in_words = getattr(model, "history_value_labels", {}).get(field.name)
    if in_words is not None:
        return str(in_words(value))
    if field.is_relation and field.many_to_one:
        return names.of(field.related_model, [value])[0]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return _utc_datetime(value)
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, datetime.time):
        return time_format(value)
    if isinstance(value, Decimal | float):
        return localize(value)
    return str(value)


def _utc_datetime(value):
    """A moment in UTC, as the history pages say, in the language's DATETIME_FORMAT."""
    return date_format(timezone.localtime(value, datetime.UTC), "DATETIME_FORMAT")


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "security/object_history.html"

    def get_context_data(self, **kwargs):
        model = _model_or_404(self.kwargs["model"])
        pk = self.kwargs["pk"]
        current = model._default_manager.filter(pk=pk).first()
        records = list(
            model.history.filter(id=pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        if current is None and not records:
            raise Http404(_("No such record."))
        _check_access(self.request.user, model, current or records[0])
        return super().get_context_data(
            model_name=self.kwargs["model"],
            verbose_name=model._meta.verbose_name,
            object_pk=pk,
            current=current,
            versions=_versions_with_changes(records),
            can_undelete=current is None and records[0].history_type == "-",
            **kwargs,
        )


@require_POST
def restore_version(request, model, pk, history_id):
    if not request.user.is_authenticated:
        return redirect("login")
    model_class = _model_or_404(model)
    current = model_class._default_manager.filter(pk=pk).first()
    if current is None:
        raise Http404(_("No such record."))
    _check_access(request.user, model_class, current)
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
            % {"date": _utc_datetime(record.history_date)},
        )
    return redirect("security:history", model=model, pk=pk)


@require_POST
def undelete(request, model, pk):
    if not request.user.is_authenticated:
        return redirect("login")
    model_class = _model_or_404(model)
    record = model_class.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    if record is None:
        raise Http404(_("No such record."))
    _check_access(request.user, model_class, record)
    if record.history_type != "-" or model_class._default_manager.filter(pk=pk).exists():
        raise Http404(_("This record is not deleted."))
    try:
        restored = undelete_object(record, by=request.user)
    except ValidationError as error:
        messages.error(request, _("This record cannot be restored: %s") % " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Restored, with %(count)s related record deleted along with it.",
                "Restored, with %(count)s related records deleted along with it.",
                restored - 1,
            )
            % {"count": restored - 1},
        )
    return redirect("security:history", model=model, pk=pk)


def _deleted_label(instance, opts):
    # The label may need related rows that were deleted in the same cascade.
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{opts.verbose_name} #{instance.pk}"


def _deleted_labels(model, records):
    """Labels of deleted records. A label may name related rows (a registration names its
    person and event): they are loaded in one query per relation for the whole list."""
    opts = model._meta
    instances = [record.instance for record in records]
    for field in opts.concrete_fields:
        if not field.many_to_one:
            continue
        related = field.related_model._default_manager.in_bulk(
            {getattr(record, field.attname) for record in records} - {None}
        )
        for instance in instances:
            target = related.get(getattr(instance, field.attname))
            if target is not None:
                setattr(instance, field.name, target)
    return [_deleted_label(instance, opts) for instance in instances]


def _deleted_records(model, allowed_team_ids):
    """The most recent deleted records of `model` in `allowed_team_ids` (None: all)."""
    existing = model._default_manager.values("pk")
    deleted = model.history.filter(history_type="-").exclude(id__in=existing)
    lookup = team_lookup(model)
    if allowed_team_ids is not None and "__" in lookup:
        # Through a live parent the database filters by team; a record whose parent was
        # deleted too is resolved through the parent's history below.
        parent_field = model._meta.get_field(lookup.split("__")[0])
        live_parents = parent_field.related_model._default_manager.values("pk")
        deleted = deleted.filter(
            Q(**{f"{lookup}__in": allowed_team_ids})
            | ~Q(**{f"{parent_field.attname}__in": live_parents})
        )
    elif allowed_team_ids is not None:
        deleted = deleted.filter(**{f"{lookup}__in": allowed_team_ids})
    records = list(
        deleted.select_related("history_user").order_by("-history_date", "-history_id")[
            : 2 * DELETED_LIST_LENGTH
        ]
    )
    if allowed_team_ids is not None and records:
        team_ids = team_ids_of(model, records)
        records = [
            record
            for record, team_id in zip(records, team_ids, strict=True)
            if team_id in allowed_team_ids
        ]
    return records[:DELETED_LIST_LENGTH]


class DeletedObjectsView(LoginRequiredMixin, TemplateView):
    """Recently deleted records of every kind with a history, in the user's teams."""

    template_name = "security/deleted_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        groups = []
        for name, model in history_models().items():
            allowed = _allowed_team_ids(user, model)
            if allowed is not None and not allowed:
                continue
            records = _deleted_records(model, allowed)
            groups.append(
                {
                    "name": name,
                    "verbose_name": model._meta.verbose_name_plural,
                    "records": [
                        {"record": record, "label": label}
                        for record, label in zip(
                            records, _deleted_labels(model, records), strict=True
                        )
                    ],
                }
            )
        if not groups:
            raise PermissionDenied
        return super().get_context_data(groups=groups, **kwargs)
