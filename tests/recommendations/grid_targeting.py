"""Permission-grid rows of advocacy targeting (tests/test_permission_grid.py): the "States
to approach" page, its exports and its brief are the team's, read by its organisers and
report administrators; CSO staff and other teams get a 404 (the team is not theirs)."""

from urllib.parse import urlencode

from django.urls import reverse

from tests.grid import Row

READERS = ("organiser_a", "report_admin_a", "superuser")


def _query(w):
    """The world's recommendation (Brazil's, on Cambodia) carries a theme of team A."""
    theme = w.team_a.themes.get(name="Rights of the child")
    w.recommendation.themes.add(theme)
    return urlencode({"state": "KH", "theme": theme.pk})


ROWS = [
    Row(
        "recommendations:targeting",
        lambda w: f"{reverse('recommendations:targeting', args=['team-a'])}?{_query(w)}",
        lambda w: "Brazil",
        ok=READERS,
    ),
    Row(
        "recommendations:targeting_export",
        lambda w: (
            f"{reverse('recommendations:targeting_export', args=['team-a', 'csv'])}?{_query(w)}"
        ),
        ok=READERS,
        content_type="text/csv",
    ),
    Row(
        "reports:targeting_brief",
        lambda w: f"{reverse('reports:targeting_brief', args=['team-a'])}?{_query(w)}",
        ok=READERS,
        content_type="application/pdf",
    ),
]
