"""The place in the source of each recommendation, stored until now in the words of the
importer's language ("row 12", "ligne 12", "ជួរដេកទី 12"), rewritten without words
("row:12", see recommendations/places.py) so that each reader sees it in their own language.
The history's rows too, so that no version seems to change the place. A value in none of the
known forms stays as it is (and is shown as it is)."""

import re

from django.db import migrations

# The words of the parsers' messages in English, French and Khmer, as their catalogues had
# them.
WORDED = (
    (re.compile(r"table row (\d+)"), "table_row:{0}"),
    (re.compile(r"ligne (\d+) du tableau"), "table_row:{0}"),
    (re.compile(r"ជួរដេកទី (\d+) នៃតារាង"), "table_row:{0}"),
    (re.compile(r"(?:row|ligne|ជួរដេកទី) (\d+)"), "row:{0}"),
    (re.compile(r"page (\d+), paragraphe? (\S+)"), "page:{0}:{1}"),
    (re.compile(r"ទំព័រ (\d+) កថាខណ្ឌ (\S+)"), "page:{0}:{1}"),
)
WORDS = (
    (re.compile(r"table_row:(\d+)"), "table row {0}"),
    (re.compile(r"row:(\d+)"), "row {0}"),
    (re.compile(r"page:(\d+):(.+)"), "page {0}, paragraph {1}"),
)


def without_words(value):
    for pattern, form in WORDED:
        match = pattern.fullmatch(value)
        if match:
            return form.format(*match.groups())
    return value


def in_english(value):
    for pattern, form in WORDS:
        match = pattern.fullmatch(value)
        if match:
            return form.format(*match.groups())
    return value


def _rewrite(apps, convert):
    for name in ("Recommendation", "HistoricalRecommendation"):
        model = apps.get_model("recommendations", name)
        key = "history_id" if name.startswith("Historical") else "pk"
        changed = []
        rows = model.objects.exclude(source_location="").only(key, "source_location")
        for row in rows.iterator(chunk_size=2000):
            value = convert(row.source_location)
            if value != row.source_location:
                row.source_location = value
                changed.append(row)
        model.objects.bulk_update(changed, ["source_location"], batch_size=500)


def forwards(apps, schema_editor):
    _rewrite(apps, without_words)


def backwards(apps, schema_editor):
    _rewrite(apps, in_english)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_text_search"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
