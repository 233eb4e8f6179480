"""Where in its file a recommendation was read, stored without words ("row:12") so that each
reader sees it in their own language ("ligne 12", "ជួរដេកទី 12").

The stored forms: "row:N" (a spreadsheet's row), "table_row:N" (a row of a document's table)
and "page:N:PARAGRAPH" (a paragraph of a PDF report). `place_label` puts one into words; a
value in none of these forms is shown as it is.
"""

from django.utils.translation import gettext as _


def row_place(number):
    return f"row:{number}"


def table_row_place(number):
    return f"table_row:{number}"


def page_place(page, paragraph):
    return f"page:{page}:{paragraph}"


def place_label(place):
    """`place` in words, in the active language ("" for none)."""
    kind, _colon, rest = str(place or "").partition(":")
    if kind == "row" and rest.isdigit():
        return _("row %(number)s") % {"number": rest}
    if kind == "table_row" and rest.isdigit():
        return _("table row %(number)s") % {"number": rest}
    page, _colon, paragraph = rest.partition(":")
    if kind == "page" and page.isdigit() and paragraph:
        return _("page %(page)s, paragraph %(paragraph)s") % {
            "page": page,
            "paragraph": paragraph,
        }
    return str(place or "")
