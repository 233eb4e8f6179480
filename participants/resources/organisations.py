"""Organisations, matched by name ignoring case and spaces, or by acronym."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from import_export import fields, resources

from .. import transfer
from ..models import (
    Organisation,
    OrganisationKind,
    Scope,
)
from .base import SpreadsheetResourceMixin, raise_row_errors
from .widgets import ChoiceWidget, CountryWidget, TextWidget, cell_text, match_key

# Organisations ---------------------------------------------------------------------------


class OrganisationIndex:
    """The given organisations, by name ignoring case and spaces, and by acronym.

    Built from what a team may match (`for_team`): an import never finds another team's
    organisation.
    """

    def __init__(self, organisations=()):
        self.by_name = {}
        self.by_acronym = {}
        for organisation in organisations:
            self.add(organisation)

    @classmethod
    def for_team(cls, team):
        """The team's organisations and the shared ones; a team's own wins a name clash."""
        return cls([*Organisation.objects.shared(), *Organisation.objects.of_team(team)])

    def add(self, organisation):
        self.by_name[match_key(organisation.name)] = organisation
        if organisation.acronym:
            self.by_acronym.setdefault(match_key(organisation.acronym), []).append(organisation)

    def find(self, text):
        """The organisation called or abbreviated `text`; raises ValueError if ambiguous."""
        key = match_key(text)
        if not key:
            return None
        if key in self.by_name:
            return self.by_name[key]
        matches = self.by_acronym.get(key, [])
        if len(matches) > 1:
            raise ValueError(
                _(
                    "“%(value)s” is the acronym of several organisations: %(names)s. "
                    "Use the full name."
                )
                % {"value": text, "names": "; ".join(o.name for o in matches)}
            )
        return matches[0] if matches else None


ORGANISATION_KIND_SYNONYMS = {
    "cso": OrganisationKind.NATIONAL_CSO,
    "ngo": OrganisationKind.NATIONAL_CSO,
    "national ngo": OrganisationKind.NATIONAL_CSO,
    "youth": OrganisationKind.YOUTH_GROUP,
    "ingo": OrganisationKind.INTERNATIONAL_NGO,
    "un": OrganisationKind.UN_AGENCY,
    "embassy": OrganisationKind.DIPLOMATIC_MISSION,
    "mission": OrganisationKind.DIPLOMATIC_MISSION,
    "igo": OrganisationKind.INTERGOVERNMENTAL,
}


class OrganisationResource(SpreadsheetResourceMixin, resources.ModelResource):
    name = fields.Field(
        attribute="name",
        column_name=gettext_noop("Name"),
        widget=TextWidget(max_length=255, required=True),
    )
    acronym = fields.Field(
        attribute="acronym", column_name=gettext_noop("Acronym"), widget=TextWidget(max_length=50)
    )
    kind = fields.Field(
        attribute="kind",
        column_name=gettext_noop("Kind"),
        widget=ChoiceWidget(
            OrganisationKind, synonyms=ORGANISATION_KIND_SYNONYMS, blank=OrganisationKind.OTHER
        ),
    )
    country = fields.Field(
        attribute="country", column_name=gettext_noop("Country"), widget=CountryWidget()
    )
    scope = fields.Field(
        attribute="scope",
        column_name=gettext_noop("National or international"),
        widget=ChoiceWidget(Scope, blank=Scope.NATIONAL),
    )

    field_aliases = {"organisation": "Name", "organisation name": "Name", "type": "Kind"}
    required_columns = ("Name",)

    class Meta:
        model = Organisation
        fields = ("name", "acronym", "kind", "country", "scope")
        import_id_fields = ("name",)
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def __init__(self, *, team=None, **kwargs):
        super().__init__(**kwargs)
        # No team (the Django admin): the shared organisations, those of missions.
        self.team = team

    def organisations(self):
        if self.team is None:
            return Organisation.objects.shared()
        return Organisation.objects.of_team(self.team)

    def before_import(self, dataset, **kwargs):
        # Only the team's own organisations: an import never updates shared reference data
        # or another team's directory.
        self.index = OrganisationIndex(self.organisations())
        self.claimed = {}

    def get_or_init_instance(self, instance_loader, row):
        name = cell_text(row.get("Name"))
        organisation = self.index.by_name.get(match_key(name))
        if organisation is None and cell_text(row.get("Acronym")):
            # A renamed organisation is still recognised by its unchanged acronym.
            matches = self.index.by_acronym.get(match_key(row.get("Acronym")), [])
            organisation = matches[0] if len(matches) == 1 else None
        if organisation is not None:
            return organisation, False
        organisation = Organisation(team=self.team)
        return organisation, True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        previous_line = self.claimed.get(id(instance))
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same organisation is already on line %(line)s.") % {"line": previous_line}
            )
        self.claimed[id(instance)] = self.line_of(kwargs["row_number"])
        if not errors and not instance.pk:
            self.index.add(instance)
        raise_row_errors(errors)

    def get_bulk_update_fields(self):
        return ["name", "acronym", "kind", "country", "scope", "updated_at"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_at = timezone.now()

    def export_queryset(self):
        return self.organisations()


# Participants ----------------------------------------------------------------------------

transfer.register(
    transfer.TransferKind(
        key="organisations",
        label=gettext_lazy("Organisations"),
        scope=transfer.TEAM,
        help_text=gettext_lazy("Matched by name (any case) or acronym."),
        make_resource=lambda *, team, event, with_contact_details: OrganisationResource(team=team),
    )
)
