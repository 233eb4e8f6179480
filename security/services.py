"""Actions with side effects for accounts, sessions and recovery."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

# Ending sessions lives with the accounts (a member taken out of a team needs it too).
from accounts.services import end_user_sessions

from . import change_reasons
from .log import security_event
from .registry import history_models

# A cascade deletes the dependants a moment before the object itself, in one transaction.
CASCADE_WINDOW = datetime.timedelta(seconds=10)


@transaction.atomic
def deactivate_user(user, *, by, request=None):
    """Deactivate `user`'s account and end all of their sessions at once, so a stolen
    session cannot come back if the account is reactivated. Logs who did it."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_user_sessions(user)
    security_event(
        "account_deactivated", request=request, user=by, target_user_id=user.pk, sessions=ended
    )
    return ended


def _m2m_fields(record):
    return list(getattr(record, "_history_m2m_fields", []))


def _set_m2m_from(record, instance):
    for field in _m2m_fields(record):
        target = f"{field.m2m_reverse_field_name()}_id"
        ids = [getattr(row, target) for row in getattr(record, field.name).all()]
        getattr(instance, field.name).set(ids)


def _save_version(record, *, by, reason):
    instance = record.instance
    # A restored version updates its row; a recovered deletion inserts it again.
    instance._state.adding = not type(instance)._default_manager.filter(pk=instance.pk).exists()
    instance.full_clean(validate_unique=True)
    if hasattr(instance, "updated_by_id"):
        instance.updated_by = by
    instance._change_reason = reason
    instance._history_user = by
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(_("It conflicts with the current data.")) from error
    return instance


@transaction.atomic
def restore_version(record, *, by):
    """Make the historical version `record` the current state of its object (its many-to-
    many links included). Writes a new history entry naming `by`. Raises ValidationError
    when the old version no longer fits the data (for example a duplicate), writing nothing."""
    reason = change_reasons.restored_version(record.history_id)
    instance = _save_version(record, by=by, reason=reason)
    if _m2m_fields(record):
        _set_m2m_from(record, instance)
    return instance


def _dependant_deletions(model, pk, deleted_at):
    """History records of objects deleted in the same cascade as (model, pk)."""
    for dependant in history_models().values():
        for field in dependant._meta.get_fields():
            if (
                getattr(field, "many_to_one", False)
                and field.related_model is model
                and field.remote_field.on_delete.__name__ == "CASCADE"
            ):
                existing = dependant._default_manager.values("pk")
                yield from dependant.history.filter(
                    history_type="-",
                    history_date__gte=deleted_at - CASCADE_WINDOW,
                    history_date__lte=deleted_at + datetime.timedelta(seconds=1),
                    **{field.attname: pk},
                ).exclude(id__in=existing)


def _restore_deleted(record, *, by):
    model = record.instance_type
    last_state = (
        model.history.filter(id=record.id)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    instance = _save_version(record, by=by, reason=change_reasons.RECOVERED)
    if last_state is not None and _m2m_fields(last_state):
        _set_m2m_from(last_state, instance)


def _deleted_with(record, collected):
    key = (record.instance_type, record.id)
    if key in collected:
        return
    collected[key] = record
    for dependant in _dependant_deletions(record.instance_type, record.id, record.history_date):
        _deleted_with(dependant, collected)


@transaction.atomic
def undelete_object(record, *, by):
    """Bring back the object deleted in `record` and everything its deletion cascaded to
    (an event's days, sessions, registrations and attendance). All or nothing; returns the
    number of objects restored."""
    if record.history_type != "-":
        raise ValidationError(_("This record is not deleted."))
    collected = {}
    _deleted_with(record, collected)
    # Parents before children: the registry lists the models in that order.
    order = list(history_models().values())
    for deleted in sorted(collected.values(), key=lambda r: order.index(r.instance_type)):
        _restore_deleted(deleted, by=by)
    return len(collected)
