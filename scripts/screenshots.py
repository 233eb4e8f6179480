"""Regenerate the README's screenshots (docs/screenshots/) from the demo event.

    .venv/bin/python scripts/screenshots.py [--output docs/screenshots]

Builds a throwaway SQLite database with `load_demo`, serves it with `runserver` on a free
local port, logs in through the login page (two-factor step included) in the system
Chromium, and saves 1280-pixel-wide PNGs (and the desk on a 390-pixel phone), reduced to
a 256-colour palette to stay small. The event overview and the report are also taken in
Khmer and in French (the language chosen in the header's menu), with the PDF's cover in Khmer.
The first page of the activity report's PDF is drawn with pdftoppm (poppler-utils).
"""

import argparse
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1280
HEIGHT = 860
PHONE_WIDTH = 390
PHONE_HEIGHT = 844
DEMO_EVENT = "cambodia-2018"
GENEVA_EVENT = "geneva-pre-sessions-demo"
# The languages shown besides English, each with its name in the language menu.
LANGUAGES = [("km", "ខ្មែរ"), ("fr", "Français")]
DEMO_PASSWORDS = {
    "organiser": "organiser-demo-2018",
    "reports": "reports-demo-2018",
    "geneva-reports": "geneva-reports-demo",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "upr_presession.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'screenshots.sqlite3'}"
    os.environ["DJANGO_PRIVATE_MEDIA_ROOT"] = str(workdir / "private_media")
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DJANGO_REQUIRE_2FA"] = "1"
    # Playwright's sync API runs an event loop in this thread; the ORM calls made here
    # (pairing the demo logins' authenticators) are plain synchronous code all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    os.environ.setdefault("DJANGO_SECRET_KEY", "screenshots-only-" + os.urandom(16).hex())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load_demo():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=io.StringIO())
    # The French and Khmer pages need the compiled catalogues, as `make run` compiles them.
    call_command("compile_translations", stdout=io.StringIO())


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server at {url} did not answer within {timeout} s.")


def log_in(page, base_url, username):
    """Log in through the login page; the demo login's authenticator app is paired first."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from participants.models import User

    device, _ = TOTPDevice.objects.get_or_create(
        user=User.objects.get(username=username), confirmed=True, name="authenticator"
    )
    # A second login within the same 30 seconds types the same code, which django-otp
    # refuses once used: forget the last one used (a throwaway database).
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("button", name="Log out").wait_for()


def save_png(png_bytes, path, width=WIDTH):
    """Save `png_bytes` `width` pixels wide with a 256-colour palette (a fraction of the size
    of full colour; screenshots of a web page have few colours)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    if image.width != width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)
    print(f"{path.name}  {path.stat().st_size // 1024} KB")


def pdf_first_page(pdf_bytes, workdir):
    workdir.mkdir(exist_ok=True)
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install the Debian package poppler-utils.")
    for old in workdir.glob("page*.png"):  # pdftoppm's digits follow the page count
        old.unlink()
    pdf = workdir / "report.pdf"
    pdf.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-png", "-f", "1", "-l", "1", "-scale-to-x", str(WIDTH), "-scale-to-y", "-1"]
        + [str(pdf), str(workdir / "page")],
        check=True,
    )
    (page,) = workdir.glob("page*.png")
    return page.read_bytes()


