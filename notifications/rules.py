"""Who reads the e-mail log (see accounts/rules.py).

Organisers only, as the contact details of participants (`participants.view_contact_details`):
the log lists recipients' addresses and what they were sent. Report administrators read the
event's figures and narrative; whom the team e-mailed is not part of that.
"""

import rules

from accounts.rules import is_organiser

rules.add_perm("notifications.view_email_log", is_organiser)
