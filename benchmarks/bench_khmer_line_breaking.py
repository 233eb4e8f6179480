"""Khmer line breaking for PDFs: how fast `reports.khmer` finds word boundaries.

Khmer is written without spaces between words and Pango breaks lines only at spaces, so
every Khmer text printed to PDF goes through khmercut's word segmenter first (one CRF model,
17 MB, loaded with the first Khmer text). The text measured is every Khmer message of the
app's catalogue, written without its spaces, as a report's narrative would be: a few
thousand words of real Khmer.

Target 10,000 characters/s: a long activity report written in Khmer (some 20,000
characters of narrative, testimonies and factsheet titles) then spends at most 2 s more on
its PDF, beside the 5-10 s WeasyPrint takes to lay it out.

    .venv/bin/python benchmarks/bench_khmer_line_breaking.py
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

import polib  # noqa: E402

from reports import khmer  # noqa: E402


def emit(figure, value, unit, target, better="higher"):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": better}
        )
    )


def khmer_paragraphs():
    catalogue = polib.pofile(str(ROOT / "locale" / "km" / "LC_MESSAGES" / "django.po"))
    texts = [entry.msgstr.replace(" ", "") for entry in catalogue if entry.msgstr]
    return [text for text in texts if khmer.KHMER_RUN.search(text)]


def main():
    paragraphs = khmer_paragraphs()
    html = "<html><body>" + "".join(f"<p>{text}</p>" for text in paragraphs) + "</body></html>"
    characters = sum(len(run) for run in khmer.KHMER_RUN.findall(html))

    started = time.perf_counter()
    khmer.segment("ការត្រួតពិនិត្យ")  # loads the model
    emit("khmer_model_load_s", round(time.perf_counter() - started, 2), "s", 5, "lower")

    khmer.segment.cache_clear()
    started = time.perf_counter()
    khmer.break_khmer_words(html)
    elapsed = time.perf_counter() - started
    emit("khmer_segment_chars_per_s", round(characters / elapsed), "chars/s", 10000)
    # A second report of the same texts (the cache of runs already segmented).
    started = time.perf_counter()
    khmer.break_khmer_words(html)
    emit(
        "khmer_segment_cached_ms",
        round((time.perf_counter() - started) * 1000, 1),
        "ms",
        50,
        "lower",
    )


if __name__ == "__main__":
    main()
