"""The review's recommendations in the shape of OHCHR's thematic list ("the UPR matrix"),
with the "Assessment/comments on level of implementation" column filled: for mid-term
reports and the next cycle's submissions. A boundary: it reads
`stats.implementation_overview` and renders.

The shape is the real list's (parsing/thematic.py reads it): one table of four columns, the
supported recommendations, then the noted ones, each with a "Theme: ..." row before each
theme's recommendations (a recommendation under its first theme, as OHCHR files it), each
recommendation cell "118.23 text (States);" and a last line "Source of Position:
A/HRC/.. - Para 118", the themes cell "- " bullets with "SDGs:" and "Affected persons:"
sub-lists. The column headings, positions, "Theme:" rows (a recommendation without a theme
under "Other recommendations") and the States' names stay OHCHR's English words, whatever
the interface language, so the file reads as OHCHR's own and imports back; only what is
meant for the reader (the title, the note and the assessment column) is in their language.

User text is safe in both files: the XLSX is written by participants/exporting.py (every
cell a typed text, never a formula), and characters XML cannot hold become U+FFFD.
"""

import io
import re
from dataclasses import dataclass

import tablib
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants.exporting import EXPORT_FORMATS, render_xlsx

from .models import Response
from .parsing.wgreport import recommending_states
from .stats import implementation_overview

MATRIX_FORMATS = {
    "xlsx": EXPORT_FORMATS["xlsx"],
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        gettext_lazy("Word (DOCX)"),
    ),
}
# OHCHR's headings and position words: see the module's docstring.
HEADERS = (
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
)
POSITIONS = {
    Response.SUPPORTED: "Supported",
    Response.NOTED: "Noted",
    Response.SUPPORTED_IN_PART: "Supported in part",
    Response.PENDING: "Pending",
}
OTHER_THEME = "Other recommendations"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    return _XML_ILLEGAL.sub("\ufffd", str(text or ""))


@dataclass(frozen=True)
class MatrixRow:
    recommendation: str
    position: str
    themes: str
    assessment: str

    def cells(self):
        return (self.recommendation, self.position, self.themes, self.assessment)


@dataclass(frozen=True)
class MatrixTheme:
    name: str
    rows: tuple


def _recommendation_cell(recommendation, review):
    text = recommendation.text.strip()
    states = [state.country for state in recommendation.recommending_states.all()]
    named, _unknown = recommending_states(text)
    if sorted(named) != sorted(country.code for country in states):
        # The source's text does not name its States (UPR Info's does not): add them as
        # the UN documents write them (in English, as the rest of OHCHR's words).
        with translation.override("en"):
            text += "".join(f" ({country.name})" for country in states)
    if not text.endswith((";", ".")):
        text += ";"
    if recommendation.paragraph:
        text = f"{recommendation.paragraph} {text}"
    if review.wg_report_symbol:
        source = review.wg_report_symbol
        if recommendation.paragraph:
            source += f" - Para {recommendation.paragraph.split('.')[0]}"
        text += f"\nSource of Position: {source}"
    return text


def _themes(recommendation):
    return list(recommendation.source_issues) or [
        theme.name for theme in recommendation.themes.all()
    ]


def _themes_cell(recommendation):
    lines = [f"- {theme}" for theme in _themes(recommendation)]
    if recommendation.sdg_targets:
        lines += ["SDGs: ", *(f"- {goal}" for goal in recommendation.sdg_targets)]
    if recommendation.affected_persons:
        persons = recommendation.affected_persons
        lines += ["Affected persons: ", *(f"- {person}" for person in persons)]
    return "\n".join(lines)


def assessment_text(assessment):
    """One organisation's latest assessment, as one paragraph of the assessment column."""
    parts = [
        _("%(organisation)s, %(date)s: %(level)s.")
        % {
            "organisation": assessment.organisation.name,
            "date": formats.date_format(assessment.assessed_on),
            "level": assessment.get_level_display(),
        }
    ]
    if assessment.evidence:
        parts.append(" ".join(assessment.evidence.split()))
    if assessment.responsible_institution:
        parts.append(
            _("Responsible institution: %(institution)s.")
            % {"institution": assessment.responsible_institution}
        )
    if assessment.source:
        parts.append(_("Source: %(source)s.") % {"source": assessment.source})
    if assessment.links:
        parts.append(_("Links: %(links)s") % {"links": " ".join(assessment.links)})
    return " ".join(parts)


# OHCHR lists the supported recommendations first, then the noted ones, each by theme.
POSITION_ORDER = (Response.SUPPORTED, Response.SUPPORTED_IN_PART, Response.NOTED, Response.PENDING)


def matrix_themes(review, overview=None):
    """The review's recommendations under their themes: by position (supported first), then
    by theme in the order the themes first come, each theme's in the review's order."""
    overview = overview or implementation_overview(review)
    groups = {}
    for row in overview.rows:
        recommendation = row.recommendation
        names = _themes(recommendation)
        theme = names[0] if names else OTHER_THEME
        position = POSITION_ORDER.index(recommendation.response)
        groups.setdefault((position, theme), []).append(
            MatrixRow(
                recommendation=xml_safe(_recommendation_cell(recommendation, review)),
                position=POSITIONS.get(recommendation.response, ""),
                themes=xml_safe(_themes_cell(recommendation)),
                assessment=xml_safe(
                    "\n".join(assessment_text(assessment) for assessment in row.assessments)
                ),
            )
        )
    ordered = sorted(groups.items(), key=lambda item: item[0][0])  # stable: themes keep order
    return tuple(
        MatrixTheme(name=xml_safe(theme), rows=tuple(rows)) for (_position, theme), rows in ordered
    )


def _title(review):
    return _("UPR of %(state)s, cycle %(cycle)s: thematic list of recommendations") % {
        "state": review.state_under_review.name,
        "cycle": review.cycle,
    }


def render_matrix_xlsx(review):
    dataset = tablib.Dataset(headers=list(HEADERS))
    for theme in matrix_themes(review):
        dataset.append([f"Theme: {theme.name}", "", "", ""])
        for row in theme.rows:
            dataset.append(list(row.cells()))
    return render_xlsx(dataset, title=_("Recommendations"))


def render_matrix_docx(review):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    section.header.paragraphs[0].text = xml_safe(_title(review))
    document.styles["Normal"].font.size = Pt(9)

    document.add_heading(xml_safe(_title(review)), level=1)
    document.add_paragraph(
        _(
            "The last column holds each organisation's latest assessment of the "
            "recommendation (UPR Info's scale: not, partially or fully implemented). "
            "Exported on %(date)s."
        )
        % {"date": formats.date_format(timezone.localdate())}
    )
    widths = (Cm(8.5), Cm(2.2), Cm(7.0), Cm(9.0))
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeat the headings on every page.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, title, width in zip(header.cells, HEADERS, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(title).bold = True
    for theme in matrix_themes(review):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.paragraphs[0].add_run(f"Theme: {theme.name}").bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "D9E2F3")
        merged._tc.get_or_add_tcPr().append(shading)
        for row in theme.rows:
            cells = table.add_row().cells
            for cell, value, width in zip(cells, row.cells(), widths, strict=True):
                cell.width = width
                lines = value.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDERERS = {"xlsx": render_matrix_xlsx, "docx": render_matrix_docx}


def render_matrix(review, fmt):
    return RENDERERS[fmt](review)


def matrix_filename(review, fmt):
    return f"upr-matrix-{review.state_under_review.code.lower()}-cycle-{review.cycle}.{fmt}"
