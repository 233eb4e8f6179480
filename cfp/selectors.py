"""Reads of the call for speakers: the open call of an event, the balance of a selection,
and what a reviewer sees."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch
from django_countries import countries

from accounts.figures import percent
from events.models import EventStatus
from participants.models import Gender, Scope

from .models import Application, Call, ProposedSpeaker, Score


def open_call(event, now=None):
    """The call for speakers of `event` when it takes applications now (open, between its
    opening and its deadline) and the event is published; else None (1 query)."""
    if event.status != EventStatus.PUBLISHED:
        return None
    call = Call.objects.filter(event=event).first()
    if call is None or not call.accepts_applications(now):
        return None
    return call


@dataclass(frozen=True)
class StateBalance:
    code: str
    name: str
    applications: int
    speakers: int


@dataclass(frozen=True)
class Balance:
    """The balance of the applications ticked on the selection page.

    - `speakers`: the proposed speakers of the selected applications, each counted once per
      application; `women` of them have gender "woman"; `women_percent` is women / speakers,
      a whole percent rounded half up as in the report (None with no speaker). Speakers who
      prefer not to say, or whose gender is not recorded, count in the denominator: the
      figure is "share of women among the speakers", as the report states it.
    - `national` / `international`: selected applications by the scope the organisation gave.
    - `themes_covered`: the event's themes named by at least one selected application, in
      the event's theme order; `themes_uncovered`: the event's other themes.
    - `states`: for a Geneva series, applications and speakers per State under Review
      (applications without one are left out).
    - `speaking_minutes`: the sum of the speaking times given; None when none gave one.
    """

    applications: int
    speakers: int
    women: int
    men: int
    women_percent: int | None
    national: int
    international: int
    themes_covered: tuple
    themes_uncovered: tuple
    states: tuple
    speaking_minutes: int | None


def selection_balance(call, application_ids):
    """The `Balance` of the applications `application_ids` of `call` (ids of other calls
    are ignored). Three queries whatever the number of applications."""
    selected = list(
        Application.objects.of_call(call)
        .filter(pk__in=list(application_ids))
        .prefetch_related(
            Prefetch("speakers", queryset=ProposedSpeaker.objects.only("application_id", "gender")),
            "themes",
        )
    )
    event_themes = list(call.event.themes.order_by("order", "name"))
    genders = Counter(speaker.gender for app in selected for speaker in app.speakers.all())
    speakers = sum(genders.values())
    covered_ids = {theme.pk for app in selected for theme in app.themes.all()}
    scopes = Counter(app.organisation_scope for app in selected)
    states = {}
    if call.event.is_geneva:
        for app in selected:
            code = app.state_under_review.code if app.state_under_review else ""
            if code:
                apps, people = states.get(code, (0, 0))
                states[code] = (apps + 1, people + len(app.speakers.all()))
    minutes = [app.speaking_minutes for app in selected if app.speaking_minutes is not None]
    return Balance(
        applications=len(selected),
        speakers=speakers,
        women=genders[Gender.WOMAN],
        men=genders[Gender.MAN],
        women_percent=percent(genders[Gender.WOMAN], speakers) if speakers else None,
        national=scopes[Scope.NATIONAL],
        international=scopes[Scope.INTERNATIONAL],
        themes_covered=tuple(str(t) for t in event_themes if t.pk in covered_ids),
        themes_uncovered=tuple(str(t) for t in event_themes if t.pk not in covered_ids),
        states=tuple(
            StateBalance(code, countries.name(code), apps, people)
            for code, (apps, people) in sorted(states.items(), key=lambda i: countries.name(i[0]))
        ),
        speaking_minutes=sum(minutes) if minutes else None,
    )


def applications_for_review(call, reviewer):
    """The applications of `call` with their speakers and themes, each with
    `my_score` (the reviewer's Score or None) and, only when the reviewer has scored it,
    `score_count` and `score_average` of everyone's scores (None otherwise): reviewers
    do not see each other's scores before scoring. A fixed four queries."""
    applications = list(
        Application.objects.of_call(call)
        .annotate(n_scores=Count("scores"), avg_score=Avg("scores__score"))
        .prefetch_related("themes", "speakers")
    )
    mine = {
        score.application_id: score
        for score in Score.objects.filter(application__call=call, reviewer=reviewer)
    }
    for application in applications:
        application.my_score = mine.get(application.pk)
        visible = application.my_score is not None
        application.score_count = application.n_scores if visible else None
        application.score_average = application.avg_score if visible else None
    return applications


def scores_visible_to(application, reviewer):
    """Every score of `application` when `reviewer` has scored it; otherwise only none."""
    scores = list(application.scores.select_related("reviewer").order_by("scored_at"))
    if not any(score.reviewer_id == reviewer.pk for score in scores):
        return []
    return scores
