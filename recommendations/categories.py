"""Suggesting a recommendation's action category from its leading verb and phrase.

Edward McMahon's scale, as UPR Info applies it, grades what a recommendation asks the State
to do: 1 minimal action (ask others, share), 2 continuing action (go on doing what it does),
3 considering action (think about doing it), 4 general action (do more, without saying
what), 5 specific action (a named, checkable act: ratify a treaty, repeal a law, establish
an institution). The category follows from the recommendation's first verb and its object,
so the rules below read the opening phrase and nothing else:

1. the text is cleaned of what precedes the verb: numbering ("82.10", "(a)", "1."),
   quotes, "That", "The Government should", an opening "In line with ..., " clause and
   adverbs ("fully", "immediately");
2. the first rule whose phrase opens the cleaned text fires: the phrases are ordered so
   that the one that decides comes first ("Consider ratifying" is 3, not 5; "Take steps to
   ratify" is 4: UPR Info grades by the leading phrase, whatever follows);
3. a few verbs ("adopt", "develop", "implement", "provide") are 4 or 5 by their object:
   measures and efforts are general, a law, plan, programme or mechanism is specific;
4. a compound ("Continue its efforts and adopt a law") keeps the category of its leading
   verb, as UPR Info does, and the reason names the sharper action that follows.

Pure: no database, no request. `suggest_category(text)` returns a `CategorySuggestion`
with the category, the rule that fired and a readable, translated reason. The agreement
with UPR Info's own categories is measured in benchmarks/bench_action_categories.py.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ActionCategory


@dataclass(frozen=True)
class Rule:
    key: str
    category: int
    # Regular expression matched at the start of the cleaned, lower-case text.
    pattern: str
    # Why, in a sentence; `%(phrase)s` is the words of the text that matched.
    reason: str


MINIMAL, CONTINUING, CONSIDERING, GENERAL, SPECIFIC = (
    ActionCategory.MINIMAL,
    ActionCategory.CONTINUING,
    ActionCategory.CONSIDERING,
    ActionCategory.GENERAL,
    ActionCategory.SPECIFIC,
)

# Nouns that make the object of an ambiguous verb a specific, checkable act.
SPECIFIC_OBJECTS = (
    r"laws?|legislation|legislative|bills?|acts?|codes?|decrees?|ordinances?|statutes?|"
    r"amendments?|constitution|conventions?|protocols?|covenants?|treaty|treaties|"
    r"moratorium|definition|(?:national |comprehensive )?(?:action )?plans?|"
    r"programmes?|programs?|strateg(?:y|ies)|framework|mechanisms?|institutions?|"
    r"commission|ombuds\w*|body|bodies|authority|agency|office|system|registry|register|"
    r"database|campaigns?|training|invitation|recommendations|provisions|procedures?|"
    r"facilities|shelters|reform"
)
# Nouns that leave it general: more of something, without saying what.
GENERAL_OBJECTS = r"measures|efforts|steps|action|actions|policies|policy|approach|initiatives"

# The reasons are lazy: translated when shown, in the reader's language.
RULES = (
    # 3: considering action. First, so that "Consider ratifying" never reads as "ratify".
    Rule(
        "considering",
        CONSIDERING,
        r"(?:consider|explore|reflect (?:on|upon)|envisage|contemplate|reconsider|"
        r"study (?:the )?(?:possibility|feasibility|option)|look into|examine|evaluate|"
        r"assess (?:the )?(?:possibility|feasibility)|review|think about|weigh)\b",
        _("“%(phrase)s” asks the State to think about acting: considering action."),
    ),
    # 1: minimal action: asking others, sharing with them.
    Rule(
        "minimal",
        MINIMAL,
        r"(?:seek|request|call (?:on|upon)|appeal to|share|exchange|solicit|ask|"
        r"call for|turn to|resort to|avail itself|benefit from|draw on)\b",
        _("“%(phrase)s” asks the State to ask for help or share what it knows: minimal action."),
    ),
    # 4: "Continue and strengthen" asks for more than what is done: general action.
    Rule(
        "continuing_and_more",
        GENERAL,
        r"(?:continue|maintain|pursue|persevere)(?: to)? and (?:to )?(?:further )?"
        r"(?:strengthen|intensify|increase|enhance|step up|expand|reinforce|deepen|"
        r"broaden|accelerate|improve|redouble|consolidate|scale up)\b",
        _("“%(phrase)s” asks for more than what is done: general action."),
    ),
    # 2: continuing action: go on with what is under way.
    Rule(
        "continuing",
        CONTINUING,
        r"(?:continue|pursue|maintain|persevere|persist|keep(?: up| on)?|sustain|"
        r"carry on|go on|remain)\b",
        _("“%(phrase)s” asks the State to go on with what it does: continuing action."),
    ),
    # 4: general action, said with a phrase ("take measures", "make efforts") whatever
    # the verb behind it: "Take steps to ratify" is general, as UPR Info grades it.
    Rule(
        "general_phrase",
        GENERAL,
        r"(?:take|adopt|undertake|make|put in place|step up)\b[\w\s,\-]{0,60}?"
        r"\b(?:measures|steps|action|actions|efforts|initiatives|necessary)\b",
        _(
            "“%(phrase)s” asks for measures, not for the act itself: general action "
            "(leading with the act, as in “Ratify …” or “Adopt a law …”, makes it specific)."
        ),
    ),
    # 5: specific action: a named act whose doing can be checked.
    Rule(
        "specific",
        SPECIFIC,
        r"(?:re-?)?(?:ratify|ratification of|sign|accede|accession|become (?:a )?part(?:y|ies)|"
        r"adhere|withdraw|lift|amend|abolish|repeal|revoke|enact|pass|promulgate|"
        r"criminali[sz]e|decriminali[sz]e|prohibit|outlaw|ban|legislate|establish|set up|"
        r"issue|extend (?:an? )?(?:[\w\-]+,? (?:and )?){0,3}invitation|invite|impose|"
        r"suspend|transform|modify|halt|present|close|integrate|carry out|mandate|free|"
        r"resume|turn|replace|extradite|open|declare|separate|agree to|join|dismantle|"
        r"adjust|derogate|authori[sz]e|speak out|"
        r"submit|finali[sz]e|complete|incorporate|bring|align|harmoni[sz]e|remove|"
        r"release|investigate|prosecute|grant|conduct|initiate|launch|raise|recogni[sz]e|"
        r"respond|accept|elaborate|designate|appoint|allocate|increase the budget|"
        r"create|introduce|include|allow|apply|implement the recommendations)\b",
        _("“%(phrase)s” names an act whose doing can be checked: specific action."),
    ),
    # 4 or 5 by the object: "Adopt measures" is general, "Adopt a law" specific.
    Rule(
        "by_object",
        SPECIFIC,
        r"(?:adopt|develop|implement|provide|formulate|draft|put in place|put into place|"
        r"devise|design|draw up|prepare|set|end|eliminate|put an end to|give|proceed)\b",
        _("“%(phrase)s” names what is to be done: specific action."),
    ),
    Rule(
        "general",
        GENERAL,
        r"(?:ensure|strengthen|promote|accelerate|intensify|increase|guarantee|improve|"
        r"enhance|reinforce|redouble|address|expedite|speed up|facilitate|work|cooperate|"
        r"respect|pay|combat|fight|protect|support|encourage|follow|undertake|take|make|"
        r"put|step up|further|foster|uphold|prevent|reduce|expand|broaden|deepen|"
        r"intensify|tackle|eradicate|redress|engage|commit|endeavou?r|strive|aim|"
        r"consolidate|build|do|act|move|adopt|develop|implement|provide|secure|"
        r"safeguard|step|mainstream|raise awareness|enforce|monitor|train|educate|"
        r"offer|assist|help|invest|allocate|fulfil|comply|honou?r|abide|observe)\b",
        _("“%(phrase)s” asks for more effort without naming a checkable act: general action."),
    ),
)

# The reasons of what is not one rule of the table.
REASON_BY_OBJECT_GENERAL = _(
    "“%(phrase)s” names no law, plan, institution or other checkable act: general action."
)
REASON_DEFAULT = _(
    "No rule knows the opening “%(phrase)s”: general action is assumed, the most common."
)
REASON_COMPOUND = _(
    "It then asks to “%(then)s”: graded by its leading verb, as UPR Info does; leading "
    "with that act would make it specific."
)

_COMPILED = tuple((rule, re.compile(rule.pattern)) for rule in RULES)
_BY_KEY = {rule.key: rule for rule in RULES}
_SPECIFIC_OBJECT = re.compile(rf"\b(?:{SPECIFIC_OBJECTS})\b")
_GENERAL_OBJECT = re.compile(rf"\b(?:{GENERAL_OBJECTS})\b")
# A sharper verb later in a continuing or considering recommendation ("... and adopt").
_COMPOUND = re.compile(
    r"(?:,|\band\b|\bas well as\b)\s+(?:to\s+)?"
    r"((?:ratify|sign|accede|adopt|amend|abolish|repeal|enact|establish|criminali[sz]e|"
    r"withdraw|set up|prohibit|introduce)\b(?:\s+[\w\-]+){0,4})"
)

# What comes before the verb and decides nothing.
_NUMBERING = re.compile(
    r"^\s*(?:(?:recommendation|para(?:graph)?\.?)\s*)?"
    r"(?:\d+(?:[.,]\d+)*\.?|\(?[a-z]\)|\(?[ivx]+\)|[-–•*·])\s*",
    re.I,
)
# The recommending States a report prints after the text: "(Norway);", "(Iran (Islamic
# Republic of)) (France);".
_TRAILING_STATES = re.compile(r"(?:\s*\((?:[^()]|\([^()]*\))*\))+\s*[;.,]?\s*$")
_QUOTES = "\"'“”‘’«»„"
_SUBJECT = re.compile(
    r"^(?:(?i:that)\s+)?(?:(?i:(?:the\s+)?(?:royal\s+|provisional\s+|federal\s+)?"
    r"(?:government|state|authorities|country)(?:\s+of\s+[\w\s]+?)?)|"
    r"[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)*)"
    r"\s+(?i:should|must|shall|is urged to|is encouraged to|is invited to)\s+"
)
_LEADING = re.compile(
    r"^(?:that|to|also|and|please|(?!apply|comply|rely|supply|reply)[a-z]+ly|"
    r"(?:as soon as possible|as a matter of (?:priority|urgency)|without (?:further )?delay)"
    r",?)\s+",
    re.I,
)
_OPENING_CLAUSE = re.compile(
    r"^(?:in (?:line|light|keeping|accordance|conformity|view|order|the (?:light|framework|"
    r"context)|addition|particular)|with (?:a view|regard|the (?:support|assistance|help))|"
    r"as (?:a|part|recommended)|through|within|following|taking into account|bearing in mind|"
    r"building on|based on|given|noting|recalling|recognizing|considering that|while)\b"
    r"[^,]{0,200},\s*",
    re.I,
)


@dataclass(frozen=True)
class CategorySuggestion:
    category: int
    rule: str  # the key of the rule that fired (`RULES`, "by_object_general", "default")
    phrase: str  # the words of the recommendation the rule read
    then: str = ""  # in a compound, the sharper action that follows

    @property
    def label(self):
        return ActionCategory(self.category).label

    @property
    def reason(self):
        """Why, in the reader's language."""
        if self.rule == "by_object_general":
            reason = REASON_BY_OBJECT_GENERAL % {"phrase": self.phrase}
        elif self.rule == "default":
            reason = REASON_DEFAULT % {"phrase": self.phrase}
        else:
            reason = _BY_KEY[self.rule].reason % {"phrase": self.phrase}
        if self.then:
            reason = f"{reason} {REASON_COMPOUND % {'then': self.then}}"
        return reason


