import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from factsheets import services
from factsheets.models import Distribution, Factsheet, FactsheetFile, FactsheetStatus
from factsheets.selectors import dissemination_counts
from participants.models import Organisation
from tests import factories
from tests.factsheets.conftest import (
    approve,
    docx_bytes,
    make_factsheet,
    pdf_bytes,
    stored_files,
    upload,
)


@pytest.fixture
def author(db):
    return factories.cso_staff()


def test_create_factsheet_stores_file_under_generated_name(author, event, theme, storage_dir):
    partner = factories.OrganisationFactory(name="Youth Coalition")

    factsheet = services.create_factsheet(
        event=event,
        theme=theme,
        title="Gender equality",
        language="en",
        summary="Women's rights in Cambodia.",
        organisations=[partner],
        uploaded_file=upload("../Gender <final>.pdf", pdf_bytes(pages=2)),
        recommendations=["Adopt a law.", "Fund shelters."],
        by=author,
    )

    version = factsheet.files.get()
    assert (version.version, version.original_name, version.page_count) == (
        1,
        "Gender_final.pdf",
        2,
    )
    assert version.content_type == "application/pdf"
    assert stored_files(storage_dir) == [storage_dir / version.file.name]
    assert "Gender" not in version.file.name
    assert set(factsheet.organisations.all()) == {author.organisation, partner}
    assert list(factsheet.recommendations.values_list("text", "order")) == [
        ("Adopt a law.", 1),
        ("Fund shelters.", 2),
    ]
    assert factsheet.status == FactsheetStatus.DRAFT


