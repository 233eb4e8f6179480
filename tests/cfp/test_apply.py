import re

from django.urls import reverse

from cfp.models import Application, ProposedSpeaker


def _data(w, **overrides):
    data = {
        "organisation_name": "Rights Now",
        "organisation_scope": "national",
        "coalition_partners": "Partner One\n\nPartner Two",
        "themes": [w.themes[0].pk],
        "recommendations": "Repeal the NGO law\nProtect defenders",
        "speaking_minutes": "10",
        "language": "fr",
        "contact_email": "staff@rightsnow.org",
        "answer_0": "Because we document cases.",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "1",
        "speakers-MAX_NUM_FORMS": "6",
        "speakers-0-given_name": "Sreymom",
        "speakers-0-family_name": "Chan",
        "speakers-0-gender": "woman",
        "speakers-0-position": "Director",
        "speakers-0-email": "sreymom@rightsnow.org",
    }
    return data | overrides


def test_apply_stores_the_application(client, cfp):
    client.force_login(cfp.staff)

    response = client.post(reverse("cfp:apply", args=[cfp.event.slug]), _data(cfp))

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.organisation == cfp.cso
    assert application.coalition_partners == "Partner One\nPartner Two"
    assert application.recommendations == ["Repeal the NGO law", "Protect defenders"]
    assert application.answers == [
        {"question": "Why should you speak?", "answer": "Because we document cases."}
    ]
    assert application.language == "fr"
    assert list(application.themes.all()) == [cfp.themes[0]]
    assert [s.full_name for s in application.speakers.all()] == ["Sreymom Chan"]


def test_apply_bad_input_keeps_input_and_writes_nothing(client, cfp):
    client.force_login(cfp.staff)

    response = client.post(
        reverse("cfp:apply", args=[cfp.event.slug]),
        _data(cfp, themes=[], **{"speakers-0-given_name": "", "answer_0": ""}),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert "Repeal the NGO law" in content
    assert 'value="sreymom@rightsnow.org"' in content
    assert Application.objects.count() == 0
    assert ProposedSpeaker.objects.count() == 0


def test_apply_prefills_the_organisation(client, cfp):
    client.force_login(cfp.staff)

    response = client.get(reverse("cfp:apply", args=[cfp.event.slug]))

    assert 'value="Rights Now"' in response.content.decode()
    assert "Why should you speak?" in response.content.decode()


def test_apply_to_a_closed_call_says_so(client, cfp):
    cfp.call.is_open = False
    cfp.call.save()
    client.force_login(cfp.staff)

    response = client.post(reverse("cfp:apply", args=[cfp.event.slug]), _data(cfp))

    assert response.status_code == 200
    assert "This call for speakers is closed" in response.content.decode()
    assert Application.objects.count() == 0
    # Sent just after the deadline: what was typed comes back with the reason.
    assert "Repeal the NGO law" in response.content.decode()
    assert 'value="sreymom@rightsnow.org"' in response.content.decode()


def test_a_closed_call_page_offers_no_form(client, cfp):
    cfp.call.is_open = False
    cfp.call.save()
    client.force_login(cfp.staff)

    response = client.get(reverse("cfp:apply", args=[cfp.event.slug]))

    assert "This call for speakers is closed" in response.content.decode()
    assert "speakers-TOTAL_FORMS" not in response.content.decode()


def test_apply_is_404_for_cso_staff_of_another_team(client, cfp):
    from tests import factories

    other = factories.cso_staff(factories.OrganisationFactory(team=factories.TeamFactory(slug="o")))
    client.force_login(other)

    response = client.get(reverse("cfp:apply", args=[cfp.event.slug]))

    assert response.status_code == 404


def test_apply_is_404_for_a_draft_event(client, cfp):
    cfp.event.status = "draft"
    cfp.event.save()
    client.force_login(cfp.staff)

    response = client.get(reverse("cfp:apply", args=[cfp.event.slug]))

    assert response.status_code == 404


def test_open_calls_lists_the_call_for_its_cso_staff(client, cfp):
    client.force_login(cfp.staff)

    response = client.get(reverse("cfp:open_calls"))

    assert reverse("cfp:apply", args=[cfp.event.slug]) in response.content.decode()


def test_organiser_opens_a_call(client, cfp):
    cfp.call.delete()
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:call_edit", args=[cfp.event.slug]),
        {
            "opens_at": "2026-01-01T09:00",
            "deadline": "2030-01-01T09:00",
            "intro": "Apply!",
            "questions": "One?\n\nTwo?",
            "is_open": "on",
        },
    )

    assert response.status_code == 302
    cfp.event.refresh_from_db()
    assert cfp.event.call.questions == ["One?", "Two?"]


