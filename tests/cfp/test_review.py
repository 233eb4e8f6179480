from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cfp import selectors, services
from cfp.models import Score

from .conftest import make_application


def test_reviewer_does_not_see_others_scores_before_scoring(client, cfp):
    application = make_application(cfp.call)
    services.score_application(application, reviewer=cfp.organiser2, score=2, comment="Too vague")
    client.force_login(cfp.organiser)
    url = reverse("cfp:application_detail", args=[cfp.event.slug, application.pk])

    before = client.get(url).content.decode()
    client.post(url, {"score": "5", "comment": "Strong"})
    after = client.get(url).content.decode()

    assert "Too vague" not in before
    assert "Score it first" in before
    assert "Too vague" in after
    assert "Strong" in after


def test_review_list_hides_the_average_until_scored(cfp):
    application = make_application(cfp.call)
    services.score_application(application, reviewer=cfp.organiser2, score=2)

    before = selectors.applications_for_review(cfp.call, cfp.organiser)[0]
    services.score_application(application, reviewer=cfp.organiser, score=4)
    after = selectors.applications_for_review(cfp.call, cfp.organiser)[0]

    assert (before.score_count, before.score_average) == (None, None)
    assert (after.score_count, after.score_average) == (2, 3)


def test_list_page_does_not_show_unscored_averages(client, cfp):
    application = make_application(cfp.call, name="Alpha Org")
    services.score_application(application, reviewer=cfp.organiser2, score=1)
    client.force_login(cfp.organiser)

    content = client.get(reverse("cfp:application_list", args=[cfp.event.slug])).content.decode()

    assert "Alpha Org" in content
    assert "others&#x27; scores hidden" in content or "others' scores hidden" in content


def test_scoring_twice_changes_the_one_score(cfp):
    application = make_application(cfp.call)

    services.score_application(application, reviewer=cfp.organiser, score=2)
    services.score_application(application, reviewer=cfp.organiser, score=4, comment="Better")

    assert list(Score.objects.values_list("score", "comment")) == [(4, "Better")]


def test_score_out_of_range_is_refused(client, cfp):
    application = make_application(cfp.call)
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:application_detail", args=[cfp.event.slug, application.pk]),
        {"score": "9", "comment": "x"},
    )

    assert response.status_code == 200
    assert Score.objects.count() == 0


def test_application_list_queries_do_not_grow(client, cfp, django_assert_num_queries):
    client.force_login(cfp.organiser)
    make_application(cfp.call, name="One Org")
    url = reverse("cfp:application_list", args=[cfp.event.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for index in range(5):
        make_application(cfp.call, name=f"Many{index} Org", themes=cfp.themes[:2])

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
