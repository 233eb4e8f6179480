"""The GIN index of the review page's full-text search, on PostgreSQL only (SQLite has no
such index: the page searches with icontains there). The indexed expression is the one
`recommendations.selectors.search_vector()` writes, so the planner uses the index."""

from django.db import migrations

INDEX = "recommendation_text_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON recommendations_recommendation "
            "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_assessment_latest_index"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