def take(output, workdir, base_url):
    from django.db.models import Count
    from django.urls import reverse
    from playwright.sync_api import expect, sync_playwright

    from events.models import Event
    from factsheets.models import Factsheet
    from participants.models import User

    event = Event.objects.get(slug=DEMO_EVENT)
    day = event.days.order_by("date")[1]
    first_cycle = event.team.reviews.get(state_under_review="KH", cycle=1)
    third_cycle = event.reviews.get(state_under_review="KH")
    matched_factsheet = (
        Factsheet.objects.filter(event=event, recommendations__uptake_links__isnull=False)
        .distinct()
        .first()
    )
    busiest_theme = (
        first_cycle.recommendations.values("themes")
        .exclude(themes=None)
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()["themes"]
    )
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB")
        page = context.new_page()

        def shot(name, path, height=HEIGHT):
            page.goto(f"{base_url}{path}")
            page.wait_for_load_state("networkidle")
            clip = {"x": 0, "y": 0, "width": WIDTH, "height": height}
            save_png(page.screenshot(clip=clip), output / f"{name}.png")
            shots.append(name)

        log_in(page, base_url, "organiser")
        shot("dashboard", "/", height=300)  # one demo event: the rest would be empty
        shot("event-overview", f"/events/{DEMO_EVENT}/")
        shot("programme", f"/events/{DEMO_EVENT}/programme/")
        page.goto(f"{base_url}/participants/events/{DEMO_EVENT}/desk/{day.pk}/")
        page.get_by_role("searchbox", name="Search registrations").fill("Chan")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the search waits 200 ms after the last key
        save_png(page.screenshot(), output / "attendance-desk.png")
        shots.append("attendance-desk")
        shot("factsheet-coverage", f"/factsheets/events/{DEMO_EVENT}/coverage/")
        # Recommendations: Cambodia's first cycle (real), the demo event's third cycle.
        shot("review-page", reverse("recommendations:review_detail", args=[first_cycle.pk]))
        shot(
            "uptake-factsheet",
            reverse(
                "recommendations:uptake_factsheet", args=[third_cycle.pk, matched_factsheet.pk]
            ),
        )
        targeting = reverse("recommendations:targeting", args=[event.team.slug])
        shot("states-to-approach", f"{targeting}?state=KH&theme={busiest_theme}")
        shot("implementation", reverse("recommendations:monitoring", args=[third_cycle.pk]))
        # The selection of speakers: the accepted applications come ticked; tick one more
        # and wait for the balance panel to show the new share of women.
        page.goto(f"{base_url}{reverse('cfp:selection', args=[event.slug])}")
        women = page.locator("#balance [data-figure=women]")
        before = women.inner_text()
        page.get_by_role("checkbox", name=re.compile("Civic Space Watch Cambodia")).check()
        expect(women).not_to_have_text(before)
        save_png(page.screenshot(), output / "cfp-selection.png")
        shots.append("cfp-selection")
        # The desk on a phone at the door (390 px wide, as the browser tests check).
        page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
        page.goto(f"{base_url}/participants/events/{DEMO_EVENT}/desk/{day.pk}/")
        page.get_by_role("searchbox", name="Search registrations").fill("Chan")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        # From the desk's heading down: the event's tabs above it take a phone's first screen.
        top = page.get_by_role("heading", name="Registration desk").bounding_box()["y"] - 12
        clip = {"x": 0, "y": top, "width": PHONE_WIDTH, "height": PHONE_HEIGHT}
        png = page.screenshot(full_page=True, clip=clip)
        save_png(png, output / "attendance-desk-phone.png", width=PHONE_WIDTH)
        shots.append("attendance-desk-phone")
        context.close()

        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB")
        page = context.new_page()
        log_in(page, base_url, "reports")
        shot("report-preview", f"/reports/{DEMO_EVENT}/")
        response = page.request.get(f"{base_url}/reports/{DEMO_EVENT}/report.pdf")
        if not response.ok or not response.body().startswith(b"%PDF"):
            raise SystemExit(f"The report PDF did not download: HTTP {response.status}")
        save_png(pdf_first_page(response.body(), workdir), output / "report-pdf-page-1.png")
        shots.append("report-pdf-page-1")
        context.close()

        # The overview and the report in Khmer and in French: the language chosen in the
        # header's menu (kept on the account), and the report's PDF cover in Khmer.
        for language, name in LANGUAGES:
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB"
            )
            page = context.new_page()
            # The login's steps are found by their English labels: no language kept yet.
            User.objects.filter(username="reports").update(language="")
            log_in(page, base_url, "reports")
            page.locator(".language-menu").get_by_role("button", name=name).click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            shot(f"event-overview-{language}", f"/events/{DEMO_EVENT}/")
            shot(f"report-preview-{language}", f"/reports/{DEMO_EVENT}/")
            if language == "km":
                response = page.request.get(f"{base_url}/reports/{DEMO_EVENT}/report.pdf")
                if not response.ok or not response.body().startswith(b"%PDF"):
                    raise SystemExit(f"The Khmer report PDF did not download: {response.status}")
                png = pdf_first_page(response.body(), workdir / language)
                save_png(png, output / f"report-pdf-page-1-{language}.png")
                shots.append(f"report-pdf-page-1-{language}")
            context.close()

        # The Geneva series of the other demo team: its overview, report and PDF cover.
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB")
        page = context.new_page()
        log_in(page, base_url, "geneva-reports")
        shot("geneva-overview", f"/events/{GENEVA_EVENT}/")
        shot("geneva-report-preview", f"/reports/{GENEVA_EVENT}/")
        response = page.request.get(f"{base_url}/reports/{GENEVA_EVENT}/report.pdf")
        if not response.ok or not response.body().startswith(b"%PDF"):
            raise SystemExit(f"The Geneva report PDF did not download: HTTP {response.status}")
        save_png(pdf_first_page(response.body(), workdir), output / "geneva-report-pdf-page-1.png")
        shots.append("geneva-report-pdf-page-1")
        context.close()

        # The public site of the demo event, as an anonymous visitor sees it.
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-GB")
        page = context.new_page()
        shot("public-programme", reverse("public:programme", args=[event.team.slug, event.slug]))
        browser.close()
    return shots


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install the Debian package chromium.")
    output = args.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="upr-screenshots-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        load_demo()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(f"{base_url}/accounts/login/")
            shots = take(output, workdir, base_url)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(shots)} screenshots in {output}")


if __name__ == "__main__":
    main()