def test_create_factsheet_rejected_file_writes_nothing(author, event, theme, storage_dir):
    with pytest.raises(ValidationError):
        services.create_factsheet(
            event=event,
            theme=theme,
            title="Fake",
            language="en",
            summary="",
            organisations=[],
            uploaded_file=upload("fake.pdf", b"<html><script>alert(1)</script></html>"),
            recommendations=["Something."],
            by=author,
        )

    assert stored_files(storage_dir) == []
    assert (Factsheet.all_objects.count(), FactsheetFile.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_create_factsheet_failing_after_file_stored_removes_file(storage_dir):
    author = factories.cso_staff()
    event = factories.EventFactory()
    vanished = factories.OrganisationFactory()
    Organisation.objects.filter(pk=vanished.pk).delete()

    with pytest.raises(IntegrityError):
        services.create_factsheet(
            event=event,
            theme=event.themes.first(),
            title="Co-authored with a deleted organisation",
            language="en",
            summary="",
            organisations=[vanished],
            uploaded_file=upload(),
            recommendations=["Something."],
            by=author,
        )

    assert stored_files(storage_dir) == []
    assert (Factsheet.all_objects.count(), FactsheetFile.objects.count()) == (0, 0)


def test_add_file_version_keeps_earlier_versions(author, event, storage_dir):
    factsheet = make_factsheet(by=author, event=event)
    first = factsheet.files.get()
    first_content = first.file.open("rb").read()

    services.add_file_version(factsheet, uploaded_file=upload("v2.docx", docx_bytes()), by=author)

    versions = list(factsheet.files.order_by("version"))
    assert [(v.version, v.original_name, v.content_type) for v in versions] == [
        (1, "factsheet.pdf", "application/pdf"),
        (
            2,
            "v2.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    assert versions[0].file.open("rb").read() == first_content
    assert len(stored_files(storage_dir)) == 2


def test_add_file_version_of_approved_factsheet_goes_back_to_review(author, event):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)

    services.add_file_version(factsheet, uploaded_file=upload(), by=author)

    assert factsheet.status == FactsheetStatus.SUBMITTED


def test_add_file_version_after_distribution_refused(author, event, storage_dir):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)
    services.distribute_factsheets(
        event, factsheets=[factsheet], missions=[factories.MissionFactory()], by=None
    )

    with pytest.raises(ValidationError, match="already been handed to missions"):
        services.add_file_version(factsheet, uploaded_file=upload(), by=author)

    assert factsheet.files.count() == 1
    assert len(stored_files(storage_dir)) == 1


def test_add_file_version_bad_file_writes_nothing(author, event, storage_dir):
    factsheet = make_factsheet(by=author, event=event)

    with pytest.raises(ValidationError):
        services.add_file_version(
            factsheet, uploaded_file=upload("x.pdf", b"MZ\x90\x00" + b"\0" * 100), by=author
        )

    assert factsheet.files.count() == 1
    assert len(stored_files(storage_dir)) == 1


def test_submit_factsheet_needs_a_recommendation(author, event):
    factsheet = make_factsheet(by=author, event=event, recommendations=())

    with pytest.raises(ValidationError, match="at least one suggested recommendation"):
        services.submit_factsheet(factsheet, by=author)

    factsheet.refresh_from_db()
    assert factsheet.status == FactsheetStatus.DRAFT


def test_review_factsheet_send_back_needs_comment(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    services.submit_factsheet(factsheet, by=author)

    with pytest.raises(ValidationError):
        services.review_factsheet(
            factsheet, approve=False, comment="  ", version=1, by=organiser_user
        )
    services.review_factsheet(
        factsheet, approve=False, comment="Cite your sources.", version=1, by=organiser_user
    )

    factsheet.refresh_from_db()
    assert (factsheet.status, factsheet.review_comment) == (
        FactsheetStatus.RETURNED,
        "Cite your sources.",
    )


def test_review_factsheet_only_when_submitted(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)

    with pytest.raises(ValidationError, match="submitted for review"):
        services.review_factsheet(factsheet, approve=True, comment="", version=1, by=organiser_user)

    assert Factsheet.objects.get().status == FactsheetStatus.DRAFT


@pytest.mark.parametrize("approve_it", [True, False], ids=["approve", "send-back"])
def test_review_factsheet_records_the_reviewer_and_when(author, event, organiser_user, approve_it):
    factsheet = make_factsheet(by=author, event=event)
    services.submit_factsheet(factsheet, by=author)

    services.review_factsheet(
        factsheet, approve=approve_it, comment="Cite the survey.", version=1, by=organiser_user
    )

    reviewed = Factsheet.objects.get(pk=factsheet.pk)
    assert reviewed.reviewed_by == organiser_user
    assert reviewed.reviewed_at is not None
    assert reviewed.history.first().reviewed_by_id == organiser_user.pk


def test_review_factsheet_refused_records_no_reviewer(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    services.submit_factsheet(factsheet, by=author)

    with pytest.raises(ValidationError, match="Say what the authors should change"):
        services.review_factsheet(
            factsheet, approve=False, comment=" ", version=1, by=organiser_user
        )

    unchanged = Factsheet.objects.get(pk=factsheet.pk)
    assert (unchanged.reviewed_by, unchanged.reviewed_at) == (None, None)


def test_update_factsheet_refused_once_submitted(author, event, theme):
    factsheet = make_factsheet(by=author, event=event, title="Before")
    services.submit_factsheet(factsheet, by=author)

    with pytest.raises(ValidationError, match="can no longer be edited"):
        services.update_factsheet(
            factsheet,
            theme=theme,
            title="After",
            language="en",
            summary="",
            organisations=[],
            recommendations=["New."],
            by=author,
        )

    assert Factsheet.objects.get().title == "Before"


def test_delete_factsheet_is_soft_and_recoverable(author, event, organiser_user, storage_dir):
    factsheet = make_factsheet(by=author, event=event)

    services.delete_factsheet(factsheet, by=organiser_user)

    assert not Factsheet.objects.filter(pk=factsheet.pk).exists()
    assert not Factsheet.objects.visible_to(organiser_user).filter(pk=factsheet.pk).exists()
    deleted = Factsheet.all_objects.get(pk=factsheet.pk)
    assert deleted.deleted_by == organiser_user
    assert deleted.files.count() == 1
    assert len(stored_files(storage_dir)) == 1

    services.restore_factsheet(deleted, by=organiser_user)

    restored = Factsheet.objects.get(pk=factsheet.pk)
    assert list(restored.recommendations.values_list("text", flat=True)) == ["Ratify."]
    assert restored.files.get().file.open("rb").read().startswith(b"%PDF-")


def test_delete_factsheet_refused_once_distributed(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)
    services.distribute_factsheets(
        event, factsheets=[factsheet], missions=[factories.MissionFactory()], by=organiser_user
    )

    with pytest.raises(ValidationError, match="handed to 1 mission and counts"):
        services.delete_factsheet(factsheet, by=organiser_user)

    assert Factsheet.objects.filter(pk=factsheet.pk).exists()


def test_distribute_factsheets_refuses_unapproved_and_writes_nothing(author, event, organiser_user):
    approved = make_factsheet(by=author, event=event, title="Approved")
    approve(approved, author=author)
    draft = make_factsheet(by=author, event=event, title="Draft")

    with pytest.raises(ValidationError, match="“Draft” is not approved"):
        services.distribute_factsheets(
            event,
            factsheets=[approved, draft],
            missions=[factories.MissionFactory()],
            by=organiser_user,
        )

    assert Distribution.objects.count() == 0


def test_distribute_factsheets_refuses_day_of_other_event(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)
    other_day = factories.ProgrammeDayFactory()

    with pytest.raises(ValidationError, match="another event"):
        services.distribute_factsheets(
            event,
            factsheets=[factsheet],
            missions=[factories.MissionFactory()],
            day=other_day,
            by=organiser_user,
        )

    assert Distribution.objects.count() == 0


def test_distribute_factsheets_refuses_factsheet_of_other_event(author, event, organiser_user):
    other_event = factories.EventFactory(title="Another pre-session")
    other_event.invited_organisations.add(author.organisation)
    factsheet = make_factsheet(by=author, event=other_event, title="Elsewhere")
    approve(factsheet, author=author)

    with pytest.raises(ValidationError, match="“Elsewhere” belongs to another event"):
        services.distribute_factsheets(
            event,
            factsheets=[factsheet],
            missions=[factories.MissionFactory()],
            by=organiser_user,
        )

    assert Distribution.objects.count() == 0


def test_distribution_event_is_the_factsheets_event(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)

    (distribution,) = services.distribute_factsheets(
        event, factsheets=[factsheet], missions=[factories.MissionFactory()], by=organiser_user
    )

    assert distribution.event == factsheet.event == event
    assert distribution.recorded_by == organiser_user


def test_distribute_factsheets_skips_pairs_already_recorded(author, event, organiser_user):
    factsheet = make_factsheet(by=author, event=event)
    approve(factsheet, author=author)
    first, second = factories.MissionFactory(), factories.MissionFactory()
    services.distribute_factsheets(
        event, factsheets=[factsheet], missions=[first], by=organiser_user
    )

    created = services.distribute_factsheets(
        event, factsheets=[factsheet], missions=[first, second], by=organiser_user
    )

    assert [d.mission for d in created] == [second]
    assert Distribution.objects.count() == 2


def test_demo_distribution_counts_11_factsheets_to_12_missions(author, event, organiser_user):
    # As in the Cambodia 2018 report: 11 thematic factsheets handed to 12 missions,
    # recorded in two actions on two days, with some pairs recorded twice.
    themes = list(event.themes.order_by("order"))
    factsheets = [
        make_factsheet(by=author, event=event, theme=theme, title=theme.name)
        for theme in themes[:11]
    ]
    for factsheet in factsheets:
        approve(factsheet, author=author, reviewer=organiser_user)
    unapproved = make_factsheet(by=author, event=event, theme=themes[11], title="Still a draft")
    missions = [factories.MissionFactory() for _ in range(12)]
    day_1 = factories.ProgrammeDayFactory(event=event, date=event.start_date)
    day_2 = factories.ProgrammeDayFactory(event=event, date=event.end_date)
    services.distribute_factsheets(
        event, factsheets=factsheets[:6], missions=missions[:8], day=day_1, by=organiser_user
    )
    services.distribute_factsheets(
        event, factsheets=factsheets, missions=missions, day=day_2, by=organiser_user
    )
    # Another event's distributions do not count here.
    other_event = factories.EventFactory()
    elsewhere = make_factsheet(by=author, event=other_event)
    approve(elsewhere, author=author)
    services.distribute_factsheets(
        other_event,
        factsheets=[elsewhere],
        missions=[factories.MissionFactory()],
        by=organiser_user,
    )

    counts = dissemination_counts(event)

    assert counts == (11, 12)
    assert Distribution.objects.for_event(event).count() == 11 * 12
    assert not unapproved.distributions.exists()
    assert dissemination_counts(other_event) == (1, 1)
