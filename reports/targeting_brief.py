"""The advocacy brief: one A4 page per theme for CSO speakers, listing the States to approach
(recommendations/selectors.py `states_to_approach`) before a review.

It lives here and not in recommendations/ because the PDF boundary (pdf.py: WeasyPrint with
the safe URL fetcher) belongs to this app, which sits above recommendations. Everything on
the page is escaped text from the database (State and mission names, the theme's name,
paragraph numbers): no Markdown, no HTML from users.
"""

import io

from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View
from pypdf import PdfReader

from accounts.scoping import TeamMixin
from recommendations.views.targeting import (
    TARGETING_PERMISSION,
    targeting_filename,
    targeting_for,
    targeting_form,
)

from .pdf import PdfRenderingError, RenderedPdf, html_to_pdf
from .views import pdf_failed, pdf_response

# As many States as fit one page with their missions; the rest are in the page's export.
# Long rows (two missions, many paragraphs) take more room: the brief then shows fewer.
BRIEF_STATES = 16
FEWEST_STATES = 4
# The first States' own words, for the speakers to quote back to them.
QUOTED_STATES = 3


def targeting_brief_html(targeting, *, team, states=BRIEF_STATES):
    shown = targeting.states[:states]
    return render_to_string(
        "recommendations/targeting_brief_document.html",
        {
            "team": team,
            "targeting": targeting,
            "states": shown,
            "quoted": shown[:QUOTED_STATES],
            "more_states": len(targeting.states) - len(shown),
            "made_on": timezone.localdate(),
        },
    )


def targeting_brief_pdf(targeting, *, team):
    """One page, always: if the States do not fit, fewer are shown (the rest are named by
    their number, and the page's export has them all). Whether n States fit only changes
    once as n grows, so the most that fit is found by halving, in a few renderings."""

    def render(states):
        return html_to_pdf(targeting_brief_html(targeting, team=team, states=states))

    content = render(BRIEF_STATES)
    if len(targeting.states) > FEWEST_STATES and _pages(content) > 1:
        fits, too_many = FEWEST_STATES, min(BRIEF_STATES, len(targeting.states))
        fitting = None
        while too_many - fits > 1:
            middle = (fits + too_many) // 2
            attempt = render(middle)
            if _pages(attempt) == 1:
                fits, fitting = middle, attempt
            else:
                too_many = middle
        content = fitting or render(FEWEST_STATES)
    return RenderedPdf(content=content, filename=targeting_filename(targeting, "pdf", kind="brief"))


def _pages(content):
    return len(PdfReader(io.BytesIO(content)).pages)


class TargetingBriefPdfView(TeamMixin, View):
    team_permission = TARGETING_PERMISSION

    def get(self, request, *args, **kwargs):
        back = reverse("recommendations:targeting", args=[self.team.slug])
        if request.GET:
            back = f"{back}?{request.GET.urlencode()}"
        targeting = targeting_for(self.team, targeting_form(self.team, request.GET))
        if targeting is None:
            # Back to the form, which says what is missing or wrong.
            return redirect(back)
        try:
            return pdf_response(targeting_brief_pdf(targeting, team=self.team))
        except PdfRenderingError:
            return pdf_failed(request, back=back)
