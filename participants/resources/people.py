"""Participants (people with their registration) and the embassy roster (missions and diplomats)."""

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django_countries import countries
from import_export import fields, resources

from .. import transfer
from ..models import (
    AgeBand,
    Mission,
    MissionType,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    RegistrationRole,
    Scope,
)
from ..services import add_diplomat
from .base import (
    SpreadsheetResourceMixin,
    create_with_history,
    raise_row_errors,
    update_with_history,
)
from .organisations import (
    ORGANISATION_KIND_SYNONYMS,
    OrganisationIndex,
)
from .widgets import (
    BooleanWidget,
    ChoiceWidget,
    CountryWidget,
    EmailWidget,
    GenderWidget,
    TextWidget,
    cell_text,
    escape_formula,
    match_key,
)

PERSON_COLUMNS = {
    "given_name": gettext_noop("Given name"),
    "family_name": gettext_noop("Family name"),
    "gender": gettext_noop("Gender"),
    "position": gettext_noop("Position"),
    "organisation": gettext_noop("Organisation"),
    "organisation_kind": gettext_noop("Organisation kind"),
    "organisation_country": gettext_noop("Organisation country"),
    "email": gettext_noop("E-mail"),
    "phone": gettext_noop("Phone"),
    "age_band": gettext_noop("Age band"),
    "is_youth": gettext_noop("Youth"),
    "consent_to_contact": gettext_noop("Consents to be contacted"),
    "role": gettext_noop("Role"),
}
CONTACT_COLUMNS = (PERSON_COLUMNS["email"], PERSON_COLUMNS["phone"])

PERSON_ALIASES = {
    "first name": "Given name",
    "first_name": "Given name",
    "given": "Given name",
    "prénom": "Given name",
    "prenom": "Given name",
    "last name": "Family name",
    "surname": "Family name",
    "nom": "Family name",
    "sex": "Gender",
    "title": "Position",
    "organization": "Organisation",
    "organisation name": "Organisation",
    "email": "E-mail",
    "email address": "E-mail",
    "e-mail address": "E-mail",
    "mail": "E-mail",
    "telephone": "Phone",
    "phone number": "Phone",
    "mobile": "Phone",
    "age": "Age band",
    "consent": "Consents to be contacted",
}


class PersonIndex:
    """People by e-mail (case-insensitive) and by name within their organisation.

    Built from one team's people only: an import never matches anyone of another team.
    Namesakes in the same organisation without an e-mail (two "Dara Sok" of one CSO,
    anonymised people) are all kept, in the order given: each row of a file is matched
    to the first of them no earlier row took, so a list with both matches both.
    """

    def __init__(self, people=()):
        self.by_email = {}
        self.by_name = {}
        for person in people:
            self.add(person)

    @staticmethod
    def name_key(given_name, family_name, organisation):
        # The organisation by its name, as a file names it: a shared organisation and a
        # team's own one may be called the same (in another case), and a row naming it
        # still finds the person of either.
        organisation_name = match_key(organisation.name) if organisation else ""
        return (match_key(given_name), match_key(family_name), organisation_name)

    def add(self, person):
        if person.email:
            self.by_email.setdefault(person.email.casefold(), person)
        key = self.name_key(person.given_name, person.family_name, person.organisation)
        self.by_name.setdefault(key, []).append(person)

    def find(self, *, email, given_name, family_name, organisation, taken=()):
        """The person a row names; `taken` holds the `id()` of the people earlier rows
        matched, passed over for a namesake (and returned when there is none left, so the
        row is reported as a repeat)."""
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()]
        namesakes = [
            person
            for person in self.by_name.get(self.name_key(given_name, family_name, organisation), ())
            # A name match with another e-mail address is someone else with the same name.
            if not (email and person.email and person.email.casefold() != email.casefold())
        ]
        free = [person for person in namesakes if id(person) not in taken]
        return (free or namesakes or [None])[0]


def country_name(code):
    return str(countries.name(code)) if code else ""


