"""The public site: pages anyone may open, without an account, for each published event.

Scoping: the team comes from the URL, the event from the team's published events (a draft
event, or another team's, is a 404). What a page shows of people goes through
`participants.public`, the one answer to "how may this person be shown publicly at this
event". Every page is cached, keyed on a digest of everything it shows (the report's
fingerprint covers the event, its programme, people, registrations and factsheets, consent
included), so an edit, a consent change above all, is shown at once.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.views import View
from django_countries.fields import Country

from accounts.models import Team
from cfp.selectors import open_call
from events.models import Event, Session
from factsheets.models import Factsheet, FactsheetFile
from factsheets.views import stored_file_response
from participants import registration_requests
from participants.calendar_tokens import read_calendar_token
from participants.models import Person
from participants.public import person_programme, public_programme
from reports.pdf import html_to_pdf
from reports.selectors import event_place, report_fingerprint
from security.client_ip import client_ip

from . import calendar
from .forms import SelfRegistrationForm

# How long a cached page may live at most; any change shown on it changes its key anyway.
CACHE_SECONDS = 10 * 60


def _language_from(request):
    """The language asked for with `?lang=` (a link of the language menu), if the site has
    it; else the one the locale middleware chose. A query parameter, not a cookie or a form,
    so that a cached page needs no CSRF token."""
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return translation.get_language()


def _autonym(code, name):
    """The language's name in itself ("English", "Français", "ខ្មែរ"), from the catalogues:
    Django's own `name_local` for Khmer is "Khmer"."""
    with translation.override(code):
        return str(name)


@lru_cache(maxsize=1)
def _layout_signature():
    """A digest of the public templates and stylesheets, read once per process, so a shared
    cache never serves a page laid out (or linking static files) by a previous release."""
    digest = hashlib.sha256()
    folder = Path(get_template("public/base.html").origin.name).parent
    for path in sorted(folder.glob("*.html")):
        digest.update(path.read_bytes())
    for stylesheet in ("css/public.css", "css/printouts.css"):
        found = finders.find(stylesheet)
        if found:
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()


def _cached(key_parts, build):
    """`build()`'s `(content, content_type)`, from the cache when the key matches."""
    key_parts = (*key_parts, _layout_signature())
    key = "public:" + hashlib.sha256(repr(key_parts).encode("utf-8")).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


class PublicMixin:
    """The team from the URL; the language from `?lang=`; nothing about the visitor."""

    page_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.scope(kwargs)
        self.language = _language_from(request)
        with translation.override(self.language):
            return super().dispatch(request, *args, **kwargs)

    def scope(self, kwargs):
        self.team = get_object_or_404(Team, slug=kwargs["team"])

    def base_context(self):
        return {
            "team": self.team,
            "language": self.language,
            "languages": [(code, _autonym(code, name)) for code, name in settings.LANGUAGES],
            "page_name": self.page_name,
        }

    def team_key(self):
        return (self.team.pk, self.team.name, self.team.contact_email, self.language)

    def html(self, template_name, context_builder, *key_parts):
        def build():
            context = {**self.base_context(), **context_builder()}
            return render_to_string(template_name, context), "text/html; charset=utf-8"

        content, content_type = _cached((self.page_name, *self.team_key(), *key_parts), build)
        return HttpResponse(content, content_type=content_type)


class PublicEventMixin(PublicMixin):
    """A published event of the team from the URL, or a 404."""

    def scope(self, kwargs):
        super().scope(kwargs)
        self.event = get_object_or_404(
            Event.objects.published().of_team(self.team), slug=kwargs["event"]
        )

    def base_context(self):
        return {**super().base_context(), "event": self.event}

    def event_key(self):
        return (self.event.pk, report_fingerprint(self.event))

    def event_html(self, template_name, context_builder):
        return self.html(template_name, context_builder, *self.event_key())


class TeamView(PublicMixin, View):
    page_name = "team"

    def get(self, request, *args, **kwargs):
        events = list(Event.objects.published().of_team(self.team).order_by("-start_date"))
        changes = [(event.pk, event.updated_at) for event in events]
        return self.html("public/team.html", lambda: {"events": events}, changes)


