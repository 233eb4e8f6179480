import re

from django.urls import reverse

from cfp import selectors
from events.models import EventFormat

from .conftest import make_application


def test_balance_of_the_seed_selection(cfp):
    """13 speakers, 7 women: "54% women", as the seed report says."""
    civic, gender, _land = cfp.themes
    a = make_application(
        cfp.call,
        name="Alpha Org",
        genders=["woman"] * 4 + ["man"] * 2,
        themes=[civic],
        minutes=20,
    )
    b = make_application(
        cfp.call,
        name="Beta Org",
        scope="international",
        genders=["woman", "woman", "man"],
        themes=[gender, civic],
        minutes=10,
    )
    c = make_application(cfp.call, name="Gamma Org", genders=["woman", "man", "man", "undisclosed"])
    make_application(cfp.call, name="Unticked Org", genders=["man"] * 5, themes=[_land])

    balance = selectors.selection_balance(cfp.call, [a.pk, b.pk, c.pk])

    assert (balance.applications, balance.speakers, balance.women) == (3, 13, 7)
    assert balance.women_percent == 54
    assert (balance.national, balance.international) == (2, 1)
    assert balance.themes_covered == ("Civic space", "Gender equality")
    assert balance.themes_uncovered == ("Land rights",)
    assert balance.speaking_minutes == 30
    assert balance.states == ()


def test_share_of_women_is_rounded_half_up_as_in_the_report(cfp):
    # 1 of 8 is 12.5%: the report writes 13%, and so must the selection page (Python's
    # round() would give 12).
    a = make_application(cfp.call, name="Alpha Org", genders=["woman"] + ["man"] * 7)

    balance = selectors.selection_balance(cfp.call, [a.pk])

    assert balance.women_percent == 13


def test_balance_per_state_under_review_for_a_geneva_series(cfp):
    cfp.event.format = EventFormat.GENEVA
    cfp.event.save()
    a = make_application(cfp.call, name="Alpha Org", state="KH", genders=["woman", "man"])
    b = make_application(cfp.call, name="Beta Org", state="KH")
    c = make_application(cfp.call, name="Gamma Org", state="BR")

    balance = selectors.selection_balance(cfp.call, [a.pk, b.pk, c.pk])

    assert [(s.code, s.applications, s.speakers) for s in balance.states] == [
        ("BR", 1, 1),
        ("KH", 2, 3),
    ]


def test_balance_of_nothing_ticked(cfp):
    make_application(cfp.call)

    balance = selectors.selection_balance(cfp.call, [])

    assert (balance.speakers, balance.women_percent, balance.speaking_minutes) == (0, None, None)
    assert balance.themes_uncovered == ("Civic space", "Gender equality", "Land rights")


def test_balance_ignores_another_calls_applications(cfp):
    from tests import factories

    from .conftest import make_call

    other_call = make_call(factories.EventFactory(team=cfp.team))
    other = make_application(other_call)

    balance = selectors.selection_balance(cfp.call, [other.pk])

    assert balance.applications == 0


def test_balance_query_count_is_fixed(cfp, django_assert_num_queries):
    few = [make_application(cfp.call, name="One Org").pk]
    with django_assert_num_queries(4):
        selectors.selection_balance(cfp.call, few)
    many = few + [
        make_application(cfp.call, name=f"Org{i} X", themes=cfp.themes, genders=["man"] * 3).pk
        for i in range(6)
    ]

    with django_assert_num_queries(4):
        selectors.selection_balance(cfp.call, many)


def test_selection_page_htmx_returns_the_panel(client, cfp):
    a = make_application(cfp.call, name="Alpha Org", genders=["woman", "man"])
    client.force_login(cfp.organiser)
    url = reverse("cfp:selection", args=[cfp.event.slug])

    full = client.get(url, {"application": ["", str(a.pk)]})
    panel = client.get(url, {"application": ["", str(a.pk), "junk"]}, HTTP_HX_REQUEST="true")

    assert "Alpha Org" in full.content.decode()
    assert "checked" in full.content.decode()
    assert "50%" in panel.content.decode()
    assert "Alpha Org" not in panel.content.decode()
    assert "<html" not in panel.content.decode()


def test_balance_panel_is_swapped_inside_a_live_region_that_stays(client, cfp):
    """A live region replaced in whole is a new node that screen readers do not announce:
    the page holds the region, and the panel htmx swaps in carries none of its own."""
    client.force_login(cfp.organiser)
    url = reverse("cfp:selection", args=[cfp.event.slug])

    page = client.get(url).content.decode()
    panel = client.get(url, {"application": [""]}, HTTP_HX_REQUEST="true").content.decode()

    assert re.search(r'<div [^>]*aria-live="polite"[^>]*>\s*<div id="balance"', page)
    assert "aria-live" not in panel
