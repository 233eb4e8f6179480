"""Writing exports: CSV (UTF-8 with BOM, so Excel shows Khmer and accents), XLSX and JSON.

CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe by the
resources (`escape_formulae`). XLSX cells are always written as typed text (inline strings),
never as formulas, so they need no prefix; JSON keeps the exact values for programs.
"""

import csv
import io
import json
import math
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

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


# XLSX ------------------------------------------------------------------------------------
# The sheet is written as a stream of XML text: openpyxl's write-only mode builds a Cell and
# an lxml element for every cell, which caps an export at about 4,000 rows of 12 columns a
# second on a shared core (profiled: three quarters of the time in openpyxl's per-cell
# code). Every text cell is an inline string (as xlsxwriter's constant-memory mode writes
# them), so no cell is ever a formula and no shared-string table is kept in memory. The
# imports read the result with openpyxl, like any workbook.

_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument"

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
        '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CONTENT_TYPE}'
        '.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CONTENT_TYPE}'
        '.spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CONTENT_TYPE}'
        '.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_NAMESPACE}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}

# Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, lone surrogates,
# the two non-characters): written as U+FFFD, as before.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Rows handed to the compressor at once.
_XLSX_CHUNK_ROWS = 500


def _xml_text(text):
    if _XML_SPECIAL.search(text) is None:
        return text
    text = _XML_ILLEGAL.sub("\ufffd", text)
    # A carriage return as a character reference: a bare one is read back as a line feed.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _column_letters(count):
    letters = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


def _xlsx_cell(reference, value):
    """One cell that is not a non-empty string (those are written by `_xlsx_rows`)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal) and math.isfinite(value):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return _text_cell(reference, str(value))


def _text_cell(reference, text):
    return (
        f'<c r="{reference}" t="inlineStr">'
        f'<is><t xml:space="preserve">{_xml_text(text)}</t></is></c>'
    )


def _xlsx_rows(rows, width):
    """The `<row>` elements of `rows`, a chunk of rows at a time."""
    letters = _column_letters(width)
    chunk = []
    for number, values in enumerate(rows, start=1):
        cells = [
            # Text is nearly every cell: its test comes first.
            _text_cell(f"{letter}{number}", value)
            if value.__class__ is str and value
            else _xlsx_cell(f"{letter}{number}", value)
            for letter, value in zip(letters, values, strict=False)
        ]
        chunk.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(chunk) == _XLSX_CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _sheet_title(title):
    # Excel refuses these characters, and names over 31 characters, in a sheet's name.
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in title)
    return xml_escape(cleaned.strip()[:31] or "Export", {'"': "&quot;"})


def render_xlsx(dataset, *, title="Export"):
    headers = [str(header) for header in dataset.headers or []]
    workbook = (
        f'<workbook xmlns="{_NAMESPACE}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
        f'<sheet name="{_sheet_title(str(title))}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, part in {**_XLSX_PARTS, "xl/workbook.xml": workbook}.items():
            archive.writestr(name, _XML_HEADER + part)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'{_XML_HEADER}<worksheet xmlns="{_NAMESPACE}"><sheetData>'.encode())
            for chunk in _xlsx_rows([headers, *dataset], dataset.width):
                sheet.write(chunk.encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")
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
