"""Permissions on an event's activity report and printouts (checked on the event)."""

import rules

from accounts.rules import is_organiser, is_report_administrator, is_team_member

rules.add_perm("reports.view_report", is_team_member)
rules.add_perm("reports.change_report", is_organiser | is_report_administrator)
rules.add_perm("reports.export_report", is_organiser | is_report_administrator)
rules.add_perm("reports.print_documents", is_organiser | is_report_administrator)
