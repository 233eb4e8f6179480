"""Benchmark of the uptake assistant (recommendations/matching.py).

Run: .venv/bin/python benchmarks/bench_uptake_matching.py
No database: the engine is pure. The recommendations made are the real texts of UPR Info's
export of sessions 6-9 and of A/HRC/13/4 (tests/data/recommendations/); the suggestions
are those of the labelled fixture (tests/data/recommendations/uptake_labelled.json),
repeated with a varying tail to reach 500. Ends with one JSON line per figure:

* matching time: 500 suggested x 2,000 made, end to end (normalising, indexing, ranking
  the top 3 of each), best of 3 runs;
* precision@3 on the labelled fixture: the share of suggestions with a true match whose
  true recommendation is among the first three, against Cambodia's 91 recommendations
  (what the page does), and against the same plus recommendations made to other States (up to
  2,000 in all) as distractors (a harder test than any one review).
"""

import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")

DATA = BASE_DIR / "tests" / "data" / "recommendations"
SUGGESTED = 500
MADE = 2000
RUNS = 3
TAILS = ("", " by 2025", " in consultation with civil society", " and report on progress")


def main():
    import django

    django.setup()
    from recommendations import matching
    from recommendations.parsing import parse_file

    labelled = json.loads((DATA / "uptake_labelled.json").read_text(encoding="utf-8"))
    export = parse_file((DATA / "upr-info-export-sessions-6-9.xls").read_bytes())
    others = [item.text for item in export.recommendations if item.state_under_review != "KH"]
    cambodia = [(item["key"], item["text"]) for item in labelled["made"]]
    suggestions = [item["text"] for item in labelled["suggested"]]
    truths = [set(item["true_keys"]) for item in labelled["suggested"]]

    made = (cambodia + [(f"other-{n}", text) for n, text in enumerate(others)]) * 2
    made = made[:MADE]
    many = [
        suggestions[n % len(suggestions)] + TAILS[(n // len(suggestions)) % len(TAILS)]
        for n in range(SUGGESTED)
    ]
    timings = []
    for _run in range(RUNS):
        started = time.perf_counter()
        ranked = matching.MadeIndex(made).rank_many(many, k=3)
        timings.append(time.perf_counter() - started)
        assert len(ranked) == SUGGESTED

    alone = matching.MadeIndex(cambodia).rank_many(suggestions, k=3)
    crowded_made = (cambodia + [(f"other-{n}", text) for n, text in enumerate(others)])[:MADE]
    crowded = matching.MadeIndex(crowded_made).rank_many(suggestions, k=3)
    figures = [
        {
            "figure": f"uptake matching {SUGGESTED} suggested x {len(made)} made, end to end",
            "value": round(min(timings), 3),
            "unit": "s",
            "target": 5,
            "better": "lower",
        },
        {
            "figure": f"uptake precision@3, labelled fixture ({sum(map(bool, truths))} "
            f"suggestions) vs the review's {len(cambodia)} recommendations",
            "value": round(matching.precision_at(3, alone, truths), 3),
            "unit": "share",
            "target": 0.8,
            "better": "higher",
        },
        {
            "figure": "uptake precision@1, same fixture",
            "value": round(matching.precision_at(1, alone, truths), 3),
            "unit": "share",
            "target": 0.7,
            "better": "higher",
        },
        {
            "figure": f"uptake precision@3, same fixture vs {len(crowded_made)} recommendations "
            "(other States' reviews as distractors)",
            "value": round(matching.precision_at(3, crowded, truths), 3),
            "unit": "share",
            "target": 0.8,
            "better": "higher",
        },
    ]
    for figure in figures:
        print(json.dumps(figure))


if __name__ == "__main__":
    main()
