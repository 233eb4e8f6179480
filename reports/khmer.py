"""Line-break opportunities in Khmer text, for the PDFs.

Khmer is written without spaces between words, and Pango (WeasyPrint's text layout) has no
Khmer dictionary: a Khmer paragraph is laid out as one unbreakable word and runs off the
page. Browsers break it with ICU's dictionary, PDFs do not. So before WeasyPrint sees a
document, every run of Khmer text in its body gets a zero-width space (U+200B, a break
opportunity that prints nothing) between words, as found by khmercut's word segmenter (a
CRF model shipped inside the wheel, nothing downloaded). Text extracted from such a PDF may
carry the zero-width spaces: strip them before comparing.
"""

import re
from functools import lru_cache

ZERO_WIDTH_SPACE = "\u200b"

# Khmer and Khmer Symbols (lunar dates) blocks.
KHMER_RUN = re.compile("[\u1780-\u17ff\u19e0-\u19ff]+")
# Signs that stay with the word before them: a line never starts with one.
NO_BREAK_BEFORE = set("\u17d4\u17d5\u17d6\u17d7\u17d8\u17d9\u17da\u17db")
# Markup, and elements whose text is not laid out on a page.
TAG = re.compile(r"(<[^>]*>)")
BODY_START = re.compile(r"<body[\s>]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def segment(run):
    """The words of a run of Khmer text (without spaces), joined by zero-width spaces."""
    from khmercut import tokenize  # loads its model (17 MB) on the first Khmer text only

    text = ""
    for token in tokenize(run):
        if text and token[0] not in NO_BREAK_BEFORE:
            text += ZERO_WIDTH_SPACE
        text += token
    return text


def _break_text(text):
    return KHMER_RUN.sub(lambda match: segment(match.group()), text)


def break_khmer_words(html):
    """`html` with zero-width spaces between the Khmer words of its body's text.

    Only text between tags is changed (never a tag, an attribute or the head's title and
    metadata), so the markup and the document's metadata stay as they were. The HTML was
    escaped and sanitised before: this adds one invisible character and nothing else.
    """
    if KHMER_RUN.search(html) is None:
        return html
    body = BODY_START.search(html)
    start = body.start() if body else 0
    parts = TAG.split(html[start:])
    # Odd positions are tags; even ones the text between them.
    for index in range(0, len(parts), 2):
        if parts[index]:
            parts[index] = _break_text(parts[index])
    return html[:start] + "".join(parts)
