"""Which recommendations made at a review most resemble a CSO's suggested recommendation.

Pure and offline: plain strings in, ranked candidates out, nothing downloaded or stored.
Two measures, both on normalised text (casefolded, accents and punctuation dropped, the
recommending State in parentheses and clause letters taken out, and the stock openings that
say nothing about the content, "continue to", "take measures to", "redouble its efforts
to", removed):

* **Weighted word overlap**: the cosine of the two texts' word sets, each word weighted by
  its inverse document frequency among the review's recommendations, so "eviction" or
  "Paris Principles" count for much more than "rights" or "ensure". Words lose a plural "s"
  and are cut to six letters ("evictions", "eviction" and "evicting" agree).
* **rapidfuzz's token set ratio** (0-100), which scores a suggestion highly when its words
  are nearly a subset of the recommendation's, and tolerates spelling variants.

A recommendation made of several clauses (a joint recommendation: "(a) ... (Norway); (b) ...
(Spain)") is scored on the whole and on each clause, and keeps its best clause (shown to the person
deciding, with the whole text a click away). The score shown is
`WORD_WEIGHT` times the overlap plus the rest times the ratio, 0-100.

Measured on tests/data/recommendations/uptake_labelled.json (52 CSO-style suggestions on
A/HRC/13/4 and 6 distractors; benchmarks/bench_uptake_matching.py), precision@3 against the
review's 91 recommendations, then against 2,000 (1,909 made to other States crowding them):
the overlap alone 0.98 and 0.69; the ratio alone 0.96 and 0.83, but it scores distractors
as high as true matches (50 and more); the mix at 0.6 0.98 and 0.85, every distractor below
`LIKELY_SCORE`. scikit-learn's TF-IDF on character n-grams was not added: it would bring
scikit-learn, NumPy and SciPy for what the word weights (TF-IDF on stems) and the ratio
(spelling) already give here.
"""

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

# How much of the score is the weighted word overlap; the rest is rapidfuzz's ratio.
WORD_WEIGHT = 0.6
# A candidate below this score is shown as unlikely.
LIKELY_SCORE = 40
# How many recommendations, by word overlap, get the (slower) ratio.
SHORTLIST = 40

# Openings and fillers that say how a State phrases a recommendation, not what it asks.
STOP_PHRASES = (
    "continue to",
    "continue its efforts to",
    "continue efforts to",
    "continue its efforts",
    "continue efforts",
    "further strengthen",
    "take measures to",
    "take further measures to",
    "take all necessary measures to",
    "take the necessary measures to",
    "take necessary measures to",
    "take steps to",
    "take further steps to",
    "take concrete steps to",
    "redouble its efforts to",
    "intensify its efforts to",
    "intensify efforts to",
    "strengthen its efforts to",
    "make efforts to",
    "consider the possibility of",
    "in accordance with international standards",
    "the government of cambodia",
    "the government",
)

# Function words, and the verbs and fillers of nearly every recommendation ("adopt",
# "implement", "strengthen", "against"), which would otherwise match a short recommendation
# on its grammar alone ("Adopt a law against corruption" for "Adopt a plan against
# violence").
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "those",
        "through",
        "to",
        "under",
        "with",
        "within",
        "all",
        "any",
        "which",
        "who",
        "whom",
        "such",
        "other",
        "also",
        "further",
        "more",
        "well",
        "including",
        "particular",
        "especially",
        "ensure",
        "ensuring",
        "efforts",
        "effort",
        "continue",
        "take",
        "measures",
        "steps",
        "necessary",
        "appropriate",
        "relevant",
        "country",
        "state",
        "states",
        "against",
        "adopt",
        "adopting",
        "implement",
        "implementing",
        "implementation",
        "strengthen",
        "strengthening",
        "promote",
        "promoting",
        "consider",
        "considering",
        "develop",
        "intensify",
        "improve",
        "improving",
        "pursue",
        "undertake",
        "provide",
        "guarantee",
        "make",
        "new",
        "full",
        "fully",
        "effective",
        "effectively",
        "order",
        "view",
    ]
)

_PARENTHESES = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_CLAUSES = re.compile(r";|\(\s*[a-z]\s*\)")
_STOP_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True)) + r")\b"
)
STEM_LENGTH = 6


def normalise(text):
    """Lower case, no accents, no parentheses, no stock phrases, single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("’", "'")
    text = _PARENTHESES.sub(" ", text)
    text = _NOT_WORD.sub(" ", text)
    text = _STOP_PHRASES.sub(" ", f" {text} ")
    return " ".join(text.split())


def words(normalised):
    """The content words of a normalised text, cut to their stem, once each."""
    return frozenset(
        _stem(word)
        for word in normalised.split()
        if word not in STOP_WORDS and (len(word) > 2 or word.isdigit())
    )


def _stem(word):
    """A crude stem: no plural "s", at most six letters ("unions", "union" agree)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def clauses(text):
    """The text and, for a recommendation of several clauses, each clause, as (clause as
    written, normalised); the whole text comes first, with "" as written."""
    whole = normalise(text)
    parts = [(part.strip(" ;,."), normalise(part)) for part in _CLAUSES.split(text)]
    parts = [(raw, part) for raw, part in parts if len(part.split()) >= 3 and part != whole]
    return [("", whole), *parts] if len(parts) > 1 else [("", whole)]


