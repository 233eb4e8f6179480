from django.urls import reverse

from factsheets import services
from factsheets.models import Factsheet
from tests import factories
from tests.factsheets.conftest import make_factsheet


def test_admin_lists_and_restores_deleted_factsheet(client, event, organiser_user):
    factsheet = make_factsheet(by=factories.cso_staff(), event=event, title="Elections")
    services.delete_factsheet(factsheet, by=organiser_user)
    admin_user = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    changelist = reverse("admin:factsheets_factsheet_changelist")

    listed = client.get(changelist + "?deleted=yes")
    client.post(changelist, {"action": "restore", "_selected_action": [factsheet.pk]})

    assert "Elections" in listed.content.decode()
    restored = Factsheet.objects.get(pk=factsheet.pk)
    assert (restored.deleted_at, restored.deleted_by) == (None, None)
    assert restored.files.count() == 1


def test_nav_shows_factsheets_link_to_roles_that_see_factsheets(client, cso_user):
    client.force_login(cso_user)

    page = client.get(reverse("reports:dashboard")).content.decode()

    assert f'href="{reverse("factsheets:factsheet_list")}"' in page