def cleaned(text):
    """The recommendation from its verb on: numbering, quotes, the subject ("The
    Government should"), an opening clause and adverbs removed."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    text = _TRAILING_STATES.sub("", text).rstrip(" ;,")
    for _round in range(4):
        before = text
        text = _NUMBERING.sub("", text, count=1).strip().strip(_QUOTES).strip()
        text = _SUBJECT.sub("", text, count=1)
        text = _OPENING_CLAUSE.sub("", text, count=1)
        text = _LEADING.sub("", text, count=1)
        if text == before:
            break
    return text


def suggest_category(text):
    """The `CategorySuggestion` for a recommendation's `text`, or None for an empty one."""
    body = cleaned(text)
    if not body:
        return None
    lowered = body.lower()
    for rule, pattern in _COMPILED:
        match = pattern.match(lowered)
        if match is None:
            continue
        phrase = _phrase(body, match.end(), words=0)
        if rule.key == "by_object":
            return _by_object(body, lowered, match.end())
        then = ""
        if rule.category in (CONTINUING, CONSIDERING):
            compound = _COMPOUND.search(lowered, match.end())
            if compound:
                then = _trimmed(body[compound.start(1) : compound.end(1)].split())
        return CategorySuggestion(rule.category, rule.key, phrase, then)
    return CategorySuggestion(GENERAL, "default", _phrase(body, 0, words=3))


