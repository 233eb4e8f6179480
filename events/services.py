"""Actions on events and their programmes. Every function runs in one transaction."""

from django.db import transaction

from accounts.widgets import position_at_the_time


@transaction.atomic
def save_event(event_form, *, day_formset):
    """Save the event of the validated `event_form` (with its co-organisers) and its days
    from the validated `day_formset` (new, changed and deleted days). All or nothing."""
    event = event_form.save()
    day_formset.instance = event
    day_formset.save()
    return event


def _is_dropped(formset, form):
    return formset.can_delete and formset._should_delete_form(form)


def _is_blank_extra(form):
    return form.instance.pk is None and not form.has_changed()


@transaction.atomic
def save_programme_day(day, *, session_formset, role_formsets):
    """Save the validated programme of `day`: create, change and delete its sessions
    (with their themes and, for a Geneva series, missions present), and each kept
    session's roles. A role left without a position gets the person's position and
    organisation as they are today. All or nothing. Returns the day's sessions."""
    saved = []
    for form in session_formset.forms:
        if _is_dropped(session_formset, form):
            if form.instance.pk:
                form.instance.delete()
            continue
        if _is_blank_extra(form):
            continue
        form.instance.day = day
        session = form.save()
        saved.append(session)
        role_formset = role_formsets[form.prefix]
        for role_form in role_formset.forms:
            if _is_dropped(role_formset, role_form):
                if role_form.instance.pk:
                    role_form.instance.delete()
                continue
            if _is_blank_extra(role_form):
                continue
            role = role_form.save(commit=False)
            role.session = session
            if not role.position:
                role.position = position_at_the_time(role.person)
            role.save()
    return saved
