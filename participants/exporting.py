"""Writing exports: CSV (UTF-8 with BOM, so Excel shows Khmer and accents), XLSX and JSON.

CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe by the
resources (`escape_formulae`). XLSX cells are always written as typed text, never as
formulas, so they need no prefix; JSON keeps the exact values for programs.
"""

import csv
import io
import json

from django.utils.translation import gettext_lazy as _

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", _("CSV")),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Excel (XLSX)"),
    ),
    "json": ("application/json", _("JSON")),
}


def _text(value):
    return "" if value is None else value


def render_csv(dataset):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(dataset.headers)
    writer.writerows([_text(value) for value in row] for row in dataset)
    return buffer.getvalue().encode("utf-8")


def render_xlsx(dataset, *, title="Export"):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cell(value):
        # Plain values are written as they are (the fast path); only text that openpyxl
        # would turn into a formula, or that holds characters XML forbids, gets a cell
        # typed as text.
        if isinstance(value, str) and (
            value.startswith("=") or ILLEGAL_CHARACTERS_RE.search(value)
        ):
            written = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
            written.data_type = TYPE_STRING
            return written
        return "" if value is None else value

    sheet.append([cell(str(header)) for header in dataset.headers])
    for row in dataset:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_json(dataset):
    rows = [dict(zip(dataset.headers, row, strict=False)) for row in dataset]
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def render(dataset, export_format, *, title="Export"):
    if export_format == "csv":
        return render_csv(dataset)
    if export_format == "xlsx":
        return render_xlsx(dataset, title=title)
    return render_json(dataset)
