"""Every page of the permission grid's 200 cells, in French and in Khmer, renders without an
error and without an English sentence of the app's catalogue left on it.

The grid (tests/test_permission_grid.py) names every URL of the app and the roles that get a
200. Each such GET is requested here in French and in Khmer (the `Accept-Language` header,
which `LocaleMiddleware` reads, and `?lang=` on the public site) by every role that gets it,
since roles see different parts of a page. The page's visible text (tags, scripts and styles
stripped; the `title`, `placeholder`, `aria-label` and `alt` attributes and button labels
kept) is scanned for the English msgids of `locale/<language>/LC_MESSAGES/django.po`.

Which msgids: those whose translation differs from the English, cut at their placeholders and
HTML tags into literal fragments, keeping the fragments of at least three words. Shorter ones
("Save", "New event") are too often a person's or an organisation's name, a fixture value or a
word French shares with English to be told apart from data; three words are a phrase. A
fragment that also appears in some translation of the catalogue (a proper name such as
"UPR Info" kept as written) is left out too: finding it proves nothing. Words are compared in
lower case, punctuation ignored, so "Log in." on a page matches the msgid "Log in".

Files (PDF, CSV, calendar, JSON) are only requested: each language answers 200 with its type.
"""

import re
from functools import cache
from pathlib import Path

import lxml.html
import polib
import pytest
from django.conf import settings

from tests.grid import ROLES
from tests.test_permission_grid import ROWS, world  # noqa: F401 (the fixture)

LANGUAGES = ("fr", "km")
MIN_WORDS = 3
PLACEHOLDER_OR_TAG = re.compile(r"%\([^)]+\)[sdif]|%[sdif%]|\{[a-z_0-9]*\}|<[^>]*>|&[a-z]+;")
WORD = re.compile(r"\w+")
# The attributes a reader sees (or hears from a screen reader) besides the text.
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

# Fixture values of the grid's world that coincide with a fragment of a msgid: data, not an
# untranslated message. (None today; add one here with the reason.)
FIXTURE_TEXTS: set[tuple[str, ...]] = set()


def _words(text):
    return tuple(WORD.findall(text.lower()))


def _fragments(msgid):
    """The literal runs of a msgid between its placeholders and tags, as word tuples."""
    for part in PLACEHOLDER_OR_TAG.split(msgid):
        words = _words(part)
        if len(words) >= MIN_WORDS:
            yield words


@cache
def english_index(language):
    """{first three words: {fragment: msgid}} of the English that must not be left."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    catalogue = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
    translations = []  # every translation, as words
    pairs = []  # (English text, its translations)
    for entry in catalogue:
        if entry.msgid_plural:
            forms = [form for _n, form in sorted(entry.msgstr_plural.items())]
            pairs += [(entry.msgid, forms), (entry.msgid_plural, forms)]
        else:
            forms = [entry.msgstr]
            pairs.append((entry.msgid, forms))
        translations += [_words(form) for form in forms if form]
    # one string to search in: " word word \n word ... " (a fragment is found whole words)
    translated = "".join(f" {' '.join(words)} \n" for words in translations)
    index = {}
    for english, forms in pairs:
        if not any(forms) or all(form == english for form in forms):
            continue  # untranslated (test_catalogues fails) or the same in both languages
        for fragment in _fragments(english):
            if fragment in FIXTURE_TEXTS or f" {' '.join(fragment)} " in translated:
                continue
            index.setdefault(fragment[:MIN_WORDS], {})[fragment] = english
    return index


def visible_text(html):
    root = lxml.html.document_fromstring(html)
    for element in root.iter("script", "style", "template"):
        element.drop_tree()
    parts = [root.text_content()]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parts += [element.get(name) for name in VISIBLE_ATTRIBUTES if element.get(name)]
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            parts.append(element.get("value") or "")
    return "\n".join(parts)


def english_left(html, language):
    """The msgids of the catalogue found in English on the page."""
    index = english_index(language)
    words = _words(visible_text(html))
    found = set()
    for i in range(len(words) - MIN_WORDS + 1):
        candidates = index.get(words[i : i + MIN_WORDS])
        for fragment, msgid in (candidates or {}).items():
            if words[i : i + len(fragment)] == fragment:
                found.add(msgid)
    return found


def test_the_scan_finds_an_english_message_and_passes_its_translation():
    """The scan itself: a msgid left in English is found, its translation is not."""
    entry = next(
        entry
        for entry in polib.pofile(
            str(Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po")
        )
        if entry.msgid == "Your team has no other event to copy from."
    )
    page = "<html><body><p>{}</p><script>var s = '{}';</script></body></html>"

    assert english_left(page.format(entry.msgid, ""), "fr") == {entry.msgid}
    assert english_left(page.format(entry.msgstr, entry.msgid), "fr") == set()
    assert english_left(f'<input type="submit" value="{entry.msgid}">', "fr") == {entry.msgid}


GET_ROWS = [row for row in ROWS if row.method == "get" and 200 in map(row.expected, ROLES)]


@pytest.mark.parametrize("row", GET_ROWS, ids=[row.name for row in GET_ROWS])
def test_page_in_french_and_khmer(client, world, row):  # noqa: F811 (the fixture)
    roles = [role for role in ROLES if row.expected(role) == 200]
    left = {}
    for role in roles:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(world.users, role))
        for language in LANGUAGES:
            client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
            url = row.url(world)
            if row.name.startswith("public:"):
                url += ("&" if "?" in url else "?") + f"lang={language}"
            response = client.get(url)

            assert response.status_code == 200, (role, language)
            if row.content_type:
                assert response["Content-Type"].startswith(row.content_type), (role, language)
                continue
            html = response.content.decode()
            if "<html" in html:  # a whole page, not an htmx fragment
                assert f'<html lang="{language}"' in html, (role, language)
            for msgid in english_left(html, language):
                left.setdefault(msgid, set()).add(f"{role}/{language}")

    assert not left, "English left on the page:\n" + "\n".join(
        f"  {msgid!r}  ({', '.join(sorted(where))})" for msgid, where in sorted(left.items())
    )
