"""The language a person reads the app in.

Django's LocaleMiddleware picks it for every request: the language cookie (set by the
language menu, `set_language`), else the browser's Accept-Language, else LANGUAGE_CODE.
A signed-in user's choice is kept on their account (`User.language`) and wins over both,
on any browser they sign in from (`UserLanguageMiddleware`). A visitor who picks a language
on the login page and then signs in keeps that choice: it waits in the session until the
account exists in the request, then moves onto the account."""

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import pgettext

from .services import set_user_language

# A visitor's choice, kept until they sign in (the session survives the login; logging out
# flushes it, so the next person at a shared computer does not inherit it).
CHOSEN_LANGUAGE_SESSION_KEY = "accounts_chosen_language"


def language_menu_names():
    """Each language named in its own language, in the order of settings.LANGUAGES (Django's
    own table has no Khmer name for Khmer and writes "français" in lower case)."""
    names = {"en": "English", "fr": "Français", "km": "ខ្មែរ"}
    return [
        (code, names.get(code) or translation.get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
    ]


def remember_choice(request, language):
    """Keep the language just chosen: on the account of a signed-in user, in the session
    for a visitor (the cookie, set by Django's view, serves the visitor meanwhile)."""
    if request.user.is_authenticated:
        set_user_language(request.user, language=language)
    else:
        request.session[CHOSEN_LANGUAGE_SESSION_KEY] = language


def adopt_choice_made_before_login(request):
    """Move a choice made before signing in onto the account."""
    chosen = request.session.pop(CHOSEN_LANGUAGE_SESSION_KEY, None)
    if chosen in dict(settings.LANGUAGES):
        set_user_language(request.user, language=chosen)


def format_percent(value):
    """ "54%" in English; the translation decides the rest ("54 %" with a no-break space in
    French). The figure itself goes through the language's number format."""
    return pgettext("a percentage", "%(value)s%%") % {"value": formats.number_format(value)}


def label_colon(label):
    """ "Day 1:" in English: `label` followed by its colon as the language writes it ("Jour
    1 :" with a no-break space in French, "ថ្ងៃទី 1៖" in Khmer); the templates' pattern of
    the same name (msgctxt "a label before its value")."""
    return pgettext("a label before its value", "%(label)s:") % {"label": label}


def day_and_month(value):
    """ "14 Nov" in English: a day and its month, for table cells and day buttons. The date
    format is the translation's ("j N", "14 nov." in French; "j F" in Khmer, whose months
    are not abbreviated)."""
    return formats.date_format(value, pgettext("date format: a day and its short month", "j M"))