def _by_object(body, lowered, verb_end):
    """ "Adopt measures" is general, "Adopt a law" specific: read the next words."""
    window = " ".join(lowered[verb_end:].split()[:8])
    general = _GENERAL_OBJECT.search(window)
    specific = _SPECIFIC_OBJECT.search(window)
    if specific and (not general or specific.start() < general.start()):
        return CategorySuggestion(SPECIFIC, "by_object", _through(body, verb_end, specific.end()))
    if general:
        return CategorySuggestion(
            GENERAL, "by_object_general", _through(body, verb_end, general.end())
        )
    return CategorySuggestion(GENERAL, "by_object_general", _phrase(body, verb_end, words=0))


def _through(body, verb_end, window_end):
    """The verb and its object, up to the noun that decided (`window_end` counts in the
    words after the verb, joined by single spaces)."""
    after = " ".join(body[verb_end:].split())
    return _trimmed([*body[:verb_end].split(), *after[:window_end].split()])


def _phrase(body, end, *, words=2):
    """The matched words and a few after them, enough to read what the rule saw."""
    return _trimmed([*body[:end].split(), *body[end:].split()[:words]])


def _trimmed(words):
    """`words` as a phrase, without the articles and prepositions left dangling."""
    words = list(words)
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:.")


_DANGLING = {"the", "a", "an", "to", "of", "its", "and", "on", "in", "for", "with", "that"}
