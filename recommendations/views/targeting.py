"""Advocacy targeting: the "States to approach" for a State under Review and a theme, on a
page (a GET form and the table) and as a CSV or XLSX export. The one-page PDF brief for CSO
speakers is made by reports/targeting_brief.py (the PDF boundary lives in reports, above
this app). All three read `selectors.states_to_approach`."""

from urllib.parse import urlencode

import tablib
from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.scoping import TeamMixin
from events.models import Theme
from participants import exporting
from participants.resources import escape_formula

from ..regions import RegionalGroup, regional_group
from ..selectors import states_to_approach, targeting_states

TARGETING_PERMISSION = "recommendations.view_targeting"
EXPORT_FORMATS = ("csv", "xlsx")


class TargetingForm(forms.Form):
    """What the list is for: read from the query string (a GET form)."""

    state = forms.ChoiceField(label=gettext_lazy("State under Review"))
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Theme"),
        queryset=Theme.objects.none(),
        empty_label=gettext_lazy("Pick a theme"),
    )
    group = forms.ChoiceField(
        label=gettext_lazy("Recommending States"),
        required=False,
        choices=[("", gettext_lazy("Every regional group")), *RegionalGroup.choices],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Pick a State"))] + [
            (country.code, country.name) for country in targeting_states(team)
        ]
        # Retired themes too: earlier cycles' recommendations still carry them.
        self.fields["theme"].queryset = Theme.objects.of_team(team).order_by("order", "name")

    def clean_state(self):
        return self.cleaned_data["state"].upper()


def targeting_form(team, query):
    """The form for `query` (a QueryDict): bound once a theme is asked for, so that a link
    naming only the State (from a review's page) opens the form with it chosen, errors
    unshown."""
    if "theme" in query:
        return TargetingForm(query, team=team)
    return TargetingForm(team=team, initial={"state": query.get("state", "").upper()})


def targeting_for(team, form):
    """The selector's answer for a valid form, else None."""
    if not form.is_bound or not form.is_valid():
        return None
    data = form.cleaned_data
    return states_to_approach(
        team, state=data["state"], theme=data["theme"], group=data["group"] or None
    )


def targeting_query(targeting, **changes):
    """The query string of a targeting list (links to its exports, its brief, its groups)."""
    params = {
        "state": targeting.state_under_review.code,
        "theme": targeting.theme.pk,
        "group": targeting.regional_group or "",
        **changes,
    }
    return urlencode({key: value for key, value in params.items() if value})


class TargetingView(TeamMixin, TemplateView):
    team_permission = TARGETING_PERMISSION
    template_name = "recommendations/targeting_list.html"

    @cached_property
    def form(self):
        return targeting_form(self.team, self.request.GET)

    def get_context_data(self, **kwargs):
        targeting = targeting_for(self.team, self.form)
        context = {"form": self.form, "targeting": targeting}
        if targeting is not None:
            query = targeting_query(targeting)
            own = regional_group(targeting.state_under_review.code)
            context.update(
                query=query,
                group_links=[
                    {
                        "label": _("Every regional group"),
                        "query": targeting_query(targeting, group=""),
                        "active": not targeting.regional_group,
                        "neighbours": False,
                    },
                    *(
                        {
                            "label": group.label,
                            "query": targeting_query(targeting, group=group.value),
                            "active": targeting.regional_group == group.value,
                            "neighbours": group.value == own,
                        }
                        for group in RegionalGroup
                    ),
                ],
            )
        return super().get_context_data(**context, **kwargs)


def targeting_dataset(targeting):
    """The list as a table, one row per State in priority order: the export's content.
    Every text cell is one a spreadsheet could run as a formula when typed by someone (a
    mission's name), so the CSV escapes them (`escape_formula`)."""
    dataset = tablib.Dataset(
        headers=[
            _("Rank"),
            _("Priority"),
            _("State"),
            _("Regional group"),
            _("Recommendations"),
            _("Recommendations by cycle"),
            _("Supported"),
            _("Noted"),
            _("Other responses"),
            *(_("Category %(number)s") % {"number": number} for number in range(1, 6)),
            _("No category"),
            _("Average category"),
            _("Specific and supported"),
            _("Paragraphs"),
            _("Missions"),
            _("Came to a pre-session"),
            _("Received a factsheet"),
            _("Received the theme's factsheet"),
            _("Recommendation to recall"),
            _("Its paragraph"),
        ],
        title=str(_("States to approach")),
    )
    for state in targeting.states:
        dataset.append(
            [
                state.rank,
                str(state.priority_label),
                state.country.name,
                str(state.regional_group_label),
                state.recommendations,
                "; ".join(
                    _("cycle %(cycle)s: %(count)s") % {"cycle": c.cycle, "count": c.count}
                    for c in state.by_cycle
                ),
                state.supported,
                state.noted,
                state.other_responses,
                *state.categories,
                state.uncategorised,
                state.average_category,
                state.specific_supported,
                "; ".join(
                    _("cycle %(cycle)s: %(paragraphs)s")
                    % {"cycle": c.cycle, "paragraphs": ", ".join(c.paragraphs)}
                    for c in state.by_cycle
                    if c.paragraphs
                ),
                "; ".join(mission.name for mission in state.missions),
                _("yes") if state.came else _("no"),
                _("yes") if state.received_factsheet else _("no"),
                _("yes") if state.received_theme_factsheet else _("no"),
                state.quoted.text,
                state.quoted.paragraph,
            ]
        )
    return dataset


def escaped(dataset):
    """A copy of `dataset` whose text cells a spreadsheet will not run as formulas."""
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([escape_formula(value) for value in row])
    return copy


def targeting_filename(targeting, suffix, *, kind="states to approach"):
    name = slugify(
        f"{targeting.state_under_review.code} {targeting.theme.name} "
        f"{targeting.regional_group or ''} {kind}"
    )
    return f"{name}.{suffix}"


class TargetingExportView(TeamMixin, View):
    team_permission = TARGETING_PERMISSION

    def get(self, request, *args, **kwargs):
        export_format = kwargs["fmt"]
        if export_format not in EXPORT_FORMATS:
            raise Http404
        form = targeting_form(self.team, request.GET)
        targeting = targeting_for(self.team, form)
        if targeting is None:
            # Back to the form, which says what is missing or wrong.
            url = reverse("recommendations:targeting", args=[self.team.slug])
            return redirect(f"{url}?{request.GET.urlencode()}")
        dataset = targeting_dataset(targeting)
        if export_format == "csv":
            dataset = escaped(dataset)
        content_type, _label = exporting.EXPORT_FORMATS[export_format]
        response = HttpResponse(
            exporting.render(dataset, export_format, title=str(_("States to approach"))),
            content_type=content_type,
        )
        filename = targeting_filename(targeting, export_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
