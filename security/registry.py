"""The models with audit history, as each app declares them.

An app lists its audited models in its AppConfig, with the lookup from each model to the
team that owns its rows::

    history_models = {"session": "day__event__team", "mission": None}

`None` marks shared reference data (no team: only superusers see its history). The models
are found through the app registry, so this app imports none of the apps it serves.
"""

import functools

from django.apps import apps


@functools.cache
def _declarations():
    """`{model: team lookup}` for every declared model, parents before the records that
    point to them (the order in which deleted records are brought back)."""
    declared = {}
    for app_config in apps.get_app_configs():
        for model_name, lookup in getattr(app_config, "history_models", {}).items():
            declared[app_config.get_model(model_name)] = lookup
    return {model: declared[model] for model in _parents_first(declared)}


def _parents_first(models):
    depth = {}

    def depth_of(model, seen=()):
        if model not in depth:
            parents = [
                field.related_model
                for field in model._meta.concrete_fields
                if field.many_to_one or field.one_to_one
                if field.related_model in models and field.related_model not in (model, *seen)
            ]
            depth[model] = 1 + max((depth_of(p, (*seen, model)) for p in parents), default=0)
        return depth[model]

    return sorted(models, key=lambda model: (depth_of(model), model._meta.label))


def history_models():
    """`{model_name: model}` of every model with history pages, parents first."""
    return {model._meta.model_name: model for model in _declarations()}


def team_lookup(model):
    """The lookup from `model` to its team (`"event__team"`), or None for shared data."""
    return _declarations()[model]


def history_permission(model):
    """The permission, checked on the owning team, to read and restore `model`'s history."""
    app_config = apps.get_app_config(model._meta.app_label)
    return getattr(app_config, "history_permission", "security.change_history")


def team_ids_of(model, rows):
    """The team id of each of `rows` (objects or historical records of `model`), in order.

    Follows the declared lookup one relation at a time, through the live row or, when it was
    deleted too, its last historical record: a few queries for the whole list, none per row.
    """
    lookup = team_lookup(model)
    if lookup is None:
        return [None] * len(rows)
    steps = lookup.split("__")
    ids = [_first_step_value(model, row, steps[0]) for row in rows]
    current = model
    for step, following in zip(steps, steps[1:], strict=False):
        current = current._meta.get_field(step).related_model
        field = current._meta.get_field(following)
        attname = field.attname if field.is_relation else field.name
        ids = _map_ids(current, ids, attname)
    return ids


def _first_step_value(model, row, step):
    field = model._meta.get_field(step)
    return getattr(row, field.attname if field.is_relation else field.name)


def _map_ids(model, ids, attname):
    """`ids` of `model` rows mapped to the value of `attname` of each row (live or deleted)."""
    wanted = {pk for pk in ids if pk is not None}
    values = dict(model._default_manager.filter(pk__in=wanted).values_list("pk", attname))
    missing = wanted - values.keys()
    if missing and hasattr(model, "history"):
        for pk, value in (
            model.history.filter(id__in=missing)
            .order_by("history_date", "history_id")
            .values_list("id", attname)
        ):
            values[pk] = value  # the latest record wins
    return [values.get(pk) for pk in ids]
