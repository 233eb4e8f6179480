"""The French and Khmer catalogues are complete: every message the code marks for
translation is in them, translated, not fuzzy, with the same placeholders as its msgid.

The messages are extracted afresh by `makemessages` (GNU gettext's xgettext) from a copy of
the source in a temporary folder, so a string added without updating the catalogues fails
here, not in front of a Khmer-speaking user."""

import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from accounts.translations import IGNORED_PATHS

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".js"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")
PLURAL_FORMS = {"fr": 2, "km": 1}


def _copy_source(target):
    for path in settings.BASE_DIR.rglob("*"):
        relative = path.relative_to(settings.BASE_DIR)
        if relative.parts[0] in IGNORED_PATHS or relative.parts[0] == "locale":
            continue
        if path.is_file() and path.suffix in SOURCE_SUFFIXES:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """{domain: set of (msgctxt, msgid)} as makemessages finds them in the code today."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed to check the catalogues: apt-get install gettext")
    root = tmp_path_factory.mktemp("source")
    warnings = io.StringIO()
    _copy_source(root)
    (root / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setattr(settings, "LOCALE_PATHS", [root / "locale"])
        for domain in ("django", "djangojs"):
            call_command("makemessages", locale=["fr"], domain=domain, verbosity=1, stdout=warnings)
    found = {"warnings": warnings.getvalue()}
    for domain in ("django", "djangojs"):
        po_path = root / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po"
        entries = polib.pofile(str(po_path)) if po_path.exists() else []
        found[domain] = {(entry.msgctxt, entry.msgid): entry for entry in entries}
    return found


def test_no_message_is_used_both_with_and_without_a_plural(extracted):
    """xgettext keeps only the plural entry then, and the singular use stays in English:
    give one of them a context (pgettext, `{% blocktranslate context ... %}`)."""
    assert "warning" not in extracted["warnings"], extracted["warnings"]


def _catalogue(language, domain):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(path))}


def _describe(keys):
    return "\n".join(
        sorted(f"  {msgid!r}" + (f" (context {ctxt!r})" if ctxt else "") for ctxt, msgid in keys)[
            :40
        ]
    )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_in_the_catalogue(extracted, language, domain):
    catalogue = _catalogue(language, domain)
    missing = extracted[domain].keys() - {
        key for key, entry in catalogue.items() if not entry.obsolete
    }
    assert not missing, (
        f"{len(missing)} message(s) missing from locale/{language}/LC_MESSAGES/{domain}.po "
        f"(run `make messages`, then translate):\n{_describe(missing)}"
    )


def _translations(entry, language):
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(n, "") for n in range(PLURAL_FORMS[language])]
    return [entry.msgstr]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(extracted, language, domain):
    catalogue = _catalogue(language, domain)
    wanted = [catalogue[key] for key in extracted[domain] if key in catalogue]
    untranslated = [(e.msgctxt, e.msgid) for e in wanted if not all(_translations(e, language))]
    fuzzy = [(e.msgctxt, e.msgid) for e in wanted if e.fuzzy]
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {language}/{domain}.po:\n{_describe(untranslated)}"
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}/{domain}.po:\n{_describe(fuzzy)}"


def _placeholders_differ(entry, language):
    forms = _translations(entry, language)
    if not entry.msgid_plural:
        return sorted(PLACEHOLDER.findall(forms[0])) != sorted(PLACEHOLDER.findall(entry.msgid))
    # A singular form may drop the count ("un représentant de %(organisation)s"); no form
    # may add a placeholder, and the last form keeps every named one of the plural msgid.
    allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
    if any(set(PLACEHOLDER.findall(form)) - allowed for form in forms):
        return True
    return bool(set(PLACEHOLDER.findall(entry.msgid_plural)) - set(PLACEHOLDER.findall(forms[-1])))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_the_same_in_msgid_and_msgstr(language, domain):
    wrong = [
        key
        for key, entry in _catalogue(language, domain).items()
        if not entry.obsolete and entry.translated() and _placeholders_differ(entry, language)
    ]
    assert not wrong, f"placeholders differ in {language}/{domain}.po:\n{_describe(wrong)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_one_in_use(language):
    """The suite compiles the catalogues when it starts (tests/conftest.py), as `make run`
    does: a page in French or Khmer is translated."""
    assert (Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.mo").exists()
    with translation.override(language):
        assert translation.gettext("State under Review") != "State under Review"
