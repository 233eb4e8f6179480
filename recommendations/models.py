"""Reviews, the recommendations made at them, and what became of them.

A `Review` is a State under Review's review in one UPR cycle, owned by a team like everything
else. Its `Recommendation`s come from the importers (parsing/), each with its recommending
States (`RecommendingState`, one row per mention: joint recommendations have several), the
response, the source's own issue tags and a stable key that makes re-imports update instead
of duplicate. An `UptakeLink` says that a CSO-suggested recommendation of a factsheet is
reflected by a recommendation made; an `ImplementationAssessment` is an organisation's view,
at a date, of how far a recommendation was implemented.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accounts.rules import team_roles
from events.rules import linked_event_ids
from factsheets.models import FactsheetLanguage

from .places import place_label
from .regions import regional_group


class Response(models.TextChoices):
    """As the UN documents say it (UPR Info's "Accepted" is "supported")."""

    SUPPORTED = "supported", _("Supported")
    NOTED = "noted", _("Noted")
    SUPPORTED_IN_PART = "supported_in_part", _("Supported in part")
    PENDING = "pending", _("Pending")


class ActionCategory(models.IntegerChoices):
    """Edward McMahon's scale of the action a recommendation asks for, used by UPR Info."""

    MINIMAL = 1, _("1 – Minimal action")
    CONTINUING = 2, _("2 – Continuing action")
    CONSIDERING = 3, _("3 – Considering action")
    GENERAL = 4, _("4 – General action")
    SPECIFIC = 5, _("5 – Specific action")


class SourceFormat(models.TextChoices):
    UPR_INFO = "upr_info", _("UPR Info database export")
    WG_REPORT = "wg_report", _("Working Group report")
    WG_ADDENDUM = "wg_addendum", _("Working Group report addendum")
    THEMATIC_LIST = "thematic_list", _("OHCHR thematic list of recommendations")
    UHRI = "uhri", _("Universal Human Rights Index export")
    MANUAL = "manual", _("Entered by hand")


class Closeness(models.TextChoices):
    FULL = "full", _("Fully reflected")
    PARTIAL = "partial", _("Partly reflected")


class ImplementationLevel(models.TextChoices):
    """UPR Info's mid-term scale."""

    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    FULLY_IMPLEMENTED = "fully_implemented", _("Fully implemented")


# UPR Info's "triggered action": a recommendation partially or fully implemented.
TRIGGERED_ACTION = (
    ImplementationLevel.PARTIALLY_IMPLEMENTED,
    ImplementationLevel.FULLY_IMPLEMENTED,
)


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews `user` may open (the query form of `recommendations.view_review`):
        superusers every one; team members those of their teams; CSO staff those linked to
        an event their organisation is linked to."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        visible = Q(team_id__in=list(team_roles(user)))
        if user.organisation_id:
            visible |= Q(pk__in=self._linked_to_events(linked_event_ids(user)))
        return self.filter(visible)

    def for_team(self, team):
        return self.filter(team=team)

    def for_event(self, event):
        return self.filter(event_links__event=event)

    def _linked_to_events(self, event_ids):
        return ReviewEvent.objects.filter(event_id__in=list(event_ids)).values("review_id")


class Review(models.Model):
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="reviews"
    )
    state_under_review = CountryField(_("State under Review"))
    cycle = models.PositiveSmallIntegerField(
        _("UPR cycle"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    wg_session = models.PositiveSmallIntegerField(_("Working Group session"), null=True, blank=True)
    review_date = models.DateField(_("date of the review"), null=True, blank=True)
    wg_report_symbol = models.CharField(
        _("symbol of the Working Group report"),
        max_length=40,
        blank=True,
        help_text=_("For example A/HRC/43/15."),
    )
    addendum_symbol = models.CharField(
        _("symbol of the addendum"),
        max_length=40,
        blank=True,
        help_text=_("For example A/HRC/43/15/Add.1."),
    )
    events = models.ManyToManyField(
        "events.Event",
        through="ReviewEvent",
        verbose_name=_("pre-session events"),
        blank=True,
        related_name="reviews",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["state_under_review", "-cycle"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "state_under_review", "cycle"],
                name="review_one_per_state_and_cycle",
                violation_error_message=_(
                    "Your team already has this State's review in this cycle."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cycle__gte=1, cycle__lte=4), name="review_cycle_1_to_4"
            ),
        ]

    def __str__(self):
        return _("%(state)s, cycle %(cycle)s") % {
            "state": self.state_under_review.name,
            "cycle": self.cycle,
        }


class ReviewEvent(models.Model):
    """A pre-session event held before a review. An event has at most one review per State
    under Review; a Geneva series links one review per session (the session names its
    State under Review)."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="event_links"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="review_links",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_links",
        help_text=_("For a Geneva series: the session on this State under Review."),
    )
    # The review's State, kept here so the database can hold one review per State per event.
    state_under_review = CountryField(_("State under Review"))

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "state_under_review"]
        verbose_name = _("review of an event")
        verbose_name_plural = _("reviews of events")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "state_under_review"],
                name="review_event_one_review_per_state",
                violation_error_message=_(
                    "This event is already linked to a review of this State."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.event} -> {self.review}"

    def clean(self):
        super().clean()
        if not (self.review_id and self.event_id):
            return
        state = self.review.state_under_review
        if self.state_under_review and self.state_under_review != state:
            raise ValidationError(_("The link must name the review's State under Review."))
        if self.session_id:
            if self.session.day.event_id != self.event_id:
                raise ValidationError({"session": _("The session is not one of this event's.")})
            if self.session.state_under_review != state:
                raise ValidationError(
                    {"session": _("The session is on another State under Review.")}
                )
        elif self.event.country_under_review and self.event.country_under_review != state:
            raise ValidationError(_("The event prepares the review of another State."))


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(review__in=Review.objects.visible_to(user))

    def for_review(self, review):
        return self.filter(review=review)

    def with_listing(self):
        """What list pages show, in a fixed number of queries."""
        return self.select_related("review").prefetch_related("recommending_states", "themes")


class Recommendation(models.Model):
    review = models.ForeignKey(
        Review,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"), help_text=_("As written in the UN document."))
    paragraph = models.CharField(
        _("paragraph"), max_length=16, blank=True, help_text=_("For example 118.23.")
    )
    response = models.CharField(
        _("response"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    themes = models.ManyToManyField(
        "events.Theme", verbose_name=_("themes"), blank=True, related_name="recommendations"
    )
    # The source's own tags, kept as they came (UPR Info's issues, OHCHR's themes).
    source_issues = models.JSONField(_("issues in the source"), default=list, blank=True)
    affected_persons = models.JSONField(_("affected persons"), default=list, blank=True)
    action_category = models.PositiveSmallIntegerField(
        _("action category"), choices=ActionCategory.choices, null=True, blank=True
    )
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    source_format = models.CharField(
        _("source"), max_length=20, choices=SourceFormat.choices, default=SourceFormat.MANUAL
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    # Without words ("row:12"): see places.py, and `source_location_label`.
    source_location = models.CharField(
        _("place in the source"), max_length=100, blank=True, help_text=_("Row or page.")
    )
    # Stable across re-imports: UHRI's annotation id where there is one, else document
    # symbol and paragraph (UPR Info's export, which has neither, keys on session, States and
    # text: see parsing/uprinfo.py).
    source_key = models.CharField(_("key in the source"), max_length=255)
    unofficial_translation = models.TextField(
        _("unofficial translation"),
        blank=True,
        help_text=_("A translation beside the official text, not an official one."),
    )
    translation_language = models.CharField(
        _("language of the translation"),
        max_length=8,
        choices=FactsheetLanguage.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords(m2m_fields=["themes"])

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "source_key"],
                name="recommendation_source_key_unique_per_review",
                violation_error_message=_("This review already has this recommendation."),
            ),
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_made_has_text"),
            models.CheckConstraint(
                condition=Q(action_category__isnull=True)
                | Q(action_category__gte=1, action_category__lte=5),
                name="recommendation_action_category_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(unofficial_translation="") | ~Q(translation_language=""),
                name="recommendation_translation_has_language",
                violation_error_message=_("Say which language the translation is in."),
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def source_location_label(self):
        """The place in the source in words, in the reader's language ("ligne 12")."""
        return place_label(self.source_location)

    # How the history pages show the fields stored in a form of their own.
    history_value_labels = {"source_location": place_label}


class RecommendingState(models.Model):
    """A State that made a recommendation: one row per mention in the source, so a joint
    recommendation has several and an item giving one State two clauses has two."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="recommending_states",
    )
    country = CountryField(_("recommending State"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "order"]
        verbose_name = _("recommending State")
        verbose_name_plural = _("recommending States")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "order"], name="recommending_state_order_unique"
            ),
        ]

    def __str__(self):
        return self.country.name

    @property
    def regional_group(self):
        return regional_group(self.country.code)


class UptakeLink(models.Model):
    """A CSO-suggested recommendation reflected by a recommendation made at the review."""

    suggested = models.ForeignKey(
        "factsheets.SuggestedRecommendation",
        verbose_name=_("suggested recommendation"),
        on_delete=models.CASCADE,
        related_name="uptake_links",
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation made"),
        on_delete=models.CASCADE,
        related_name="uptake_links",
    )
    closeness = models.CharField(
        _("how close"), max_length=8, choices=Closeness.choices, default=Closeness.FULL
    )
    note = models.TextField(_("note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["suggested", "recommendation"]
        verbose_name = _("uptake link")
        verbose_name_plural = _("uptake links")
        constraints = [
            models.UniqueConstraint(
                fields=["suggested", "recommendation"],
                name="uptake_link_once_per_pair",
                violation_error_message=_("These two recommendations are already linked."),
            ),
        ]

    def __str__(self):
        return f"{self.suggested} -> {self.recommendation}"


class ImplementationAssessmentQuerySet(models.QuerySet):
    def for_review(self, review):
        return self.filter(recommendation__review=review)

    def latest_per_organisation(self):
        """Each organisation's latest assessment of each recommendation (by date, then by
        the order recorded): the ones that count. One query, on every database."""
        newer = ImplementationAssessment.objects.filter(
            recommendation=OuterRef("recommendation"),
            organisation=OuterRef("organisation"),
        ).filter(
            Q(assessed_on__gt=OuterRef("assessed_on"))
            | Q(assessed_on=OuterRef("assessed_on"), pk__gt=OuterRef("pk"))
        )
        return self.filter(~Exists(newer))

    def triggered_action(self):
        return self.filter(level__in=TRIGGERED_ACTION)


class ImplementationAssessment(models.Model):
    """An organisation's assessment, at a date, of how far a recommendation is implemented.
    Assessments accumulate; the latest per organisation counts."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="implementation_assessments",
    )
    assessed_on = models.DateField(_("assessed on"))
    level = models.CharField(_("level"), max_length=24, choices=ImplementationLevel.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    responsible_institution = models.CharField(
        _("responsible institution"), max_length=255, blank=True
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("For example a mid-term report or a stakeholder submission."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ImplementationAssessmentQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "organisation", "-assessed_on", "-pk"]
        verbose_name = _("implementation assessment")
        verbose_name_plural = _("implementation assessments")
        indexes = [
            # Finding each organisation's latest assessment (latest_per_organisation) looks
            # up the newer ones of the same pair: without it a planner can scan by
            # organisation.
            models.Index(
                fields=["recommendation", "organisation", "assessed_on"],
                name="assessment_latest_lookup",
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_level_display()} ({self.assessed_on})"


class UptakeRejection(models.Model):
    """A candidate an organiser looked at and said does not reflect the suggestion: it is
    no longer proposed for it. Reversible: confirming the pair removes the rejection."""

    suggested = models.ForeignKey(
        "factsheets.SuggestedRecommendation",
        verbose_name=_("suggested recommendation"),
        on_delete=models.CASCADE,
        related_name="uptake_rejections",
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation made"),
        on_delete=models.CASCADE,
        related_name="uptake_rejections",
    )
    note = models.TextField(_("note"), blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rejected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rejected_at = models.DateTimeField(_("rejected"), auto_now_add=True)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["suggested", "recommendation"]
        verbose_name = _("rejected uptake candidate")
        verbose_name_plural = _("rejected uptake candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["suggested", "recommendation"],
                name="uptake_rejection_once_per_pair",
                violation_error_message=_("This candidate is already rejected."),
            ),
        ]

    def __str__(self):
        return f"{self.suggested} -x- {self.recommendation}"