def describe_new_organisation(organisation):
    """The preview's sentence for an organisation the import creates, naming its kind,
    scope and country ("... as National CSO (National), no country.")."""
    values = {
        "name": organisation.name,
        "kind": organisation.get_kind_display(),
        "scope": organisation.get_scope_display(),
    }
    if organisation.country:
        values["country"] = organisation.country.name
        return _("Creates organisation %(name)s as %(kind)s (%(scope)s), in %(country)s.") % values
    return _("Creates organisation %(name)s as %(kind)s (%(scope)s), no country.") % values


def same_name(organisation, other):
    """Whether two organisations are called the same: a row naming a person's current
    organisation keeps it, even when another one of that name (shared, or the team's
    own) is the one the name resolves to."""
    return (
        organisation is not None
        and other is not None
        and match_key(organisation.name) == match_key(other.name)
    )


class ParticipantResource(SpreadsheetResourceMixin, resources.ModelResource):
    """People, and with an `event` their registration and role at it.

    Unknown organisations named in the file are created, their kind and country from the
    optional "Organisation kind" and "Organisation country" columns (without them: "other",
    no country); an international NGO is international, any other kind national. The
    preview names each one with its kind, scope and country, so an international NGO does
    not pass as national unnoticed. Existing organisations are
    matched by name or acronym and keep their kind and country.
    """

    given_name = fields.Field(
        attribute="given_name",
        column_name=PERSON_COLUMNS["given_name"],
        widget=TextWidget(max_length=150, required=True),
    )
    family_name = fields.Field(
        attribute="family_name",
        column_name=PERSON_COLUMNS["family_name"],
        widget=TextWidget(max_length=150),
    )
    gender = fields.Field(
        attribute="gender", column_name=PERSON_COLUMNS["gender"], widget=GenderWidget()
    )
    position = fields.Field(
        attribute="position",
        column_name=PERSON_COLUMNS["position"],
        widget=TextWidget(max_length=255),
    )
    organisation = fields.Field(column_name=PERSON_COLUMNS["organisation"])
    organisation_kind = fields.Field(column_name=PERSON_COLUMNS["organisation_kind"])
    organisation_country = fields.Field(column_name=PERSON_COLUMNS["organisation_country"])
    email = fields.Field(
        attribute="email", column_name=PERSON_COLUMNS["email"], widget=EmailWidget(max_length=254)
    )
    phone = fields.Field(
        attribute="phone", column_name=PERSON_COLUMNS["phone"], widget=TextWidget(max_length=50)
    )
    age_band = fields.Field(
        attribute="age_band",
        column_name=PERSON_COLUMNS["age_band"],
        widget=ChoiceWidget(AgeBand, blank=""),
    )
    is_youth = fields.Field(
        attribute="is_youth", column_name=PERSON_COLUMNS["is_youth"], widget=BooleanWidget()
    )
    consent_to_contact = fields.Field(
        attribute="consent_to_contact",
        column_name=PERSON_COLUMNS["consent_to_contact"],
        widget=BooleanWidget(),
    )
    role = fields.Field(column_name=PERSON_COLUMNS["role"])

    field_aliases = PERSON_ALIASES
    required_columns = (PERSON_COLUMNS["given_name"],)
    extra_column_max_lengths = {
        PERSON_COLUMNS["organisation"]: Organisation._meta.get_field("name").max_length
    }
    organisation_kind_widget = ChoiceWidget(
        OrganisationKind, synonyms=ORGANISATION_KIND_SYNONYMS, blank=OrganisationKind.OTHER
    )
    organisation_country_widget = CountryWidget()
    role_widget = ChoiceWidget(RegistrationRole, blank=RegistrationRole.PARTICIPANT)

    class Meta:
        model = Person
        fields = tuple(PERSON_COLUMNS)
        import_id_fields = ()
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def __init__(self, *, team=None, event=None, with_contact_details=True, **kwargs):
        super().__init__(**kwargs)
        self.event = event
        # The team whose directory the rows go into (an event's team for its participants).
        self.team = team if team is not None or event is None else event.team
        if event is None:
            self.fields.pop("role", None)
        if not with_contact_details:
            self.fields.pop("email", None)
            self.fields.pop("phone", None)

    # Import ---------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        if self.team is None:
            raise ValueError(_("Choose the team whose directory these people go into."))
        self.organisations = OrganisationIndex.for_team(self.team)
        self.people = PersonIndex(
            Person.objects.of_team(self.team).select_related("organisation").order_by("pk")
        )
        self.registrations = {}
        if self.event is not None:
            self.registrations = {
                registration.person_id: registration
                for registration in Registration.objects.filter(event=self.event)
            }
        self.pending_roles = []
        self.claimed = {}
        self.row_organisation = {}
        self._create_missing_organisations(dataset)

    def _create_missing_organisations(self, dataset):
        """Create, in one query, the organisations the file names that do not exist yet."""
        column = PERSON_COLUMNS["organisation"]
        if column not in (dataset.headers or []):
            return
        kind_column = PERSON_COLUMNS["organisation_kind"]
        has_kind = kind_column in dataset.headers
        country_column = PERSON_COLUMNS["organisation_country"]
        has_country = country_column in dataset.headers
        new_organisations = {}
        for row in dataset.dict:
            name = cell_text(row[column])
            try:
                if not name or self.organisations.find(name) is not None:
                    continue
            except ValueError:
                continue
            key = match_key(name)
            if key in new_organisations:
                continue
            try:
                kind = self.organisation_kind_widget.clean(row[kind_column] if has_kind else None)
            except ValueError:
                kind = OrganisationKind.OTHER  # the row itself reports the bad kind
            try:
                country = self.organisation_country_widget.clean(
                    row[country_column] if has_country else None
                )
            except ValueError:
                country = ""  # the row itself reports the bad country
            new_organisations[key] = Organisation(
                team=self.team,
                name=" ".join(name.split())[:255],
                kind=kind,
                country=country,
                # The national share of a report counts by scope: an international NGO
                # named in a participant list must not count as national.
                scope=Scope.INTERNATIONAL
                if kind == OrganisationKind.INTERNATIONAL_NGO
                else Scope.NATIONAL,
            )
        if new_organisations:
            created = create_with_history(new_organisations.values(), user=self.import_user)
            for organisation in created:
                self.organisations.add(organisation)
            self.import_notes.append(
                ngettext(
                    "%(count)s new organisation: %(names)s.",
                    "%(count)s new organisations: %(names)s.",
                    len(created),
                )
                % {
                    "count": len(created),
                    "names": ", ".join(organisation.name for organisation in created[:20])
                    + (" …" if len(created) > 20 else ""),
                }
            )
            self.import_notes.extend(describe_new_organisation(o) for o in created[:20])

    def _row_organisation(self, row):
        column = PERSON_COLUMNS["organisation"]
        if column not in row:
            return None, None
        try:
            return self.organisations.find(cell_text(row[column])), None
        except ValueError as error:
            return None, str(error)

    def get_or_init_instance(self, instance_loader, row):
        organisation, _error = self._row_organisation(row)
        email_column = PERSON_COLUMNS["email"]
        email = cell_text(row.get(email_column)) if email_column in row else ""
        person = self.people.find(
            email=email,
            given_name=cell_text(row.get(PERSON_COLUMNS["given_name"])),
            family_name=cell_text(row.get(PERSON_COLUMNS["family_name"])),
            organisation=organisation,
            taken=self.claimed,
        )
        if person is not None:
            return person, False
        return Person(team=self.team), True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)

        organisation_column = PERSON_COLUMNS["organisation"]
        if organisation_column in row:
            organisation, error = self._row_organisation(row)
            if error:
                errors[organisation_column] = [error]
            elif not same_name(instance.organisation, organisation):
                instance.organisation = organisation
        kind_column = PERSON_COLUMNS["organisation_kind"]
        if kind_column in row:
            try:
                self.organisation_kind_widget.clean(row[kind_column])
            except ValueError as error:
                errors[kind_column] = [str(error)]
        country_column = PERSON_COLUMNS["organisation_country"]
        if country_column in row:
            try:
                self.organisation_country_widget.clean(row[country_column])
            except ValueError as error:
                errors[country_column] = [str(error)]
        self._row_role = None
        if self.event is not None:
            try:
                self._row_role = self.role_widget.clean(row.get(PERSON_COLUMNS["role"]))
                self.note_interpretation(
                    kwargs.get("row_number"),
                    PERSON_COLUMNS["role"],
                    row.get(PERSON_COLUMNS["role"]),
                    self.role_widget,
                    self._row_role,
                )
            except ValueError as error:
                errors[PERSON_COLUMNS["role"]] = [str(error)]

        previous_line = self.claimed.get(id(instance))
        line = self.line_of(kwargs["row_number"])
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same person is already on line %(line)s.") % {"line": previous_line}
            )
        else:
            self.claimed[id(instance)] = line
        if not errors and instance.pk is None:
            self.people.add(instance)
        raise_row_errors(errors)

    def has_other_changes(self, instance, row):
        if self.event is None:
            return False
        registration = self.registrations.get(instance.pk)
        return registration is None or registration.role != self._row_role

    def compared_attributes(self):
        return [*super().compared_attributes(), "organisation_id"]

    def get_bulk_update_fields(self):
        names = [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute and "__" not in field.attribute
        ]
        return [*names, "organisation", "updated_at"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_at = timezone.now()

    def after_save_instance(self, instance, row, **kwargs):
        if self.event is not None:
            self.pending_roles.append((instance, self._row_role))

    def after_import(self, dataset, result, **kwargs):
        """Create or update the registrations once every person has a primary key."""
        if self.event is None or not self.pending_roles:
            return
        new_registrations, changed_registrations = [], []
        for person, role in self.pending_roles:
            registration = self.registrations.get(person.pk)
            if registration is None:
                new_registrations.append(
                    Registration(
                        event=self.event, person=person, role=role, registered_by=self.user
                    )
                )
            elif registration.role != role:
                registration.role = role
                changed_registrations.append(registration)
        create_with_history(new_registrations, user=self.import_user, batch_size=1000)
        update_with_history(changed_registrations, ["role"], user=self.import_user, batch_size=1000)

    # Export ---------------------------------------------------------------------------

    # Columns read straight from the database for exports: (value path, renderer).
    def export_columns(self, prefix=""):
        def text(value):
            return "" if value is None else value

        choice = {
            "gender": self.fields["gender"].widget.render,
            "age_band": self.fields["age_band"].widget.render,
            "organisation_kind": self.organisation_kind_widget.render,
            "role": self.role_widget.render,
        }
        boolean = self.fields["is_youth"].widget.render
        paths = {
            "organisation": (f"{prefix}organisation__name", text),
            "organisation_kind": (f"{prefix}organisation__kind", choice["organisation_kind"]),
            "organisation_country": (f"{prefix}organisation__country", country_name),
            "role": ("role" if prefix else "event_role", choice["role"]),
            "gender": (f"{prefix}gender", choice["gender"]),
            "age_band": (f"{prefix}age_band", choice["age_band"]),
            "is_youth": (f"{prefix}is_youth", boolean),
            "consent_to_contact": (f"{prefix}consent_to_contact", boolean),
        }
        return [
            paths.get(name, (f"{prefix}{name}", text))
            for name in (self.get_field_name(field) for field in self.get_export_fields())
        ]

    def export(self, queryset=None, **kwargs):
        """Rows from `values_list`, not model instances: 20,000 people export in a second
        instead of several. Same columns and rendering as the field-by-field path."""
        if queryset is None:
            queryset = self.export_queryset()
        if not isinstance(queryset, QuerySet) or kwargs.get("export_fields"):
            return super().export(queryset=queryset, **kwargs)
        # An event's list is read from its registrations: one join, no subquery per row.
        columns = self.export_columns(prefix="person__" if queryset.model is Registration else "")
        dataset = tablib.Dataset(headers=self.get_export_headers())
        renderers = [renderer for _path, renderer in columns]
        escape = self.escape_formulae
        rows = queryset.values_list(*(path for path, _renderer in columns))
        for values in rows.iterator(chunk_size=2000):
            row = [render(value) for render, value in zip(renderers, values, strict=True)]
            dataset.append([escape_formula(value) for value in row] if escape else row)
        return dataset

    def dehydrate_organisation(self, person):
        return person.organisation.name if person.organisation else ""

    def dehydrate_organisation_kind(self, person):
        if person.organisation is None:
            return ""
        return self.organisation_kind_widget.render(person.organisation.kind)

    def dehydrate_organisation_country(self, person):
        return country_name(person.organisation.country.code if person.organisation else "")

    def dehydrate_role(self, person):
        registration = next(iter(person.registrations.filter(event=self.event)), None)
        return self.role_widget.render(registration.role if registration else "")

    def export_queryset(self):
        queryset = Person.objects.select_related("organisation")
        if self.event is None:
            return queryset if self.team is None else queryset.of_team(self.team)
        return Registration.objects.filter(event=self.event).order_by(
            "person__family_name", "person__given_name", "person__pk"
        )

    def row_summary(self, row):
        name = " ".join(
            cell_text(row.get(PERSON_COLUMNS[key])) for key in ("given_name", "family_name")
        ).strip()
        organisation = cell_text(row.get(PERSON_COLUMNS["organisation"]))
        return f"{name} · {organisation}" if organisation else name


# The embassy roster ----------------------------------------------------------------------

ROSTER_COLUMNS = {
    "mission": gettext_noop("Mission"),
    "state": gettext_noop("State"),
    "mission_type": gettext_noop("Mission type"),
    "city": gettext_noop("City"),
    "focal_point": gettext_noop("Focal point"),
}


class RosterResource(ParticipantResource):
    """Missions of recommending states and their diplomats, one diplomat per row.

    A row without a name updates (or creates) the mission alone, so a mission nobody from
    has been named yet still has its line in the roster.
    """

    mission = fields.Field(column_name=ROSTER_COLUMNS["mission"])
    state = fields.Field(column_name=ROSTER_COLUMNS["state"])
    mission_type = fields.Field(column_name=ROSTER_COLUMNS["mission_type"])
    city = fields.Field(column_name=ROSTER_COLUMNS["city"])
    focal_point = fields.Field(column_name=ROSTER_COLUMNS["focal_point"])

    field_aliases = {
        **PERSON_ALIASES,
        "embassy": ROSTER_COLUMNS["mission"],
        "country": ROSTER_COLUMNS["state"],
        "recommending state": ROSTER_COLUMNS["state"],
        "type": ROSTER_COLUMNS["mission_type"],
    }
    required_columns = (ROSTER_COLUMNS["mission"], ROSTER_COLUMNS["state"])
    state_widget = CountryWidget(required=True)
    mission_type_widget = ChoiceWidget(
        MissionType,
        synonyms={
            "permanent mission": MissionType.PERMANENT_MISSION,
            "non-resident": MissionType.NON_RESIDENT,
            "non resident": MissionType.NON_RESIDENT,
            "from abroad": MissionType.NON_RESIDENT,
        },
        blank=MissionType.EMBASSY,
    )
    city_widget = TextWidget(max_length=100)
    focal_point_widget = BooleanWidget()
    mission_name_widget = TextWidget(max_length=255, required=True)

    class Meta:
        model = Person
        fields = (
            "mission",
            "state",
            "mission_type",
            "city",
            "given_name",
            "family_name",
            "gender",
            "position",
            "email",
            "phone",
            "focal_point",
        )
        import_id_fields = ()
        use_bulk = False
        skip_diff = True

    def __init__(self, *, team=None, with_contact_details=True, **kwargs):
        super().__init__(team=team, event=None, with_contact_details=with_contact_details, **kwargs)
        for name in (
            "organisation",
            "organisation_kind",
            "organisation_country",
            "age_band",
            "is_youth",
        ):
            self.fields.pop(name, None)
        self.fields.pop("consent_to_contact", None)
        self.fields["given_name"].widget = TextWidget(max_length=150)

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        if self.team is None:
            raise ValueError(_("Choose the team whose directory these diplomats go into."))
        # Missions and their organisations are shared reference data; the diplomats are
        # the team's own people.
        # The team's own organisations are found too, to be refused as missions; a shared
        # organisation wins a name clash.
        self.organisations = OrganisationIndex(
            [*Organisation.objects.of_team(self.team), *Organisation.objects.shared()]
        )
        self.people = PersonIndex(
            Person.objects.of_team(self.team).select_related("organisation").order_by("pk")
        )
        self.missions = {mission.organisation_id: mission for mission in Mission.objects.all()}
        self.claimed = {}

    def _mission_organisation(self, row):
        try:
            return self.organisations.find(cell_text(row.get(ROSTER_COLUMNS["mission"])))
        except ValueError:
            return None

    def get_or_init_instance(self, instance_loader, row):
        organisation = self._mission_organisation(row)
        self._mission_only = not (
            cell_text(row.get(PERSON_COLUMNS["given_name"]))
            or cell_text(row.get(PERSON_COLUMNS["family_name"]))
        )
        if organisation is None or self._mission_only:
            return Person(team=self.team), True
        person = self.people.find(
            email=cell_text(row.get(PERSON_COLUMNS["email"])),
            given_name=cell_text(row.get(PERSON_COLUMNS["given_name"])),
            family_name=cell_text(row.get(PERSON_COLUMNS["family_name"])),
            organisation=organisation,
            taken=self.claimed,
        )
        if person is None:
            return Person(team=self.team), True
        return person, False

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        if not self._mission_only:
            try:
                SpreadsheetResourceMixin.import_instance(self, instance, row, **kwargs)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
            if not instance.given_name and PERSON_COLUMNS["given_name"] not in errors:
                errors[PERSON_COLUMNS["given_name"]] = [_("This column is required.")]
        self._mission_changed = False
        self._mission_created = False
        self._mission = None
        self._focal_point = False
        try:
            name = self.mission_name_widget.clean(row.get(ROSTER_COLUMNS["mission"]))
            organisation = self.organisations.find(name)
        except ValueError as error:
            errors[ROSTER_COLUMNS["mission"]] = [str(error)]
            raise_row_errors(errors)
        if organisation is None:
            organisation = Organisation(
                name=" ".join(name.split()), kind=OrganisationKind.DIPLOMATIC_MISSION
            )
        elif not organisation.is_diplomatic:
            errors[ROSTER_COLUMNS["mission"]] = [
                _("“%(name)s” is a %(kind)s, not a diplomatic mission.")
                % {"name": organisation.name, "kind": organisation.get_kind_display()}
            ]
        elif not organisation.is_shared:
            errors[ROSTER_COLUMNS["mission"]] = [
                _(
                    "“%(name)s” is an organisation of your team's directory; the roster's "
                    "missions are shared by every team. Rename it or ask an administrator."
                )
                % {"name": organisation.name}
            ]
        mission = self.missions.get(organisation.pk) if organisation.pk else None
        if mission is None:
            mission = Mission(organisation=organisation)
            self._mission_changed = True
        self._mission_created = mission.pk is None
        values = {}
        for column, attribute, widget in (
            (ROSTER_COLUMNS["state"], "state", self.state_widget),
            (ROSTER_COLUMNS["mission_type"], "mission_type", self.mission_type_widget),
            (ROSTER_COLUMNS["city"], "city", self.city_widget),
        ):
            if column not in row:
                continue
            try:
                values[attribute] = widget.clean(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
        for attribute, value in values.items():
            if str(getattr(mission, attribute) or "") != str(value or ""):
                setattr(mission, attribute, value)
                self._mission_changed = True
        if ROSTER_COLUMNS["focal_point"] in row and not self._mission_only:
            try:
                self._focal_point = self.focal_point_widget.clean(
                    row[ROSTER_COLUMNS["focal_point"]]
                )
            except ValueError as error:
                errors[ROSTER_COLUMNS["focal_point"]] = [str(error)]
        if not self._mission_only:
            previous_line = self.claimed.get(id(instance))
            if previous_line:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("The same person is already on line %(line)s.") % {"line": previous_line}
                )
            self.claimed[id(instance)] = self.line_of(kwargs["row_number"])
            if instance.organisation_id and instance.organisation_id != organisation.pk:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("This person belongs to %(name)s, not to this mission.")
                    % {"name": instance.organisation}
                )
            if bool(self._focal_point) != instance.is_focal_point:
                self._mission_changed = True
        self._mission = mission
        raise_row_errors(errors)

    def has_other_changes(self, instance, row):
        return self._mission_changed

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self._mission_only and not import_validation_errors:
            return not self._mission_changed
        return super().skip_row(instance, original, row, import_validation_errors)

    def compared_attributes(self):
        return SpreadsheetResourceMixin.compared_attributes(self)

    def save_instance(self, instance, is_create, row, **kwargs):
        mission = self._mission
        organisation = mission.organisation
        if organisation.pk is None:
            organisation.save()
            self.organisations.add(organisation)
            mission.organisation = organisation
        if mission.pk is None:
            mission.save()
            self.missions[organisation.pk] = mission
        if self._mission_only:
            mission.save()
            return
        is_new_person = instance.pk is None
        if not self._focal_point:
            instance.is_focal_point = False
        add_diplomat(mission, person=instance, make_focal_point=bool(self._focal_point))
        if is_new_person:
            self.people.add(instance)
        mission.save()

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        # A mission-only row is "new" only when it creates the mission.
        if (
            self._mission_only
            and self._mission is not None
            and not self._mission_created
            and row_result.import_type == row_result.IMPORT_TYPE_NEW
        ):
            row_result.import_type = row_result.IMPORT_TYPE_UPDATE

    # Export ---------------------------------------------------------------------------

    def export_rows(self):
        """Every mission with its diplomats; a mission without any gets one blank line."""
        missions = Mission.objects.select_related("organisation").order_by("organisation__name")
        people_by_organisation = {}
        diplomats = Person.objects.filter(
            organisation__in=[mission.organisation_id for mission in missions]
        )
        if self.team is not None:
            diplomats = diplomats.of_team(self.team)
        for person in diplomats.order_by("family_name", "given_name", "pk"):
            people_by_organisation.setdefault(person.organisation_id, []).append(person)
        for mission in missions:
            diplomats = people_by_organisation.get(mission.organisation_id) or [None]
            for person in diplomats:
                yield RosterLine(mission=mission, person=person)

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=list(self.export_rows()), **kwargs)

    def export_field(self, field, instance, **kwargs):
        name = self.get_field_name(field)
        mission = instance.mission
        person = instance.person
        if name == "mission":
            value = mission.organisation.name
        elif name == "state":
            value = str(mission.state.name) if mission.state else ""
        elif name == "mission_type":
            value = mission.get_mission_type_display()
        elif name == "city":
            value = mission.city
        elif name == "focal_point":
            value = "" if person is None else self.focal_point_widget.render(person.is_focal_point)
        elif person is None:
            value = ""
        else:
            value = field.export(person)
        return escape_formula(value) if self.escape_formulae else value

    def row_summary(self, row):
        person = " ".join(
            cell_text(row.get(PERSON_COLUMNS[key])) for key in ("given_name", "family_name")
        ).strip()
        mission = cell_text(row.get(ROSTER_COLUMNS["mission"]))
        return f"{mission} · {person}" if person else mission


class RosterLine:
    def __init__(self, *, mission, person):
        self.mission = mission
        self.person = person


transfer.register(
    transfer.TransferKind(
        key="participants",
        imported_into="participants:registration_list",
        label=gettext_lazy("Participants"),
        scope=transfer.EVENT,
        help_text=gettext_lazy(
            "People with their registration and role. Matched by e-mail, else by name "
            "and organisation; unknown organisations are created."
        ),
        make_resource=lambda *, team, event, with_contact_details: ParticipantResource(
            event=event, with_contact_details=with_contact_details
        ),
    )
)
transfer.register(
    transfer.TransferKind(
        key="roster",
        imported_into="participants:mission_list",
        label=gettext_lazy("Embassy roster"),
        scope=transfer.TEAM,
        help_text=gettext_lazy("Missions of recommending states and their diplomats."),
        make_resource=lambda *, team, event, with_contact_details: RosterResource(
            team=team, with_contact_details=with_contact_details
        ),
    )
)
