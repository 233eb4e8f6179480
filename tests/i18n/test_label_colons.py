"""The colon after a label is written as each language writes it: French puts a no-break
space before it ("Lieu : …"), Khmer uses its own sign ("ទីកន្លែង៖ …"). One message gives it,
`pgettext("a label before its value", "%(label)s:")`, in the templates
(`{% blocktranslate context "a label before its value" %}`), in the code and, for the
colons drawn by CSS, in `:lang()` rules."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, pgettext

from cfp.forms import ScoreForm, SessionChoiceField
from events.models import Session
from recommendations.parsing.base import RowError
from tests import factories

LANGUAGES = ("fr", "km")
COLON = {"fr": "\u00a0:", "km": "\u17d6"}
TEMPLATES = Path(settings.BASE_DIR) / "templates"
STATIC_CSS = Path(settings.BASE_DIR) / "static" / "css"

# A colon right after a tag, a variable or a translation ("{% translate 'Venue' %}: …",
# "{{ row.label }}: …", "</strong>: …"), once the translated blocks and comments are taken
# out: a colon inside a msgid is the translators' to write.
TRANSLATED_BLOCK = re.compile(r"{% blocktrans(?:late)?\b.*?{% endblocktrans(?:late)? %}", re.S)
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)
BARE_COLON = re.compile(r"(?:%}|}}|</\w+>):(?=\s|<|$)", re.M)


def label_colon(text):
    """`text` as a label before its value, in the active language."""
    return pgettext("a label before its value", "%(label)s:") % {"label": text}


def test_the_catalogue_gives_each_language_its_colon():
    for language in LANGUAGES:
        with translation.override(language):
            assert label_colon("X") == f"X{COLON[language]}"


def test_no_template_writes_a_label_colon_outside_translation():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = COMMENT.sub("", TRANSLATED_BLOCK.sub("", path.read_text()))
        for line in text.splitlines():
            if BARE_COLON.search(line):
                found.append(f"{path.relative_to(TEMPLATES)}: {line.strip()[:120]}")

    assert found == []


@pytest.fixture
def programme(db):
    team = factories.TeamFactory(slug="team-colons", contact_email="desk@colons.test")
    event = factories.EventFactory(team=team, slug="colons", status="published")
    day = factories.ProgrammeDayFactory(event=event, title="Opening", venue="Hall A")
    session = factories.SessionFactory(day=day, title="Panel on land", state_under_review="KH")
    session.themes.set(team.themes.all()[:1])
    role = factories.SessionRoleFactory(session=session, person__team=team)
    return {"team": team, "event": event, "day": day, "session": session, "role": role}


@pytest.fixture
def superuser_client(client, db):
    client.force_login(factories.UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _page(client, url, language):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    return html


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_write_their_labels_colon_in_the_language(superuser_client, programme, language):
    person = programme["role"].person
    pages = {  # each page, and the labels it shows before a value
        reverse("events:programme", args=["colons"]): lambda: [
            gettext("State under Review"),
            gettext("Themes"),
        ],
        reverse("accounts:team_detail", args=["team-colons"]): lambda: [gettext("Contact")],
        reverse("participants:person_detail", args=[person.pk]): lambda: [
            programme["role"].get_role_display()
        ],
        reverse("security:history", args=["person", person.pk]): lambda: [gettext("History")],
    }

    for url, labels in pages.items():
        html = _page(superuser_client, url, language)
        with translation.override(language):
            for label in labels():
                assert escape(label_colon(label)) + " " in html, (url, label)
                assert escape(label) + ": " not in html, (url, label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_summary_writes_the_fields_colon_in_the_language(language):
    with translation.override(language):
        html = render_to_string("_error_summary.html", {"form": ScoreForm(data={})})

        assert f"{escape(gettext('Score'))}{COLON[language]} " in html
        assert f"{escape(gettext('Score'))}: " not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_made_in_code_write_the_colon_in_the_language(programme, language):
    day, session = programme["day"], programme["session"]
    field = SessionChoiceField(queryset=Session.objects.all())

    with translation.override(language):
        day_name = str(day)
        session_choice = field.label_from_instance(session)
        row_error = str(RowError("row 12", "no text"))

    assert day_name.endswith(f"{COLON[language]} Opening")
    assert session_choice.startswith(f"{day_name}{COLON[language]} ")
    assert row_error == f"row 12{COLON[language]} no text"


def test_labels_made_in_code_stay_plain_in_english(programme):
    assert str(programme["day"]).endswith(": Opening")
    assert str(RowError("row 12", "no text")) == "row 12: no text"
    assert str(RowError("", "no text")) == "no text"


def test_colons_drawn_by_css_have_french_and_khmer_rules():
    """Every `content` of reviews.css that ends a label with ": " has a :lang(fr) rule with
    the no-break space and a :lang(km) rule with ៖ for the same selector."""
    css = re.sub(r"/\*.*?\*/", "", (STATIC_CSS / "reviews.css").read_text(), flags=re.S)
    contents = {
        selector.strip(): body
        for selector, body in re.findall(r"([^{}]+){([^}]*content:[^}]*)}", css)
    }
    english = [selector for selector, body in contents.items() if '": "' in body]

    assert english
    for selector in english:
        if selector.startswith(":lang("):
            continue
        assert '"\\a0" ": "' in contents[f":lang(fr) {selector}"], selector
        assert '"\\17d6" " "' in contents[f":lang(km) {selector}"], selector


def test_report_testimony_opens_with_the_languages_quotation_mark():
    css = (STATIC_CSS / "report.css").read_text()

    assert re.search(r':lang\(fr\) \.testimony::before[^{]*{\s*content: "«"', css)
    assert re.search(r':lang\(km\) \.testimony::before\s*{\s*content: "«"', css)
