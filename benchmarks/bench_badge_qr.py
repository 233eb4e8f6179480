"""Badge QR codes: what the check-in code adds to a badges PDF, and what a scan costs.

`badge_qr_1000_ms`: making the QR codes (signed token, then segno's SVG data URI) of 1,000
badges, the size of a big event's badges job; `badges_pdf_qr_share`: their share of the
badges PDF of 96 badges (one part of the job). `badge_token_read_us`: reading a scanned
token at the desk (shape check and signature), per scan. No database: the registrations are
plain objects with an id and an event id.

    .venv/bin/python benchmarks/bench_badge_qr.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ["DJANGO_DEBUG"] = "1"
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from participants.badge_tokens import badge_token, read_badge_token  # noqa: E402
from reports import pdf  # noqa: E402


def report(figure, value, unit, target=None, better="lower"):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": better}
        )
    )


def badge(pk, event_id=7):
    person = SimpleNamespace(full_name=f"Person {pk} Family", organisation=None)
    return SimpleNamespace(
        pk=pk,
        event_id=event_id,
        person=person,
        role="participant",
        get_role_display=lambda: "Participant",
    )


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


badges = [badge(pk) for pk in range(1, 1001)]
report(
    "badge_qr_1000_ms",
    round(timed(lambda: [pdf.badge_qr(b) for b in badges], 3) * 1000),
    "ms",
    2000,
)

part = badges[: pdf.BADGES_PER_PART]
event = SimpleNamespace(title="Benchmark pre-session", co_organisers=SimpleNamespace(all=list))


def document(with_qr):
    for registration in part:
        registration.badge_qr = pdf.badge_qr(registration) if with_qr else ""
    html = render_to_string(
        "reports/badges_document.html",
        {
            "event": event,
            "pages": [
                part[i : i + pdf.BADGES_PER_PAGE] for i in range(0, len(part), pdf.BADGES_PER_PAGE)
            ],
        },
    )
    return pdf.html_to_pdf(html)


with_qr = timed(lambda: document(True), 3)
without_qr = timed(lambda: document(False), 3)
report("badges_pdf_96_with_qr_ms", round(with_qr * 1000), "ms")
report("badges_pdf_96_without_qr_ms", round(without_qr * 1000), "ms")
report("badges_pdf_qr_share", round((with_qr - without_qr) / with_qr, 2), "ratio", 0.5)

token = badge_token(badges[0])
scan_event = SimpleNamespace(pk=7)
runs = 2000
start = time.perf_counter()
for _ in range(runs):
    read_badge_token(token, event=scan_event)
report("badge_token_read_us", round((time.perf_counter() - start) / runs * 1e6, 1), "us", 1000)
