"""Markdown to safe HTML: the only way narrative text reaches a template.

Narrative and testimonies are typed by people and printed by WeasyPrint, which would
happily fetch `<img src="file:///...">` or embed `<link rel="attachment">`. So raw HTML
in the Markdown source is never interpreted (it is shown as text), and the HTML that
Markdown produces is then passed through an allow-list sanitiser as a second wall.
"""

from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# Tags Markdown produces for prose. No img, no link, no style, no iframe: a report's
# narrative has no business loading anything.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Links stay clickable in the PDF (an annotation, never fetched); nothing else is a URL.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _markdown_converter(*, line_breaks):
    extensions = ["sane_lists"]
    if line_breaks:
        extensions.append("nl2br")
    converter = markdown.Markdown(extensions=extensions, output_format="html")
    # Raw HTML blocks and inline tags become literal text instead of markup.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def render_markdown(text, *, line_breaks=False):
    """Turn user-typed Markdown into sanitised HTML, marked safe for templates.

    `line_breaks` keeps single line breaks (for an address block); prose leaves it off.
    """
    if not text or not text.strip():
        return SafeString("")
    return _render(text, line_breaks)


# A pure function of its input, so results are memoised: building the report's HTML is
# what a cached PDF download costs, and the narrative rarely changes between downloads.
@lru_cache(maxsize=256)
def _render(text, line_breaks):
    html = _markdown_converter(line_breaks=line_breaks).convert(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)
