"""Permissions on a team's directory and an event's participants (see accounts/rules.py).

Objects: a person or an organisation (through its `team_id`), an event (registrations,
attendance, imports into it), or a team (creating people and organisations, imports and
exports of the directory). Shared organisations (missions') have no team: every member of
any team may see them, only superusers change them.
"""

import rules

from accounts.rules import is_organiser, is_team_member, team_roles


@rules.predicate
def is_shared(user, obj):
    return getattr(obj, "team_id", False) is None


@rules.predicate
def has_a_team(user):
    return bool(team_roles(user))


# The directory: people and organisations.
rules.add_perm("participants.view_person", is_team_member)
rules.add_perm("participants.change_person", is_organiser)
rules.add_perm("participants.view_contact_details", is_organiser)
rules.add_perm("participants.manage_privacy", is_organiser)
rules.add_perm("participants.view_organisation", is_team_member | (is_shared & has_a_team))
rules.add_perm("participants.change_organisation", is_organiser)
rules.add_perm("participants.add_person", is_organiser)  # on a team or an event
rules.add_perm("participants.add_organisation", is_organiser)  # on a team
rules.add_perm("participants.view_mission", has_a_team)
rules.add_perm("participants.add_mission", is_organiser)  # on a team
rules.add_perm("participants.change_mission", is_organiser)  # on a team (missions are shared)

# An event's participants and the registration desk (checked on the event).
rules.add_perm("participants.view_registrations", is_team_member)
rules.add_perm("participants.manage_registrations", is_organiser)
rules.add_perm("participants.view_attendance", is_team_member)
rules.add_perm("participants.record_attendance", is_organiser)

# Spreadsheets in and out (on a team, or on an event).
rules.add_perm("participants.import_data", is_organiser)
rules.add_perm("participants.export_data", is_team_member)