def test_call_deadline_before_opening_is_refused(client, cfp):
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:call_edit", args=[cfp.event.slug]),
        {"opens_at": "2030-01-01T09:00", "deadline": "2026-01-01T09:00", "intro": "Changed"},
    )

    assert response.status_code == 200
    assert "The deadline cannot be before the call opens." in response.content.decode()
    cfp.call.refresh_from_db()
    assert cfp.call.intro == "Tell us about your work."


def test_apply_to_a_geneva_series_needs_the_state_under_review(client, cfp):
    cfp.event.format = "geneva"
    cfp.event.save()
    client.force_login(cfp.staff)
    url = reverse("cfp:apply", args=[cfp.event.slug])

    missing = client.post(url, _data(cfp))
    given = client.post(url, _data(cfp, state_under_review="KH"))

    assert missing.status_code == 200
    assert "State under Review" in missing.content.decode()
    assert given.status_code == 302
    assert Application.objects.get().state_under_review.code == "KH"


def test_apply_with_an_untouched_second_speaker_form(client, cfp):
    client.force_login(cfp.staff)

    response = client.post(
        reverse("cfp:apply", args=[cfp.event.slug]),
        _data(cfp, **{"speakers-1-given_name": "", "speakers-1-gender": ""}),
    )

    assert response.status_code == 302
    assert ProposedSpeaker.objects.count() == 1


def test_apply_stores_each_speakers_public_consent(client, cfp):
    client.force_login(cfp.staff)
    data = _data(
        cfp,
        **{
            "speakers-0-public_consent": "not_listed_representative",
            "speakers-1-given_name": "Dara",
            "speakers-1-gender": "man",
            "speakers-1-public_consent": "name",
        },
    )

    response = client.post(reverse("cfp:apply", args=[cfp.event.slug]), data)

    assert response.status_code == 302
    assert list(
        ProposedSpeaker.objects.values_list("given_name", "public_consent").order_by("order")
    ) == [("Sreymom", "not_listed_representative"), ("Dara", "name")]


def test_apply_speaker_consent_defaults_to_not_listed(client, cfp):
    client.force_login(cfp.staff)

    form = client.get(reverse("cfp:apply", args=[cfp.event.slug])).content.decode()
    client.post(reverse("cfp:apply", args=[cfp.event.slug]), _data(cfp))

    checked = re.findall(
        r'name="speakers-0-public_consent" value="(\w+)"\s+id="[^"]+" checked', form
    )
    assert checked == ["not_listed"]
    assert "The speaker must agree to this choice." in form
    assert ProposedSpeaker.objects.get().public_consent == "not_listed"


def test_apply_consent_alone_does_not_make_a_speaker(client, cfp):
    client.force_login(cfp.staff)

    client.post(
        reverse("cfp:apply", args=[cfp.event.slug]),
        _data(cfp, **{"speakers-1-public_consent": "name"}),
    )

    assert [s.given_name for s in ProposedSpeaker.objects.all()] == ["Sreymom"]


def test_apply_unknown_consent_is_refused_and_nothing_written(client, cfp):
    client.force_login(cfp.staff)

    response = client.post(
        reverse("cfp:apply", args=[cfp.event.slug]),
        _data(cfp, **{"speakers-0-public_consent": "everywhere"}),
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Application.objects.count() == 0
