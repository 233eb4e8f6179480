"""Pages of the call for speakers. Organiser pages are under the event
(`events.scoping.event_view`); the application form is for CSO staff of the team's
directory (see `cfp.rules`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from events.scoping import event_view
from participants.calendar_tokens import calendar_path
from participants.models import PublicConsent

from . import selectors, services
from .forms import AcceptForm, ApplicationForm, CallForm, ScoreForm, SpeakerFormSet
from .models import Application, ApplicationStatus, Call

MANAGE = "cfp.manage_call"
REVIEW = "cfp.review_applications"


def _call_of(event):
    try:
        return event.call
    except Call.DoesNotExist:
        raise Http404 from None


def _application_of(call, pk):
    """An application of `call`; another call's is a 404."""
    return get_object_or_404(
        Application.objects.of_call(call).prefetch_related("themes", "speakers"), pk=pk
    )


@event_view(MANAGE)
def call_edit(request, slug):
    event = request.event
    call = Call.objects.filter(event=event).first()
    if call is not None:
        initial = {
            "opens_at": timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "deadline": timezone.localtime(call.deadline).strftime("%Y-%m-%dT%H:%M"),
            "intro": call.intro,
            "questions": "\n".join(call.questions),
            "is_open": call.is_open,
        }
    else:
        initial = {"opens_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "is_open": True}
    form = CallForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_call(event, **form.cleaned_data)
        messages.success(request, _("The call for speakers is saved."))
        return redirect("cfp:call_edit", event.slug)
    return render(request, "cfp/call_form.html", {"event": event, "call": call, "form": form})


def _event_to_apply(user, slug):
    """The published event of `slug` when `user` may apply to speak at it; a 404 for anyone
    else (as if it did not exist), and for an event without a call."""
    event = get_object_or_404(Event.objects.published().select_related("team", "call"), slug=slug)
    if not user.has_perm("cfp.apply", event):
        raise Http404
    _call_of(event)
    return event


@login_required
def apply(request, slug):
    event = _event_to_apply(request.user, slug)
    call = event.call
    # An application sent just after the deadline comes back with what was typed and the
    # reason (submit_application refuses it), never a page that loses it.
    if request.method != "POST" and not call.accepts_applications():
        return render(request, "cfp/call_closed.html", {"event": event, "call": call})
    organisation = request.user.organisation
    initial = {"language": request.LANGUAGE_CODE, "contact_email": request.user.email}
    if organisation is not None:
        initial |= {
            "organisation_name": organisation.name,
            "organisation_scope": organisation.scope,
        }
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, call=call, initial=initial)
    speakers = SpeakerFormSet(data, prefix="speakers")
    if data is not None and form.is_valid() and speakers.is_valid():
        try:
            services.submit_application(
                call,
                values=form.application_values(),
                themes=form.cleaned_data["themes"],
                speakers=[s.cleaned_data for s in speakers if s.cleaned_data],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your application is sent to the organisers."))
            return redirect("cfp:open_calls")
    return render(
        request,
        "cfp/application_form.html",
        {"event": event, "call": call, "form": form, "speakers": speakers},
    )


@event_view(REVIEW)
def application_list(request, slug):
    event = request.event
    call = _call_of(event)
    applications = selectors.applications_for_review(call, request.user)
    return render(
        request,
        "cfp/application_list.html",
        {"event": event, "call": call, "applications": applications},
    )


@event_view(REVIEW)
def application_detail(request, slug, pk):
    event = request.event
    call = _call_of(event)
    application = _application_of(call, pk)
    mine = application.scores.filter(reviewer=request.user).first()
    initial = {"score": mine.score, "comment": mine.comment} if mine else None
    form = ScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.score_application(application, reviewer=request.user, **form.cleaned_data)
        messages.success(request, _("Your score is saved."))
        return redirect("cfp:application_detail", event.slug, application.pk)
    return render(
        request,
        "cfp/application_detail.html",
        {
            "event": event,
            "call": call,
            "application": application,
            "form": form,
            "scores": selectors.scores_visible_to(application, request.user),
            "has_scored": mine is not None,
            "accept_form": AcceptForm(event=event),
        },
    )


@event_view(REVIEW)
@require_POST
def application_accept(request, slug, pk):
    event = request.event
    application = _application_of(_call_of(event), pk)
    form = AcceptForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Choose a session of the programme for the speakers."))
        return redirect("cfp:application_detail", event.slug, application.pk)
    try:
        result = services.accept_application(
            application,
            session=form.cleaned_data["session"],
            by=request.user,
            calendar_link_for=lambda person: request.build_absolute_uri(
                calendar_path(person, event=event)
            ),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cfp:application_detail", event.slug, application.pk)
    if result.already_accepted:
        messages.info(request, _("This application was already accepted."))
    else:
        messages.success(
            request,
            _(
                "Accepted: the speakers are registered and on the programme, and the "
                "applicant is told by e-mail."
            ),
        )
        for difference in result.consent_differences:
            _tell_consent_difference(request, difference)
    return redirect("cfp:application_detail", event.slug, application.pk)


def _tell_consent_difference(request, difference):
    """Tell the organiser that a speaker already in the directory is shown less at the
    event, as the application asks, or keeps the consent they had, not the wider one the
    application asks for."""
    values = {
        "name": difference.person.full_name,
        "asked": PublicConsent(difference.asked).label,
        "kept": PublicConsent(difference.kept).label,
    }
    if difference.asks_less:
        text = _(
            '%(name)s was already in the directory, shown publicly as "%(kept)s": at this '
            'event they are now shown as the application asks, "%(asked)s", which shows '
            "less of them."
        )
    else:
        text = _(
            "%(name)s was already in the directory: at this event they stay shown as they "
            'chose, "%(kept)s", although the application asks for "%(asked)s". Change it '
            "on their registration only if they agree."
        )
    messages.warning(request, text % values)


@event_view(REVIEW)
@require_POST
def application_decline(request, slug, pk):
    event = request.event
    application = _application_of(_call_of(event), pk)
    if services.decline_application(application, by=request.user):
        messages.success(request, _("Declined: the applicant is told by e-mail."))
    else:
        messages.info(request, _("This application was already decided."))
    return redirect("cfp:application_detail", event.slug, application.pk)


def _ticked(request):
    ids = []
    for value in request.GET.getlist("application"):
        if value.isdigit():
            ids.append(int(value))
    return ids


@event_view(REVIEW)
def selection(request, slug):
    event = request.event
    call = _call_of(event)
    ticked = _ticked(request)
    if "application" not in request.GET:
        ticked = list(
            call.applications.filter(status=ApplicationStatus.ACCEPTED).values_list("pk", flat=True)
        )
    balance = selectors.selection_balance(call, ticked)
    context = {"event": event, "call": call, "balance": balance}
    if getattr(request, "htmx", False):
        return render(request, "cfp/_balance.html", context)
    context["applications"] = selectors.applications_for_review(call, request.user)
    context["ticked"] = set(ticked)
    return render(request, "cfp/selection.html", context)


@login_required
def open_calls(request):
    """The open calls for speakers CSO staff may answer: their directory team's events."""
    organisation = request.user.organisation
    calls = []
    if organisation is not None and organisation.team_id:
        now = timezone.now()
        calls = (
            Call.objects.filter(
                event__team_id=organisation.team_id,
                event__status="published",
                is_open=True,
                opens_at__lte=now,
                deadline__gte=now,
            )
            .select_related("event")
            .order_by("deadline")
        )
    return render(request, "cfp/call_list.html", {"calls": calls})
