"""One-to-one matching of gold items to predicted items, shared by the scorers.

Every scorer pairs each gold item with at most one prediction and each prediction with at
most one gold item, maximising the number of pairs (Kuhn's augmenting paths): a prediction
that overlaps two gold spans counts once, and two predictions for one gold item give one
true positive and one false positive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from svodka.evaluate.report import Score

G = TypeVar("G")
P = TypeVar("P")


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open character spans share at least one character."""
    return a_start < b_end and b_start < a_end


def match_one_to_one(gold: Sequence[G], predicted: Sequence[P],
                     fits: Callable[[G, P], bool]) -> list[tuple[int, int]]:
    """A maximum set of (gold index, predicted index) pairs with `fits(gold, predicted)`."""
    options = [[j for j, p in enumerate(predicted) if fits(g, p)] for g in gold]
    owner: dict[int, int] = {}  # predicted index → gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # the gold items with fewest options go first: fewer augmenting detours
    for i in sorted(range(len(gold)), key=lambda i: len(options[i])):
        if options[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_matching(gold: Sequence[G], predicted: Sequence[P],
                   fits: Callable[[G, P], bool]) -> Score:
    """tp = matched pairs, fn = unmatched gold, fp = unmatched predictions."""
    tp = len(match_one_to_one(gold, predicted, fits))
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)
