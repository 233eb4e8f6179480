"""Permission grid rows of a person's own calendar (tests/test_permission_grid.py): the
signed address answers the same to everyone who has it, signed in or not. A bad token, or
one of another event, is a 404 for everyone: tests/public/test_person_calendar.py."""

from participants.calendar_tokens import calendar_path
from tests.grid import Row

ROWS = [
    Row(
        "public:person_calendar",
        lambda w: calendar_path(w.person, event=w.event),
        public=True,
        statuses={"no_role": 200},
        content_type="text/calendar",
    ),
]
