"""Draw docs/screenshots/khmer-line-breaking.png: a long Khmer paragraph (no spaces between
words, as Khmer is written) laid out by WeasyPrint with the report's stylesheet, as Pango
alone lays it out (left: sentences run past the margin) and after reports/khmer.py marked
its word boundaries (right).

    .venv/bin/python scripts/khmer_line_breaking.py [--output docs/screenshots]

Needs pdftoppm (poppler-utils).
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

PARAGRAPH = (
    "ការពិនិត្យតាមកាលកំណត់ជាសកលគឺជាដំណើរការមួយដែលរដ្ឋជាសមាជិកនៃអង្គការសហប្រជាជាតិទាំងអស់"
    "ត្រូវបានពិនិត្យលើស្ថានភាពសិទ្ធិមនុស្សរបស់ខ្លួន។"
    "អង្គការសង្គមស៊ីវិលបានរៀបចំកិច្ចប្រជុំមុនសម័យប្រជុំដើម្បីផ្តល់ព័ត៌មានដល់ស្ថានទូតនៃរដ្ឋដែលផ្តល់អនុសាសន៍។"
) * 3


def document(caption):
    from django.templatetags.static import static

    from reports.pdf import INTERNAL_BASE_URL

    stylesheet = INTERNAL_BASE_URL + static("css/report.css").lstrip("/")
    return (
        '<!doctype html><html lang="km"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{stylesheet}"></head><body><main class="document">'
        f"<h2>{caption}</h2><p>{PARAGRAPH}</p></main></body></html>"
    )


def page_png(content, folder, name):
    pdf_path = Path(folder) / f"{name}.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf_path,
            Path(folder) / name,
        ],
        check=True,
    )
    return Path(folder) / f"{name}.png"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "docs" / "screenshots"))
    arguments = parser.parse_args()

    import django

    django.setup()
    from PIL import Image
    from weasyprint import HTML

    from reports import pdf

    without = HTML(
        string=document("Pango alone"),
        base_url=pdf.INTERNAL_BASE_URL,
        url_fetcher=pdf.StaticFilesURLFetcher(),
    ).write_pdf()
    with_breaks = pdf.html_to_pdf(document("With word boundaries (U+200B)"))
    with tempfile.TemporaryDirectory() as folder:
        pages = [
            Image.open(page_png(content, folder, name)).convert("RGB")
            for name, content in (("without", without), ("with", with_breaks))
        ]
        # The top half of each page holds the paragraph.
        height = pages[0].height // 2
        sheet = Image.new("RGB", (sum(page.width for page in pages) + 16, height), "#888888")
        x = 0
        for page in pages:
            sheet.paste(page.crop((0, 0, page.width, height)), (x, 0))
            x += page.width + 16
        target = Path(arguments.output) / "khmer-line-breaking.png"
        buffer = io.BytesIO()
        sheet.quantize(256).save(buffer, format="PNG", optimize=True)
        target.write_bytes(buffer.getvalue())
    print(target)


if __name__ == "__main__":
    main()
