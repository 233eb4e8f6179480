"""The behaviour every spreadsheet resource shares: headers, row errors, skipping unchanged rows."""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, DataError, IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from security import change_reasons

from .widgets import BooleanWidget, cell_text, escape_formula, normalise_header, quoted_cell

logger = logging.getLogger(__name__)

IMPORT_REASON = change_reasons.IMPORT


class SpreadsheetResourceMixin:
    """What every resource of the app adds to django-import-export.

    Subclasses declare `field_aliases` (header variants) and `required_columns`, and may set
    `ignored_columns`: columns their export writes for reading only.

    Column names are English msgids (marked with `gettext_noop` where declared) and stay the
    keys of a row inside the app. What people read is their label, the msgid translated:
    exports write the labels in the user's language, and an import accepts the header of
    each declared column in any of the app's languages, whatever the user's own. Columns
    added per event (a day's date, a session) are the event's own words and stay as they are.
    """

    field_aliases = {}
    required_columns = ()
    ignored_columns = ()
    # Set by the export views: CSV and XLSX get formula escaping, JSON keeps exact values.
    escape_formulae = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.import_notes = []
        # (line, column, cell, stored label) for every cell read as something else.
        self.interpretations = []
        # What a row does beyond its own record, by line, for the preview (attendance).
        self.row_changes = {}
        self.line_numbers = None
        self._snapshot = None
        self.import_user = None
        # Called with the number of rows read so far, when a job runs the import.
        self.progress = None

    # Headers --------------------------------------------------------------------------

    def import_columns(self):
        return [field.column_name for field in self.get_import_fields()]

    def translated_columns(self):
        """The column names that are msgids: those declared on the class, not per event."""
        declared = {field.column_name for field in type(self).fields.values()}
        return declared | set(self.ignored_columns)

    def column_label(self, column):
        """`column` as the user reads it: translated into the active language."""
        if column in self.translated_columns():
            return _(column)
        return column

    def column_labels(self, columns):
        return [self.column_label(column) for column in columns]

    def expected_columns_text(self):
        required = set(self.required_columns)
        return ", ".join(
            _("%(column)s (required)") % {"column": self.column_label(column)}
            if column in required
            else self.column_label(column)
            for column in self.import_columns()
        )

    def header_lookup(self):
        """{normalised header: column name}: each column's name, its label in every language
        of the app, and the usual English variants (`field_aliases`). A label that another
        column bears in English keeps meaning that column."""
        lookup = {}
        columns = [*self.import_columns(), *self.ignored_columns]
        translated = self.translated_columns()
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for column in columns:
                    if column in translated:
                        lookup.setdefault(normalise_header(_(column)), column)
        for column in columns:
            lookup[normalise_header(column)] = column
        for alias, column in self.field_aliases.items():
            lookup[normalise_header(alias)] = column
        return lookup

    def canonical_headers(self, header_row):
        """Map the file's headers to this resource's column names, or refuse the file."""
        from ..importing import ImportFileError

        lookup = self.header_lookup()

        headers, unknown, seen = [], [], set()
        for position, header in enumerate(header_row, start=1):
            text = cell_text(header)
            if not text or text.startswith("__blank_"):
                headers.append(text or f"__blank_{position}")
                continue
            column = lookup.get(normalise_header(text))
            if column is None:
                unknown.append(text)
                continue
            if column in seen:
                raise ImportFileError(
                    _("The column “%(column)s” appears twice.")
                    % {"column": self.column_label(column)}
                )
            seen.add(column)
            headers.append(column)
        missing = [column for column in self.required_columns if column not in seen]
        if unknown or missing:
            problems = []
            if missing:
                problems.append(
                    _("Missing columns: %(columns)s.")
                    % {"columns": ", ".join(self.column_labels(missing))}
                )
            if unknown:
                problems.append(
                    _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}
                )
            raise ImportFileError(
                " ".join(problems)
                + " "
                + _("Expected columns: %(columns)s.") % {"columns": self.expected_columns_text()}
            )
        return headers

    def canonicalise_dataset(self, dataset):
        """Give an admin upload the same header handling as the import page."""
        if dataset.headers:
            dataset.headers = self.canonical_headers(dataset.headers)

    def import_data(self, dataset, *args, **kwargs):
        from ..importing import ImportFileError

        self.import_user = kwargs.get("user")  # named in the history of the rows written
        try:
            self.canonicalise_dataset(dataset)
        except ImportFileError as error:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(self.get_error_result_class()(ValueError(error.message)))
            return result
        return super().import_data(dataset, *args, **kwargs)

    # Limits of columns whose widget does not know them (an organisation given by name).
    extra_column_max_lengths = {}

    def column_max_lengths(self):
        """Most characters each column may hold, by column name."""
        limits = dict(self.extra_column_max_lengths)
        for field in self.get_import_fields():
            max_length = getattr(field.widget, "max_length", None)
            if max_length:
                limits[field.column_name] = max_length
        return limits

    def column_for_attribute(self, attribute):
        for field in self.fields.values():
            if attribute in (field.attribute, field.column_name):
                return field.column_name
        return attribute

    def line_of(self, row_number):
        if self.line_numbers:
            return self.line_numbers[row_number - 1]
        return row_number + 1

    def describe_error(self, error):
        """The organiser's words for `error`; never the database's own message, which
        names tables and constraints and may quote other teams' values."""
        if isinstance(error, ValidationError):
            return " ".join(error.messages)
        if isinstance(error, DatabaseError):
            # The database's own text names tables and constraints: it goes to the log only.
            logger.warning("Import row refused by the database: %s", error)
            return describe_database_error(error)
        return str(error) or error.__class__.__name__

    # Writing with audit history ---------------------------------------------------------
    # The library writes rows in bulk, which skips django-simple-history's signals: these
    # write the history rows too, naming the importing user, as a form's save would.

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                create_with_history(
                    self.create_instances, user=self.import_user, batch_size=batch_size
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                update_with_history(
                    self.update_instances,
                    self.get_bulk_update_fields(),
                    user=self.import_user,
                    batch_size=batch_size,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.progress is not None:
            self.progress(kwargs["row_number"])

    def row_summary(self, row):
        texts = [cell_text(value) for value in list(row.values())[:3]]
        return " · ".join(text for text in texts if text)

    # Skipping unchanged rows without the library's per-row deepcopy and diff -------------

    def get_import_fields(self):
        # Asked for several times per row by the library; the answer never changes.
        cached = self.__dict__.get("_import_fields")
        if cached is None:
            cached = self.__dict__["_import_fields"] = super().get_import_fields()
        return cached

    def import_instance(self, instance, row, **kwargs):
        """The library's import_instance without its per-cell indirections: each column's
        widget cleans the cell, errors are collected per column."""
        setters = self.__dict__.get("_setters")
        if setters is None:
            setters = self.__dict__["_setters"] = [
                (field.column_name, field.attribute, field.widget, field.readonly)
                for field in self.get_import_fields()
                if field.attribute and "__" not in field.attribute
            ]
        errors = {}
        for column, attribute, widget, readonly in setters:
            if readonly or column not in row:
                continue
            try:
                value = widget.clean(row[column], row=row)
            except ValueError as error:
                errors[attribute] = ValidationError(str(error), code="invalid")
                continue
            if value is not None:
                setattr(instance, attribute, value)
                self.note_interpretation(
                    kwargs.get("row_number"), column, row[column], widget, value
                )
        if errors:
            raise ValidationError(errors)

    def note_interpretation(self, row_number, column, cell, widget, value):
        """Remember that `cell` of `column` was read as another value, for the preview."""
        interpretation = getattr(widget, "interpretation", None)
        label = interpretation(cell, value) if interpretation else None
        if label is not None and row_number is not None:
            self.interpretations.append((self.line_of(row_number), column, cell_text(cell), label))

    def snapshot(self, instance):
        attributes = self.__dict__.get("_compared")
        if attributes is None:
            attributes = self.__dict__["_compared"] = self.compared_attributes()
        return tuple(getattr(instance, name) for name in attributes)

    def compared_attributes(self):
        return [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute and "__" not in field.attribute
        ]

    def after_init_instance(self, instance, new, row, **kwargs):
        self._snapshot = None if new else self.snapshot(instance)

    def has_other_changes(self, instance, row):
        """Changes outside the row's own model (a registration, attendance...)."""
        return False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self._snapshot is None:
            return False
        return self.snapshot(instance) == self._snapshot and not self.has_other_changes(
            instance, row
        )

    # Export ---------------------------------------------------------------------------

    def get_export_headers(self, selected_fields=None):
        # The labels in the user's language: the file reads as the import page does, and
        # imports back whatever language its next reader uses.
        return self.column_labels(super().get_export_headers(selected_fields))

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if self.escape_formulae else value

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The library looks up each field's dehydrate method for every cell; resolve the
        # getters once per export instead (20,000 rows x 12 columns adds up).
        if selected_fields or type(self).export_field is not SpreadsheetResourceMixin.export_field:
            return super().export_resource(instance, selected_fields, **kwargs)
        getters = getattr(self, "_export_getters", None)
        if getters is None:
            getters = self._export_getters = [
                self._getter(field) for field in self.get_export_fields()
            ]
        escape = self.escape_formulae
        values = [getter(instance) for getter in getters]
        return [escape_formula(value) for value in values] if escape else values

    def _getter(self, field):
        method = getattr(self, field.get_dehydrate_method(self.get_field_name(field)), None)
        if callable(method):
            return method
        return field.export


class MarkColumnsMixin:
    """Resources with one yes/no column per day or session (attendance sheets).

    Subclasses fill `self.present` ({(instance pk, column object pk)}) and `self.claimed`
    ({row key: line}) before rows are read, and set `self._changes` to ([], []) per row.
    A row's marks are compared with `present`: what they add and remove is saved by the
    subclass's `save_marks` from `to_add` / `to_remove`.
    """

    mark_widget = BooleanWidget()

    def claim_line(self, key, row_number, errors, message):
        """Refuse a second row for the same record: `message` names the first line."""
        previous_line = self.claimed.get(key)
        if previous_line:
            errors[NON_FIELD_ERRORS] = [message % {"line": previous_line}]
        self.claimed[key] = self.line_of(row_number)

    def read_marks(self, instance, row, columns, errors):
        """Compare the row's mark under each (column, object) with what is stored."""
        added, removed = self._changes
        for column, target in columns:
            if column not in row:
                continue
            try:
                present = self.mark_widget.clean(row[column])
            except ValueError:
                errors[column] = [
                    _("“%(value)s” is not a mark: write yes, x or 1, or leave empty.")
                    % {"value": quoted_cell(row[column])}
                ]
                continue
            was_present = (instance.pk, target.pk) in self.present
            if present and not was_present:
                added.append(target)
            elif was_present and not present:
                removed.append(target)

    def compared_attributes(self):
        return []

    def has_other_changes(self, instance, row):
        return bool(self._changes[0] or self._changes[1])

    def save_instance(self, instance, is_create, row, **kwargs):
        added, removed = self._changes
        self.to_add.extend((instance, target) for target in added)
        self.to_remove.extend((instance, target) for target in removed)


def raise_row_errors(errors):
    if errors:
        raise ValidationError(errors)


# What a database error means for the organiser, by the constraint it names.
CONSTRAINT_MESSAGES = {
    "organisation_name_unique_ci": _lazy(
        "This value conflicts with an existing record (an organisation with this name "
        "already exists)."
    ),
    "person_email_unique_ci_per_team": _lazy(
        "This value conflicts with an existing record (a person with this e-mail address "
        "already exists)."
    ),
    "registration_one_per_person_per_event": _lazy(
        "This value conflicts with an existing record (this person is already registered "
        "for this event)."
    ),
    "attendance_one_per_registration_per_day": _lazy(
        "This value conflicts with an existing record (this person is already checked in "
        "on this day)."
    ),
}


def describe_database_error(error):
    text = str(error)
    if isinstance(error, IntegrityError):
        for constraint, message in CONSTRAINT_MESSAGES.items():
            if constraint in text:
                return str(message)
        return _("This value conflicts with an existing record.")
    if isinstance(error, DataError):
        return _("A value is too long or not valid for its column.")
    return _("The database could not store this row.")


def create_with_history(instances, *, user, batch_size=None):
    """`bulk_create` that also writes each new row's history record (by `user`)."""
    instances = list(instances)
    if not instances:
        return []
    model = type(instances[0])
    created = model.objects.bulk_create(instances, batch_size=batch_size)
    if hasattr(model, "history"):
        write_history(created, history_type="+", user=user, batch_size=batch_size)
    return created


def update_with_history(instances, fields, *, user, batch_size=None):
    """`bulk_update` that also writes each changed row's history record (by `user`)."""
    instances = list(instances)
    if not instances:
        return
    model = type(instances[0])
    model.objects.bulk_update(instances, fields, batch_size=batch_size)
    if hasattr(model, "history"):
        write_history(instances, history_type="~", user=user, batch_size=batch_size)


def write_history(instances, *, history_type, user, batch_size=None):
    """Write one history record per saved instance, by `user`, with the import as reason
    and one date for the whole batch, in one INSERT per batch.

    django-simple-history's own bulk helper builds each record from keyword arguments and
    asks the clock once per row; building them positionally, in the order of the history
    table's columns, takes a third of the time. Side effects: history rows inserted.
    """
    if not instances or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = type(instances[0]).history.model
    common = {
        "history_id": None,
        "history_date": timezone.now(),
        "history_change_reason": IMPORT_REASON,
        "history_type": history_type,
        "history_user_id": user.pk if user is not None else None,
    }
    tracked = [field.attname for field in historical.tracked_fields]
    columns = historical._meta.concrete_fields
    records = []
    for instance in instances:
        values = {**common, **{name: getattr(instance, name) for name in tracked}}
        records.append(
            historical(
                *[
                    values[field.attname] if field.attname in values else field.get_default()
                    for field in columns
                ]
            )
        )
    historical.objects.bulk_create(records, batch_size=batch_size)
