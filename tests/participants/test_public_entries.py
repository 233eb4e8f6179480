"""How a session's people of one role print publicly: named people, then representatives of
one organisation once, counted."""

from participants.models import PublicConsent
from participants.public import PublicAppearance, PublicPerson, PublicRoleGroup


def _person(name="", organisation=""):
    level = PublicConsent.NAME if name else PublicConsent.ORGANISATION
    return PublicPerson(
        role="speaker",
        role_label="Speaker",
        appearance=PublicAppearance(level=level, name=name, organisation=organisation),
    )


def test_representatives_of_one_organisation_print_once_with_their_number():
    group = PublicRoleGroup(
        label="Speaker",
        people=[
            _person(organisation="GWSC"),
            _person(name="Dary Lim", organisation="LCRC"),
            _person(organisation="GWSC"),
            _person(organisation="FVOC"),
        ],
    )

    assert group.entries == [
        "2 representatives of GWSC",
        "Dary Lim, LCRC",
        "a representative of FVOC",
    ]
