"""The uptake assistant's ranking, on the labelled fixture built from A/HRC/13/4."""

import json

from recommendations import matching
from tests.recommendations.conftest import DATA

LABELLED = json.loads((DATA / "uptake_labelled.json").read_text(encoding="utf-8"))


def _ranked(k=3):
    index = matching.MadeIndex([(item["key"], item["text"]) for item in LABELLED["made"]])
    return index.rank_many([item["text"] for item in LABELLED["suggested"]], k=k)


def test_normalise_drops_case_accents_states_and_stock_phrases():
    text = "Continue to take measures to protect the Défenseurs (Norway); (b) ÉVICTIONS"

    assert matching.normalise(text) == "protect the defenseurs evictions"


def test_words_agree_on_plural_and_stem():
    assert matching.words("evictions eviction unions union") == {"evicti", "union"}


def test_precision_at_3_on_the_labelled_fixture_is_at_least_0_9():
    truths = [set(item["true_keys"]) for item in LABELLED["suggested"]]

    precision = matching.precision_at(3, _ranked(), truths)

    assert precision >= 0.9


def test_distractors_score_below_the_likely_threshold():
    distractors = [
        candidates[0].score
        for candidates, item in zip(_ranked(), LABELLED["suggested"], strict=True)
        if item.get("distractor")
    ]

    assert distractors
    assert max(distractors) < matching.LIKELY_SCORE


def test_rank_returns_k_candidates_best_first_with_scores():
    index = matching.MadeIndex(
        [
            (1, "Adopt a law against corruption (Switzerland)"),
            (2, "Ratify the Convention on the Rights of Persons with Disabilities (Spain)"),
            (3, "Establish labour courts (United States)"),
        ]
    )

    candidates = index.rank("Pass the anti-corruption law", k=2)

    assert [candidate.key for candidate in candidates][:1] == [1]
    assert len(candidates) <= 2
    assert candidates[0].score >= (candidates[1].score if len(candidates) > 1 else 0)


def test_joint_recommendation_is_scored_on_its_best_clause():
    joint = (
        "(a) Ensure the independence of the judiciary (Sweden); (b) adopt a moratorium on "
        "evictions until the 2001 land law is implemented (Switzerland)"
    )
    index = matching.MadeIndex([(1, joint), (2, "Promote human rights education (Thailand)")])

    (best, *_rest) = index.rank("Impose a moratorium on evictions until the land law applies")

    assert best.key == 1
    assert best.is_likely


def test_empty_index_ranks_nothing():
    assert matching.MadeIndex([]).rank_many(["Adopt a law"]) == [()]
