"""Unique values under concurrency: the database is the last word, the form the message.

Two identical submissions at once both pass the form's uniqueness check; the database
refuses the second insert. `save_unique` turns that refusal back into the model's own
validation error (the other row is visible by then), which `add_errors_to_form` shows on
the form, so the second user reads "already exists" instead of getting a server error.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction


def save_unique(instance, **save_kwargs):
    """Save `instance` in a savepoint. If the database refuses it, raise the
    ValidationError of the unique field or constraint it now breaks (or re-raise the
    database error when no model check explains it)."""
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError:
        instance.validate_unique()
        instance.validate_constraints()
        raise
    return instance


def add_errors_to_form(form, error):
    """Show a ValidationError on `form`: on its field where the form has one, else at the
    top of the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(None if field == NON_FIELD_ERRORS else target, message)
