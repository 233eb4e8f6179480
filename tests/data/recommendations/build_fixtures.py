"""Builds the two derived fixtures of this folder (run from the project root:
`.venv/bin/python tests/data/recommendations/build_fixtures.py`). The real files beside them
are copied byte for byte and never rebuilt.

- `upr-info-export-cambodia-session-6.csv`: the Cambodia session 6 rows of the real UPR Info
  export, re-saved as CSV the way a spreadsheet does (UTF-8, whole numbers without ".0").
- `uhri-export-slovenia-fixture.xlsx`: a Universal Human Rights Index export in the documented
  shape, holding real recommendations of A/HRC/43/15 (texts, States, positions, themes as in
  the report and OHCHR's thematic list) with made-up annotation ids, plus one treaty-body row
  that the importer must leave out.
"""

import csv
import uuid
from pathlib import Path

import openpyxl
import xlrd

HERE = Path(__file__).resolve().parent

UHRI_HEADERS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]

# (paragraph, text, States, position, themes, affected persons, SDGs)
SLOVENIA = [
    (
        "121.1",
        "Ratify the International Convention for the Protection of All Persons from Enforced "
        "Disappearance (France) (Lithuania);",
        ["France", "Lithuania"],
        "Supported",
        ["Acceptance of international norms", "Enforced disappearances"],
        ["Disappeared persons"],
        ["16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"],
    ),
    (
        "121.3",
        "Ratify and implement the International Labour Organization&#8217;s 2014 Protocol to the "
        "Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great Britain and Northern "
        "Ireland);",
        ["United Kingdom of Great Britain and Northern Ireland"],
        "Supported",
        [
            "Acceptance of international norms",
            "Right to work and to just &amp; favorable conditions of work &amp; labour rights",
        ],
        [],
        ["8 - DECENT WORK AND ECONOMIC GROWTH"],
    ),
    (
        "121.24",
        "Pursue policies which ensure victims of trafficking will be provided with adequate "
        "assistance and care (Islamic Republic of Iran);",
        ["Iran (Islamic Republic of)"],
        "Supported",
        ["Prohibition of slavery, trafficking"],
        ["Victims of trafficking"],
        ["5 - GENDER EQUALITY", "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"],
    ),
    (
        "122.2",
        "Ratify the International Convention on the Protection of the Rights of All Migrant "
        "Workers and Members of Their Families (Bangladesh) (Egypt);",
        ["Bangladesh", "Egypt"],
        "Noted",
        ["Acceptance of international norms", "Migrants"],
        ["Migrants"],
        ["10 - REDUCED INEQUALITIES"],
    ),
    (
        "122.7",
        "Ratify the 1961 Convention on the Reduction of Statelessness (Slovakia) (Spain) (North "
        "Macedonia);",
        ["Slovakia", "Spain", "North Macedonia"],
        "Noted",
        ["Acceptance of international norms", "Stateless persons"],
        ["Stateless persons"],
        ["16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"],
    ),
    (
        "122.12",
        "Adopt an open, merit-based process when selecting national candidates for United "
        "Nations treaty body elections (United Kingdom of Great Britain and Northern Ireland);",
        ["United Kingdom of Great Britain and Northern Ireland"],
        "Supported",
        ["Cooperation &amp; Follow up with Treaty Bodies"],
        [],
        [],
    ),
]

# Excel serial numbers: 19 December 2019 (the report) and 2 March 2020 (indexed).
PUBLISHED, INDEXED = 43818, 43892


def bulleted(values):
    return "\n".join(f"- {value}" for value in values)


def build_uhri():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    sheet.append(UHRI_HEADERS)
    for paragraph, text, states, position, themes, affected, sdgs in SLOVENIA:
        annotation = uuid.uuid5(uuid.NAMESPACE_URL, f"uhri-fixture/A/HRC/43/15/{paragraph}")
        sheet.append(
            [
                f"{paragraph} {text}",
                "- Slovenia",
                "- UPR",
                "- A/HRC/43/15",
                bulleted(themes),
                bulleted(affected),
                bulleted(sdgs),
                PUBLISHED,
                bulleted(states),
                f"- {position}",
                "- Recommendation",
                str(annotation),
                "- 34",
                "- Eastern European States",
                bulleted(["Western European and other States"]),
                INDEXED,
            ]
        )
    sheet.append(
        [
            "Consider ratifying the Optional Protocol to the Convention on the Rights of the "
            "Child on a communications procedure.",
            "- Slovenia",
            "- CRC",
            "- CRC/C/SVN/CO/3-4",
            "- Rights of the child",
            "- Children",
            "",
            42000,
            "",
            "",
            "- Concluding observations",
            str(uuid.uuid5(uuid.NAMESPACE_URL, "uhri-fixture/CRC/C/SVN/CO/3-4")),
            "",
            "- Eastern European States",
            "",
            42100,
        ]
    )
    book.save(HERE / "uhri-export-slovenia-fixture.xlsx")


def build_upr_info_csv():
    book = xlrd.open_workbook(
        HERE / "upr-info-export-sessions-6-9.xls", ignore_workbook_corruption=True
    )
    sheet = book.sheet_by_index(0)
    with open(HERE / "upr-info-export-cambodia-session-6.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(sheet.row_values(0))
        for index in range(1, sheet.nrows):
            row = sheet.row_values(index)
            if row[0] == "Cambodia" and row[10] == 6.0:
                writer.writerow(
                    [int(v) if isinstance(v, float) and v.is_integer() else v for v in row]
                )


if __name__ == "__main__":
    build_uhri()
    build_upr_info_csv()
