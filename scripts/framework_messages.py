"""Write accounts/framework_messages.py: the messages of Django and django-countries that the
app's pages show, listed so that `makemessages` copies them into our catalogues.

    .venv/bin/python scripts/framework_messages.py

Run it again after upgrading Django or django-countries, then `make messages` and translate
the new entries (tests/i18n fails until they are).

Why: Django's own Khmer catalogue is about a third translated (no "This field is required.",
no password rules) and django-countries has no Khmer at all, so a Khmer page would show
English. The app's catalogue (settings.LOCALE_PATHS) has priority over every installed app's,
so translating these msgids there fixes them, and corrects the few wrong ones of Django's
Khmer catalogue (the "Feb" spelled កុម្ភះ, "Yes" as "agree").

The msgids are checked against Django's French catalogue: each must be exactly Django's (with
its context and plural), or it would never be looked up.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "accounts" / "framework_messages.py"

# (source catalogue, context, singular msgid), by what shows them. A plural message is named
# by its singular; its plural comes from Django's catalogue.
CORE = "conf/locale/fr/LC_MESSAGES/django.po"
AUTH = "contrib/auth/locale/fr/LC_MESSAGES/django.po"

GROUPS = {
    "Form fields (django/forms/fields.py, django/forms/models.py, widgets)": [
        (CORE, None, "This field is required."),
        (CORE, None, "Enter a whole number."),
        (CORE, None, "Enter a number."),
        (CORE, None, "Enter a valid date."),
        (CORE, None, "Enter a valid time."),
        (CORE, None, "Enter a valid date/time."),
        (CORE, None, "Enter a valid duration."),
        (CORE, None, "No file was submitted. Check the encoding type on the form."),
        (CORE, None, "No file was submitted."),
        (CORE, None, "The submitted file is empty."),
        (CORE, None, "Ensure this filename has at most %(max)d character (it has %(length)d)."),
        (CORE, None, "Please either submit a file or check the clear checkbox, not both."),
        (
            CORE,
            None,
            "Upload a valid image. The file you uploaded was either not an image or a "
            "corrupted image.",
        ),
        (CORE, None, "Select a valid choice. %(value)s is not one of the available choices."),
        (CORE, None, "Select a valid choice. That choice is not one of the available choices."),
        (CORE, None, "Enter a list of values."),
        (CORE, None, "Enter a complete value."),
        (CORE, None, "“%(pk)s” is not a valid value."),
        (
            CORE,
            None,
            "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
            "ambiguous or it may not exist.",
        ),
        (CORE, None, ":"),
        (CORE, None, "(Hidden field %(name)s) %(error)s"),
        (CORE, None, "Clear"),
        (CORE, None, "Currently"),
        (CORE, None, "Change"),
        (CORE, None, "Unknown"),
        (CORE, None, "Yes"),
        (CORE, None, "No"),
    ],
    "Formsets (django/forms/formsets.py, django/forms/models.py)": [
        (
            CORE,
            None,
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "%(field_names)s. You may need to file a bug report if the issue persists.",
        ),
        (CORE, None, "Please submit at most %(num)d form."),
        (CORE, None, "Please submit at least %(num)d form."),
        (CORE, None, "Order"),
        (CORE, None, "Delete"),
        (CORE, None, "Please correct the duplicate data for %(field)s."),
        (CORE, None, "Please correct the duplicate data for %(field)s, which must be unique."),
        (CORE, None, "Please correct the duplicate values below."),
    ],
    "Validators (django/core/validators.py)": [
        (CORE, None, "Enter a valid value."),
        (CORE, None, "Enter a valid URL."),
        (CORE, None, "Enter a valid integer."),
        (CORE, None, "Enter a valid email address."),
        (CORE, None, "Ensure this value is %(limit_value)s (it is %(show_value)s)."),
        (CORE, None, "Ensure this value is less than or equal to %(limit_value)s."),
        (CORE, None, "Ensure this value is greater than or equal to %(limit_value)s."),
        (CORE, None, "Ensure this value is a multiple of step size %(limit_value)s."),
        (
            CORE,
            None,
            "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        ),
        (
            CORE,
            None,
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        ),
        (CORE, None, "Ensure that there are no more than %(max)s digit in total."),
        (CORE, None, "Ensure that there are no more than %(max)s decimal place."),
        (CORE, None, "Ensure that there are no more than %(max)s digit before the decimal point."),
        (
            CORE,
            None,
            "File extension “%(extension)s” is not allowed. Allowed extensions are: "
            "%(allowed_extensions)s.",
        ),
        (CORE, None, "Null characters are not allowed."),
    ],
    "Model validation (django/db/models/)": [
        (CORE, None, "and"),
        (CORE, None, "%(model_name)s with this %(field_labels)s already exists."),
        (CORE, None, "Constraint “%(name)s” is violated."),
        (CORE, None, "Value %(value)r is not a valid choice."),
        (CORE, None, "This field cannot be null."),
        (CORE, None, "This field cannot be blank."),
        (CORE, None, "%(model_name)s with this %(field_label)s already exists."),
        (CORE, None, "“%(value)s” value must be either True or False."),
        (CORE, None, "“%(value)s” value must be either True, False, or None."),
        (
            CORE,
            None,
            "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.",
        ),
        (
            CORE,
            None,
            "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
        ),
        (
            CORE,
            None,
            "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD "
            "HH:MM[:ss[.uuuuuu]][TZ] format.",
        ),
        (
            CORE,
            None,
            "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but "
            "it is an invalid date/time.",
        ),
        (CORE, None, "“%(value)s” value must be a decimal number."),
        (CORE, None, "“%(value)s” value must be a float."),
        (CORE, None, "“%(value)s” value must be an integer."),
        (
            CORE,
            None,
            "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.",
        ),
        (
            CORE,
            None,
            "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an "
            "invalid time.",
        ),
        (CORE, None, "“%(value)s” is not a valid UUID."),
        (CORE, None, "%(model)s instance with %(field)s %(value)r is not a valid choice."),
    ],
    "Pagination (django/core/paginator.py)": [
        (CORE, None, "That page number is not an integer"),
        (CORE, None, "That page number is less than 1"),
        (CORE, None, "That page contains no results"),
        (CORE, None, "…"),
    ],
    "Template filters: yesno, filesizeformat, truncatechars, lists (django/utils/text.py)": [
        (CORE, None, "yes,no,maybe"),
        (CORE, None, "%(size)d byte"),
        (CORE, None, "%s KB"),
        (CORE, None, "%s MB"),
        (CORE, None, "%s GB"),
        (CORE, None, "%s TB"),
        (CORE, None, "%s PB"),
        (CORE, "String to return when truncating text", "%(truncated_text)s…"),
        (CORE, None, "or"),
    ],
    "The CSRF failure page (django/views/csrf.py)": [
        (CORE, None, "Forbidden"),
        (CORE, None, "CSRF verification failed. Request aborted."),
        (
            CORE,
            None,
            "You are seeing this message because this HTTPS site requires a “Referer header” "
            "to be sent by your web browser, but none was sent. This header is required for "
            "security reasons, to ensure that your browser is not being hijacked by third "
            "parties.",
        ),
        (
            CORE,
            None,
            "If you have configured your browser to disable “Referer” headers, please "
            "re-enable them, at least for this site, or for HTTPS connections, or for "
            "“same-origin” requests.",
        ),
        (
            CORE,
            None,
            'If you are using the <meta name="referrer" content="no-referrer"> tag or '
            "including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF "
            "protection requires the “Referer” header to do strict referer checking. If you’re "
            'concerned about privacy, use alternatives like <a rel="noreferrer" …> for links '
            "to third-party sites.",
        ),
        (
            CORE,
            None,
            "You are seeing this message because this site requires a CSRF cookie when "
            "submitting forms. This cookie is required for security reasons, to ensure that "
            "your browser is not being hijacked by third parties.",
        ),
        (
            CORE,
            None,
            "If you have configured your browser to disable cookies, please re-enable them, at "
            "least for this site, or for “same-origin” requests.",
        ),
        (CORE, None, "More information is available with DEBUG=True."),
    ],
    "Dates: day and month names (django/utils/dates.py), in every date format": [
        *((CORE, None, day) for day in ("Monday", "Tuesday", "Wednesday", "Thursday")),
        *((CORE, None, day) for day in ("Friday", "Saturday", "Sunday")),
        *((CORE, None, day) for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")),
        *(
            (CORE, None, month)
            for month in (
                *("January", "February", "March", "April", "May", "June", "July"),
                *("August", "September", "October", "November", "December"),
            )
        ),
        *(
            (CORE, None, month)
            for month in (
                *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct"),
                *("nov", "dec"),
            )
        ),
        *(
            (CORE, "abbrev. month", month)
            for month in (
                *("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept."),
                *("Oct.", "Nov.", "Dec."),
            )
        ),
        *(
            (CORE, "alt. month", month)
            for month in (
                *("January", "February", "March", "April", "May", "June", "July"),
                *("August", "September", "October", "November", "December"),
            )
        ),
    ],
    "Accounts: log in, password change and reset, account from an invitation "
    "(django/contrib/auth/forms.py, models.py, validators.py)": [
        (
            AUTH,
            None,
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive.",
        ),
        (AUTH, None, "This account is inactive."),
        (AUTH, None, "username"),
        (AUTH, None, "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        (AUTH, None, "A user with that username already exists."),
        (
            AUTH,
            None,
            "Enter a valid username. This value may contain only letters, numbers, and "
            "@/./+/-/_ characters.",
        ),
        (AUTH, None, "first name"),
        (AUTH, None, "last name"),
        (AUTH, None, "email address"),
        (AUTH, None, "user"),
        (AUTH, None, "Password"),
        (AUTH, None, "Password confirmation"),
        (AUTH, None, "Enter the same password as before, for verification."),
        (AUTH, None, "The two password fields didn’t match."),
        (AUTH, None, "Email"),
        (AUTH, None, "New password"),
        (AUTH, None, "New password confirmation"),
        (AUTH, None, "Old password"),
        (AUTH, None, "Your old password was entered incorrectly. Please enter it again."),
    ],
    "Password rules: errors and help texts (django/contrib/auth/password_validation.py)": [
        (AUTH, None, "This password is too short. It must contain at least %d character."),
        (AUTH, None, "Your password must contain at least %(min_length)d character."),
        (AUTH, None, "The password is too similar to the %(verbose_name)s."),
        (AUTH, None, "Your password can’t be too similar to your other personal information."),
        (AUTH, None, "This password is too common."),
        (AUTH, None, "Your password can’t be a commonly used password."),
        (AUTH, None, "This password is entirely numeric."),
        (AUTH, None, "Your password can’t be entirely numeric."),
    ],
}


def _entries(path):
    import polib

    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(path))}


def _call(entry):
    if entry.msgid_plural:
        return f"ngettext_lazy({entry.msgid!r}, {entry.msgid_plural!r})"
    if entry.msgctxt:
        return f"pgettext_lazy({entry.msgctxt!r}, {entry.msgid!r})"
    return f"gettext_noop({entry.msgid!r})"


def country_names():
    """Every English name django-countries can print: the ISO names and the common names it
    uses instead (the names the app overrides, events/countries.py, are in the code)."""
    from django.utils import translation
    from django_countries import countries
    from django_countries.data import COUNTRIES

    with translation.override(None):
        names = dict.fromkeys(str(name) for name in COUNTRIES.values())
        names.update(dict.fromkeys(str(name) for name in countries.COMMON_NAMES.values()))
    return list(names)


def render():
    import django

    django_dir = Path(django.__file__).parent
    catalogues = {source: _entries(django_dir / source) for source in (CORE, AUTH)}
    lines = [
        '"""Messages of Django and django-countries that the app\'s pages show, listed here so',
        "that `makemessages` copies them into the app's catalogues (locale/).",
        "",
        "Django's Khmer catalogue is about a third translated and django-countries has no",
        "Khmer, so without these entries a Khmer page shows English form errors, password rules",
        "and country names. The app's catalogue (settings.LOCALE_PATHS) has priority over those",
        "of Django and of the installed apps, so an entry translated here is used everywhere,",
        'and it also corrects Django\'s wrong Khmer ones (the "feb" month, "Yes").',
        "",
        "Generated by scripts/framework_messages.py (run it again after upgrading Django or",
        "django-countries, then `make messages`); do not edit by hand. The module is never",
        "imported by the app: it only needs to be read by `makemessages`.",
        '"""',
        "",
        "from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy",
        "",
        "DJANGO_MESSAGES = [",
    ]
    for title, keys in GROUPS.items():
        lines.append(f"    # {title}")
        for source, context, msgid in keys:
            entry = catalogues[source].get((context, msgid))
            if entry is None:
                sys.exit(f"not a msgid of Django's {source}: {context!r} {msgid!r}")
            lines.append(f"    {_call(entry)},")
    lines += [
        "]",
        "",
        "# django_countries.data.COUNTRIES and django_countries.Countries.COMMON_NAMES.",
        "COUNTRY_NAMES = [",
        *(f"    gettext_noop({name!r})," for name in country_names()),
        "]",
        "",
    ]
    return "\n".join(lines)


def main():
    import os

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
    django.setup()
    OUTPUT.write_text(render())
    subprocess.run([ROOT / ".venv" / "bin" / "ruff", "format", "--quiet", OUTPUT], check=True)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
