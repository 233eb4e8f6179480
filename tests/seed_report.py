"""Facts of the seed report (../shared/seed/000_eb2dc5825ed1d1ed.txt) that tests check the
demo event against. Written out here, not read from the demo data, so a test fails when the
demo drifts from the report."""

# "the embassies of Belgium, USA, Switzerland, Austria, Australia, Sweden, France, Republic
# of Korea, Japan, Germany and the Czech Republic", by the names the demo gives them.
EMBASSIES = frozenset(
    {
        "Embassy of Belgium",
        "Embassy of the United States of America",
        "Embassy of Switzerland",
        "Embassy of Austria",
        "Embassy of Australia",
        "Embassy of Sweden",
        "Embassy of France",
        "Embassy of the Republic of Korea",
        "Embassy of Japan",
        "Embassy of Germany",
        "Embassy of the Czech Republic",
    }
)
EU_DELEGATION = "Delegation of the European Union to Cambodia"