@dataclass(frozen=True)
class Candidate:
    key: object  # what the caller passed with the recommendation made (its pk)
    score: float  # 0-100, higher is closer
    overlap: float  # weighted word overlap, 0-100
    ratio: float  # rapidfuzz token set ratio, 0-100
    clause: str = ""  # of a recommendation in clauses, the closest clause as written

    @property
    def is_likely(self):
        return self.score >= LIKELY_SCORE


class MadeIndex:
    """The recommendations made at a review, prepared once for ranking many suggestions.

    `made` is a sequence of (key, text); keys come back in the candidates."""

    def __init__(self, made):
        self.keys = []
        self._owner = []  # clause index -> recommendation index
        self._texts = []  # normalised clauses
        self._written = []  # clauses as written ("" for a whole text)
        self._clauses_of = []  # recommendation index -> its clause indexes
        document_words = []
        for index, (key, text) in enumerate(made):
            self.keys.append(key)
            parts = clauses(text)
            document_words.append(words(parts[0][1]))
            self._clauses_of.append(range(len(self._texts), len(self._texts) + len(parts)))
            for written, part in parts:
                self._owner.append(index)
                self._texts.append(part)
                self._written.append(written)
        frequency = defaultdict(int)
        for found in document_words:
            for word in found:
                frequency[word] += 1
        total = max(len(document_words), 1)
        self._idf = {
            word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()
        }
        self._default_idf = math.log(1 + total) + 1
        self._postings = defaultdict(list)  # word -> [(clause index, weight)]
        for clause_index, text in enumerate(self._texts):
            vector = self._vector(words(text))
            for word, weight in vector.items():
                self._postings[word].append((clause_index, weight))

    def __len__(self):
        return len(self.keys)

    def _vector(self, found):
        weights = {word: self._idf.get(word, self._default_idf) for word in found}
        length = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        return {word: weight / length for word, weight in weights.items()}

    def _overlaps(self, query):
        """({clause index: cosine with the normalised `query`}, {recommendation index: best
        cosine of its clauses})."""
        vector = self._vector(words(query))
        by_clause = defaultdict(float)
        for word, weight in vector.items():
            for clause_index, other in self._postings.get(word, ()):
                by_clause[clause_index] += weight * other
        best = defaultdict(float)
        for clause_index, cosine in by_clause.items():
            owner = self._owner[clause_index]
            best[owner] = max(best[owner], cosine)
        return by_clause, best

    def rank_many(self, suggestions, *, k=3):
        """For each suggestion text, its `k` closest recommendations made, best first.

        The ratio is computed on the `SHORTLIST` recommendations of highest overlap only: a
        recommendation sharing no content word with the suggestion cannot be among the
        first, and this keeps 500 suggestions x 2,000 recommendations well under a second.
        """
        return [self._rank(normalise(text), k) for text in suggestions]

    def _rank(self, query, k):
        by_clause, overlaps = self._overlaps(query)
        shortlist = sorted(overlaps, key=lambda index: (-overlaps[index], index))[:SHORTLIST]
        scored = []
        for index in shortlist:
            best = best_part = None
            for clause in self._clauses_of[index]:
                overlap = by_clause.get(clause, 0.0) * 100
                ratio = fuzz.token_set_ratio(query, self._texts[clause])
                score = WORD_WEIGHT * overlap + (1 - WORD_WEIGHT) * ratio
                if best is None or score > best[0]:
                    best = (score, overlap, ratio, clause)
                # The clause to show: the part of the recommendation closest in its words
                # (the whole text often scores best only by being long).
                if self._written[clause] and (best_part is None or overlap > best_part[0]):
                    best_part = (overlap, clause)
            score, overlap, ratio, clause = best
            shown = best_part[1] if best_part else clause
            scored.append((-score, index, overlap, ratio, shown))
        scored.sort()
        return tuple(
            Candidate(
                key=self.keys[index],
                score=round(-negative_score, 1),
                overlap=round(overlap, 1),
                ratio=round(ratio, 1),
                clause=self._written[clause],
            )
            for negative_score, index, overlap, ratio, clause in scored[:k]
        )

    def rank(self, suggestion, *, k=3):
        return self.rank_many([suggestion], k=k)[0]


def precision_at(k, ranked, truths):
    """Share of the suggestions with a true match whose true recommendation is among the
    first `k` candidates (`ranked` and `truths` in the same order; an empty truth, a
    distractor, is left out)."""
    labelled = [
        (candidates, truth) for candidates, truth in zip(ranked, truths, strict=True) if truth
    ]
    if not labelled:
        return 0.0
    hits = sum(
        1
        for candidates, truth in labelled
        if any(candidate.key in truth for candidate in candidates[:k])
    )
    return hits / len(labelled)