def states_under_review(event):
    """The event's State(s) under Review: the country of an in-country pre-session, the
    States of a Geneva series' sessions in programme order (1 query for a series)."""
    if event.country_under_review:
        return [event.country_under_review]
    codes = (
        Session.objects.for_event(event)
        .exclude(state_under_review="")
        .in_programme_order()
        .values_list("state_under_review", flat=True)
    )
    states = []
    for code in codes:
        if code not in states:
            states.append(code)
    return [Country(code) for code in states]


class EventView(PublicEventMixin, View):
    page_name = "event"

    def get(self, request, *args, **kwargs):
        def context():
            return {
                "place": event_place(self.event),
                "co_organisers": list(self.event.co_organisers.all()),
                "states": states_under_review(self.event),
                "has_factsheets": Factsheet.objects.for_event(self.event).published().exists(),
                "accepts_registration": accepts_registration,
                "call": call,
            }

        # Deadlines pass without an edit: whether the form and the call for speakers are
        # open is in the key, and so is the call's own state (it is not in the event's
        # fingerprint).
        accepts_registration = self.event.accepts_self_registration()
        call = open_call(self.event)
        call_key = (call.pk, call.deadline, call.updated_at) if call else None
        return self.html(
            "public/event.html", context, *self.event_key(), accepts_registration, call_key
        )


class ProgrammeView(PublicEventMixin, View):
    page_name = "programme"

    def get(self, request, *args, **kwargs):
        return self.event_html(
            "public/programme.html", lambda: {"days": public_programme(self.event)}
        )


class ProgrammePdfView(PublicEventMixin, View):
    page_name = "programme_pdf"

    def get(self, request, *args, **kwargs):
        def build():
            html = render_to_string(
                "public/programme_document.html",
                {**self.base_context(), "days": public_programme(self.event)},
            )
            return html_to_pdf(html), "application/pdf"

        content, content_type = _cached(
            (self.page_name, *self.team_key(), *self.event_key()), build
        )
        response = HttpResponse(content, content_type=content_type)
        # ASCII only (a slug): a translated name would need RFC 6266 encoding.
        response["Content-Disposition"] = f'inline; filename="programme-{self.event.slug}.pdf"'
        return response


class ProgrammeIcsView(PublicEventMixin, View):
    page_name = "programme_ics"

    def get(self, request, *args, **kwargs):
        def build():
            days = public_programme(self.event)
            return calendar.programme_calendar(self.event, days), "text/calendar; charset=utf-8"

        content, content_type = _cached(
            (self.page_name, *self.team_key(), *self.event_key()), build
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.event.slug}.ics"'
        return response


class PersonCalendarView(PublicEventMixin, View):
    """A person's own sessions of the event, through the signed address they were sent.
    A token altered or made for another event, or for a person no longer in the team's
    directory or anonymised, is a 404. Never cached: each address is one person's, and a
    change of their roles shows at the next download."""

    def get(self, request, *args, **kwargs):
        person_id = read_calendar_token(kwargs["token"], event=self.event)
        person = (
            Person.objects.filter(team=self.team, anonymised_at__isnull=True, pk=person_id).first()
            if person_id is not None
            else None
        )
        if person is None:
            raise Http404
        days, roles = person_programme(self.event, person)
        response = HttpResponse(
            calendar.person_calendar(self.event, days, person=person, roles=roles),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.event.slug}-my-sessions.ics"'
        )
        # The file names its person: no shared cache keeps it, no search engine lists it.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


def published_factsheets(event):
    """The event's approved factsheets whose authors chose to publish them, in theme order,
    with their theme, authoring organisations and latest (the approved) file (3 queries)."""
    return list(
        Factsheet.objects.for_event(event)
        .published()
        .select_related("theme")
        .prefetch_related(
            "organisations",
            Prefetch("files", queryset=FactsheetFile.objects.order_by("-version")),
        )
        .order_by("theme__order", "theme__name", "title")
    )


