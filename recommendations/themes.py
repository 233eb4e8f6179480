"""Which of the team's themes an imported recommendation is about.

A small explicit table, read in both directions by a person: the source's own issue tags
(UPR Info's issues such as "Women's rights" or "Torture and other CID treatment", OHCHR's
themes such as "Violence against women") and a few words of the text, each mapped to one of
the default themes every team starts with (events/themes.py). A team that renamed a theme
keeps the link only where the new name is one below; other themes are picked by hand.

Pure: `theme_names_for(text, source_issues)` returns default theme names; the import
service (services.py) adds the team's themes of those names to new recommendations.
"""

import re

from events.themes import DEFAULT_THEMES

(
    WOMEN,
    CHILD,
    SRHR_SOGIESC,
    HEALTH,
    DISABILITIES,
    LAND,
    DRUGS,
    ELECTIONS,
    KHMER_KROM,
    LABOUR,
    JUSTICE,
    FREEDOMS,
    RULE_OF_LAW,
) = DEFAULT_THEMES

# Source issue tags, as the sources write them (compared without case), by theme. A tag
# ending in ":" is a prefix (OHCHR's "Children: protection against exploitation").
ISSUES = {
    WOMEN: (
        "Women's rights",
        "Discrimination against women",
        "Violence against women",
        "Domestic violence",
        "Sexual & other forms of gender-based violence",
        "Advancement of women",
        "Participation of women in political & public life",
    ),
    CHILD: ("Rights of the Child", "Children:"),
    SRHR_SOGIESC: (
        "Sexual Orientation and Gender Identity",
        "Access to sexual & reproductive health & services",
    ),
    HEALTH: ("Right to health", "HIV - Aids", "Human Rights & drinking water & sanitation"),
    DISABILITIES: ("Disabilities", "Persons with disabilities:"),
    # Evictions are land issues where the default catalogue comes from (Cambodia).
    LAND: (
        "Right to land",
        "Environment",
        "Human rights & the environment",
        "Human rights & climate change",
        "Right to housing",
        "Right to adequate housing",
    ),
    ELECTIONS: ("Elections", "Right to participate in public affairs & right to vote"),
    LABOUR: (
        "Labour",
        "Right to work and to just & favorable conditions of work & labour rights",
    ),
    JUSTICE: (
        "Justice",
        "Administration of justice & fair trial",
        "Impunity",
        "Impunity & transparency",
        "Right to effective remedy & reparations",
        "Support to victims & witnesses",
    ),
    FREEDOMS: (
        "Freedom of opinion and expression",
        "Freedom of opinion & expression & right to information",
        "Freedom of association and peaceful assembly",
        "Freedom of the press",
        "Freedom of religion and belief",
        "Freedom of movement",
        "Human rights defenders",
        "Civil society",
        "Cooperation and meaningful consultation with civil society & participation",
    ),
    RULE_OF_LAW: (
        "Corruption",
        "Good governance & corruption",
        "Detention",
        "Arbitrary arrest & detention",
        "Conditions of detention",
        "Torture and other CID treatment",
        "Prohibition of torture & cruel, inhuman or degrading treatment",
        "Extrajudicial executions",
        "Human rights violations by state agents",
    ),
}

# Words of the text (whole words, without case; a trailing "*" is any ending), by theme:
# for sources without issue tags (a Working Group report) and themes no tag names.
KEYWORDS = {
    WOMEN: ("women", "girls", "gender equality", "gender-based violence", "domestic violence"),
    CHILD: ("child*", "juvenile*", "birth registration"),
    SRHR_SOGIESC: ("sexual orientation", "gender identity", "LGBT*", "reproductive", "intersex"),
    HEALTH: ("health", "HIV", "maternal mortality"),
    DISABILITIES: ("disabilit*",),
    LAND: ("land", "evict*", "natural resources", "forest*", "concession*"),
    DRUGS: ("drug*",),
    ELECTIONS: ("election*", "electoral"),
    KHMER_KROM: ("Khmer Krom",),
    LABOUR: ("labour", "labor", "workers", "employment", "trade union*"),
    JUSTICE: ("judiciary", "judicial", "fair trial", "impunity", "access to justice"),
    FREEDOMS: (
        "freedom of expression",
        "freedom of assembly",
        "freedom of association",
        "peaceful assembly",
        "journalist*",
        "human rights defenders",
        "civil society",
        "media",
    ),
    RULE_OF_LAW: ("rule of law", "corruption", "torture", "detention", "police"),
}


def _keyword_pattern(words):
    parts = [
        re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) + r"\b"
        for word in words
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.I)


_ISSUE_NAMES = {
    issue.casefold(): theme
    for theme, issues in ISSUES.items()
    for issue in issues
    if not issue.endswith(":")
}
_ISSUE_PREFIXES = tuple(
    (issue.casefold(), theme)
    for theme, issues in ISSUES.items()
    for issue in issues
    if issue.endswith(":")
)
_KEYWORDS = tuple((theme, _keyword_pattern(words)) for theme, words in KEYWORDS.items())
# Any theme's keyword: one scan of a text finds every place where some keyword starts, and
# only there is each theme's own pattern tried (an import reads 100,000 texts).
_ANY_KEYWORD = _keyword_pattern([word for words in KEYWORDS.values() for word in words])


def _keyword_themes(text):
    """The themes whose keywords appear in `text`: the same as searching each theme's
    pattern in the whole text."""
    found = set()
    match = _ANY_KEYWORD.search(text)
    while match is not None:
        start = match.start()
        found.update(theme for theme, pattern in _KEYWORDS if pattern.match(text, start))
        match = _ANY_KEYWORD.search(text, start + 1)
    return found


def theme_names_for(text, source_issues=()):
    """The default theme names a recommendation with `text` and the source's
    `source_issues` is about, in the catalogue's order."""
    found = set()
    for issue in source_issues:
        key = " ".join(str(issue).split()).casefold()
        if key in _ISSUE_NAMES:
            found.add(_ISSUE_NAMES[key])
        found.update(theme for prefix, theme in _ISSUE_PREFIXES if key.startswith(prefix))
    found.update(_keyword_themes(text or ""))
    return [name for name in DEFAULT_THEMES if name in found]
