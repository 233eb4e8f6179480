"""The 13 thematic areas of the Cambodia 2018 report, in the report's order."""

from django.db import migrations

THEMES = [
    ("gender-womens-rights", "Gender/Women's Rights"),
    ("rights-of-the-child", "Rights of the child"),
    (
        "srhr-sogiesc",
        "Sexual and reproductive health and rights & sexual orientation, gender identity "
        "and expression and sex characteristics (SOGIESC) rights",
    ),
    ("public-health", "Public health"),
    ("persons-with-disabilities", "Persons living with disabilities"),
    ("land-natural-resources", "Land and Natural resources"),
    ("anti-drug-campaign", "Anti-Drug campaign and rights of people who use drugs"),
    ("elections", "Elections"),
    ("khmer-krom-rights", "Khmer Krom rights"),
    ("labour-rights", "Labour Rights"),
    ("access-to-justice", "Access to Justice"),
    ("fundamental-freedoms-civic-space", "Fundamental Freedoms and Civic Space"),
    ("rule-of-law", "Rule of law"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("factsheets", "Theme")
    for order, (slug, name) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("factsheets", "Theme")
    Theme.objects.filter(slug__in=[slug for slug, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("factsheets", "0002_initial")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