class FactsheetsView(PublicEventMixin, View):
    page_name = "factsheets"

    def get(self, request, *args, **kwargs):
        return self.event_html(
            "public/factsheets.html", lambda: {"factsheets": published_factsheets(self.event)}
        )


class FactsheetFileView(PublicEventMixin, View):
    """The approved file of a published factsheet (its latest version: an approved factsheet
    cannot take a new one). Never an earlier version, never a draft's."""

    def get(self, request, *args, **kwargs):
        factsheet = get_object_or_404(
            Factsheet.objects.for_event(self.event).published(), pk=kwargs["pk"]
        )
        document = factsheet.files.order_by("-version").first()
        if document is None:
            raise Http404
        try:
            handle = document.file.open("rb")
        except (OSError, ValueError) as error:
            raise Http404 from error
        return stored_file_response(document, handle)


# --- Self-registration --------------------------------------------------------------------
# Never cached (the form carries a CSRF token) and never telling whether an address or an
# organisation is known: every accepted submission gets the same page and the same work
# (a stored request and a confirmation e-mail).

# Requests sent per client address and per e-mail address in RATE_WINDOW seconds (a form
# sent back with an error is not one), and confirmations per client address (an office
# behind one address confirms several people's requests).
RATE_LIMIT_PER_IP = 5
RATE_LIMIT_PER_ADDRESS = 3
RATE_LIMIT_CONFIRMATIONS_PER_IP = 20
RATE_WINDOW = 60 * 60


def _over_limit(kind, value, limit):
    """Count one attempt for `value` (hashed: the cache holds no address) and say whether
    it is over `limit` in the current window."""
    key = f"self-registration:{kind}:" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > limit


class PublicFormMixin(PublicEventMixin):
    """Pages with a form: rendered with the request (CSRF token), not cached."""

    def page(self, template_name, context=None, status=200):
        return render(
            self.request,
            template_name,
            {**self.base_context(), **(context or {})},
            status=status,
        )

    def too_many(self):
        return self.page("public/register_limited.html", status=429)


class RegisterView(PublicFormMixin, View):
    page_name = "register"

    def get(self, request, *args, **kwargs):
        if not self.event.accepts_self_registration():
            return self.page("public/register_closed.html")
        form = SelfRegistrationForm(initial={"language": self.language})
        return self.page("public/register.html", {"form": form})

    def post(self, request, *args, **kwargs):
        if not self.event.accepts_self_registration():
            return self.page("public/register_closed.html")
        form = SelfRegistrationForm(request.POST)
        if form.is_bot():
            return self.page("public/register_done.html")
        if not form.is_valid():
            return self.page("public/register.html", {"form": form})
        if _over_limit("ip", client_ip(request) or "unknown", RATE_LIMIT_PER_IP) or _over_limit(
            "address", form.cleaned_data["email"].lower(), RATE_LIMIT_PER_ADDRESS
        ):
            # The form again, with what was typed: nothing is lost by waiting.
            return self.page("public/register.html", {"form": form, "limited": True}, 429)

        def link_for(token):
            return request.build_absolute_uri(
                reverse("public:register_confirm", args=[self.team.slug, self.event.slug, token])
            )

        registration_requests.submit_registration_request(
            self.event,
            values=form.request_values(),
            language=form.cleaned_data["language"],
            link_for=link_for,
        )
        return self.page("public/register_done.html")


class RegisterConfirmView(PublicFormMixin, View):
    """The link of the confirmation e-mail. Opening it only shows a button: mail scanners
    that open links must not confirm a request nobody made."""

    page_name = "register"

    def get(self, request, *args, **kwargs):
        return self.page("public/register_confirm.html")

    def post(self, request, *args, **kwargs):
        if _over_limit(
            "confirm-ip", client_ip(request) or "unknown", RATE_LIMIT_CONFIRMATIONS_PER_IP
        ):
            return self.too_many()
        confirmed = registration_requests.confirm_registration_request(
            self.event, token=kwargs["token"]
        )
        return self.page("public/register_confirmed.html", {"confirmed": confirmed is not None})
