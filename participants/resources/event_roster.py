"""The embassy roster imported from inside an event: the diplomats it names are registered
to the event in the same step, instead of being imported a second time as participants."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services, transfer
from ..models import Mission, Person, Registration, RegistrationRole
from .people import RosterLine, RosterResource


class EventRosterResource(RosterResource):
    """`RosterResource`, and every diplomat of the file not yet registered to `event` is
    registered to it as a diplomat (through the registration service). Its export lists
    the event's registered diplomats, so re-importing it changes nothing."""

    def __init__(self, *, event, with_contact_details=True, **kwargs):
        super().__init__(team=event.team, with_contact_details=with_contact_details, **kwargs)
        self.register_event = event

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.registered = set(
            Registration.objects.filter(event=self.register_event).values_list(
                "person_id", flat=True
            )
        )

    def import_instance(self, instance, row, **kwargs):
        self._registers = False
        super().import_instance(instance, row, **kwargs)
        if self._mission_only or instance.pk in self.registered:
            return
        self._registers = True
        line = self.line_of(kwargs["row_number"])
        self.row_changes.setdefault(line, []).append(
            _("registers %(name)s to the event as a diplomat") % {"name": instance.full_name}
        )

    def has_other_changes(self, instance, row):
        return super().has_other_changes(instance, row) or self._registers

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        if self._registers and instance.pk not in self.registered:
            services.register_person(
                instance, event=self.register_event, role=RegistrationRole.DIPLOMAT, by=self.user
            )
            self.registered.add(instance.pk)

    def export_rows(self):
        """Every mission with the event's registered diplomats; a mission without any gets
        one blank line."""
        missions = Mission.objects.select_related("organisation").order_by("organisation__name")
        diplomats = Person.objects.of_team(self.team).filter(
            organisation__in=[mission.organisation_id for mission in missions],
            registrations__event=self.register_event,
        )
        people_by_organisation = {}
        for person in diplomats.order_by("family_name", "given_name", "pk"):
            people_by_organisation.setdefault(person.organisation_id, []).append(person)
        for mission in missions:
            for person in people_by_organisation.get(mission.organisation_id) or [None]:
                yield RosterLine(mission=mission, person=person)


transfer.register(
    transfer.TransferKind(
        key="event_roster",
        imported_into="participants:registration_list",
        label=gettext_lazy("Embassy roster, registered to this event"),
        scope=transfer.EVENT,
        help_text=gettext_lazy(
            "Missions of recommending states and their diplomats; each diplomat is also "
            "registered to this event as a diplomat."
        ),
        make_resource=lambda *, team, event, with_contact_details: EventRosterResource(
            event=event, with_contact_details=with_contact_details
        ),
    )
)
