"""Content written in one language, with translations beside it.

A text users write (an event's title, a theme's name, the report's narrative, a testimony)
is kept as typed in its own field, in the language its author wrote it in (`language`), and
its translations live beside it in `translations`, `{"fr": {"title": "..."}, ...}`. Lookups,
ordering, uniqueness and search keep working on the original field; a page or a PDF in
another language asks `text_in()`, which falls back to the original when there is no
translation and says so, so the reader can be told.

(Chosen over django-modeltranslation, whose per-language columns make one language the
"default" column, and over django-i18nfield, which stores JSON in the original column and so
breaks name lookups, ordering, unique names and PostgreSQL full-text search.)
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Text:
    """A text in the language asked for, or the original when it has no translation."""

    text: str
    language: str
    fallback: bool = False  # True: not translated into the language asked for

    def __str__(self):
        return self.text


def supported_language(language=None):
    """`language` (default: the active one) as one of settings.LANGUAGES ("fr-ch" gives
    "fr"); the default language when it is none of them."""
    try:
        return translation.get_supported_language_variant(
            language or translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


# A language's name as it is written inside a sentence ("en français", "Name, in English"):
# French writes it in lower case there, unlike the menu's "Français".
NAMES_IN_A_SENTENCE = {
    "en": pgettext_lazy("a language's name inside a sentence", "English"),
    "fr": pgettext_lazy("a language's name inside a sentence", "French"),
    "km": pgettext_lazy("a language's name inside a sentence", "Khmer"),
}


def language_name(code):
    """The language's name in the active language, as written inside a sentence."""
    if code in NAMES_IN_A_SENTENCE:
        return str(NAMES_IN_A_SENTENCE[code])
    return translation.gettext(dict(settings.LANGUAGES).get(code, code))


def text_in(obj, field, language=None, *, original_language=None):
    """`obj`'s `field` in `language` (default: the active language), as a Text."""
    language = supported_language(language)
    original = original_language or obj.language
    text = getattr(obj, field)
    if language != original:
        translated = (obj.translations or {}).get(language, {}).get(field, "")
        if translated:
            return Text(translated, language)
        return Text(text, original, fallback=bool(text))
    return Text(text, original)


def language_field(**kwargs):
    return models.CharField(
        _("language of the text"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language it was written in. Translations can be added beside it."),
        **kwargs,
    )


def translations_field():
    return models.JSONField(_("translations"), default=dict, blank=True)


class TranslationsFormMixin:
    """A ModelForm that edits the translations of `translated_fields` beside the original:
    one optional field per other language, named `<field>__<language>`.

    The original language is the instance's (or `original_language=`, for the items of a
    report); `translation_groups` gives the fields per language for the template."""

    translated_fields = ()

    def __init__(self, *args, original_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_language = (
            original_language or getattr(self.instance, "language", "") or settings.LANGUAGE_CODE
        )
        if "language" in self.fields:
            # A form posted without it (an older page, an API client) keeps the language.
            self.fields["language"].required = False
        saved = self.instance.translations or {}
        for code, _name in settings.LANGUAGES:
            if code == self.original_language:
                continue
            for field in self.translated_fields:
                base = self.fields[field]
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=_("%(field)s, in %(language)s")
                    % {"field": base.label, "language": language_name(code)},
                    required=False,
                    max_length=getattr(base, "max_length", None),
                    widget=type(base.widget)(attrs={**base.widget.attrs, "lang": code}),
                    initial=saved.get(code, {}).get(field, ""),
                )

    def clean_language(self):
        return self.cleaned_data.get("language") or self.original_language

    def original_fields(self):
        """The form's visible fields other than the translations, in their order."""
        return [field for field in self.visible_fields() if "__" not in field.name]

    def translation_groups(self):
        """[(language name, [bound fields])] for each language other than the original."""
        return [
            (language_name(code), [self[f"{field}__{code}"] for field in self.translated_fields])
            for code, _name in settings.LANGUAGES
            if code != self.original_language
        ]

    def _post_clean(self):
        super()._post_clean()
        original = self.cleaned_data.get("language", self.original_language)
        translations = {}
        for code, _name in settings.LANGUAGES:
            texts = {
                field: self.cleaned_data.get(f"{field}__{code}", "").strip()
                for field in self.translated_fields
            }
            texts = {field: text for field, text in texts.items() if text}
            if texts and code != original:
                translations[code] = texts
        self.instance.translations = translations
