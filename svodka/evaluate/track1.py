"""factRuEval-2016 track 1 (named entities), scored the way the shared task's scorer does.

What is reproduced from the official `dialent` scripts (run with LocOrg counted as loc):
- Gold objects (`.objects`) become token sets: the gold tokens of all their spans. Tags:
  Person → per, Org → org, Location and LocOrg → loc (Project is not scored).
- Each gold token carries a mark: 1 when one of the object's spans holding it is a
  *name* span (per: name, surname, patronymic, nickname; org/loc: org_name, loc_name),
  else 0 (descriptors, jobs, geo adjectives).
- A predicted mention becomes the set of gold tokens lying wholly inside it, leaving out
  punctuation written against a neighbour (`Token.isIgnored`: one character, no letter —
  digits included —, no space before or after it).
- Pair priority = |S∩T| / |S∪T| (0 across tags). Pair quality = tp / (tp + fp + fn) with
  tp = marks of S∩T, fn = marks of S∖T that are no punctuation (one character, no
  letter), fp = |T∖S|; the priority when that sum is 0.
- Matching is the scorer's search: a gold object with a perfect (priority 1) candidate
  must take one; a prediction that fits another gold object perfectly is not given to a
  worse one; the matching with the best overall F1 wins.
- Ignored gold objects (not counted on either side, nor the predictions paired with
  them): unnamed ones (no marked token), embedded ones (tokens a strict subset of another
  per/org/loc object that may contain them: per and loc inside loc or org, org inside
  org), and of two objects with the same tokens (siblings) the one that is not an org, or
  the unmatched one.
- Per document, tp is the summed quality, n_std the counted gold objects, n_test the
  predictions; P = tp / n_test, R = tp / n_std, summed over documents (micro). In the
  Score rows tp is that (fractional) quality sum, fp = n_test − tp, fn = n_std − tp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from svodka.evaluate.report import Score

TAGS = ("per", "loc", "org")
GOLD_TAGS = {"Person": "per", "Org": "org", "Organization": "org", "Location": "loc",
             "LocOrg": "loc"}
NAME_SPANS = {
    "per": {"name", "surname", "patronymic", "nickname"},
    "loc": {"org_name", "loc_name"},
    "org": {"org_name", "loc_name"},
}
PARENT_TAGS = {"per": {"loc", "org"}, "loc": {"loc", "org"}, "org": {"org"}}
SEARCH_BUDGET = 200_000  # recursive steps per document before the search turns greedy


@dataclass
class TokenSet:
    tag: str
    tokens: frozenset[int]
    marks: dict[int, int] = field(default_factory=dict)
    parents: int = 0
    siblings: list[int] = field(default_factory=list)
    punctuation: frozenset[int] = frozenset()  # gold tokens that never count as missed

    @property
    def unnamed(self) -> bool:
        return not any(self.marks.values())


def priority(s: TokenSet, t: TokenSet) -> float:
    if s.tag != t.tag:
        return 0.0
    union = len(s.tokens | t.tokens)
    return len(s.tokens & t.tokens) / union if union else 0.0


def quality(s: TokenSet, t: TokenSet) -> float:
    if s.tag != t.tag:
        return 0.0
    tp = sum(s.marks.get(x, 0) for x in s.tokens & t.tokens)
    fn = sum(s.marks.get(x, 0) for x in s.tokens - t.tokens - s.punctuation)
    fp = len(t.tokens - s.tokens)
    total = tp + fp + fn
    return tp / total if total else priority(s, t)


def link_gold(gold: list[TokenSet]) -> None:
    """Fill parents and siblings of each gold set."""
    for i, s in enumerate(gold):
        for j, other in enumerate(gold):
            if i == j or other.tag not in PARENT_TAGS[s.tag]:
                continue
            if s.tokens < other.tokens:
                s.parents += 1
            elif s.tokens == other.tokens:
                s.siblings.append(j)


def _ignored(i: int, gold: list[TokenSet], matched: set[int]) -> bool:
    s = gold[i]
    if s.unnamed or s.parents:
        return True
    for j in s.siblings[:1]:
        sibling = gold[j]
        if (i in matched) == (j in matched):
            if sibling.tag == s.tag:
                return i > j  # the first of two equal siblings counts
            return s.tag != "org"
        return i not in matched
    return False


@dataclass
class Counts:
    tp: float = 0.0
    n_std: int = 0
    n_test: int = 0

    def score(self) -> Score:
        tp = round(self.tp, 2)
        return Score(tp=tp, fp=round(self.n_test - self.tp, 2), fn=round(self.n_std - self.tp, 2))

    @property
    def f1(self) -> float:
        p = self.tp / self.n_test if self.n_test else 1.0
        r = self.tp / self.n_std if self.n_std else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_pairs(gold: list[TokenSet], test: list[TokenSet], pairs: list[tuple[int, int]],
                   tag: str | None = None) -> Counts:
    matched = {i for i, _ in pairs}
    matched_test = {j for _, j in pairs}
    counts = Counts()
    relevant = 0
    for i, j in pairs:
        if tag and gold[i].tag != tag:
            continue
        if not _ignored(i, gold, matched):
            counts.tp += quality(gold[i], test[j])
            relevant += 1
    counts.n_test = relevant + sum(1 for j, t in enumerate(test)
                                   if j not in matched_test and (not tag or t.tag == tag))
    counts.n_std = relevant + sum(1 for i, s in enumerate(gold)
                                  if i not in matched and (not tag or s.tag == tag)
                                  and not _ignored(i, gold, matched))
    return counts


def find_matching(gold: list[TokenSet], test: list[TokenSet]) -> list[tuple[int, int]]:
    """The official recursive search for the matching with the best overall F1."""
    m = [[priority(s, t) for t in test] for s in gold]
    steps = 0

    def search(std: Sequence[int], free: list[int],
               pairs: list[tuple[int, int]]) -> tuple[float, list[tuple[int, int]]]:
        nonlocal steps
        steps += 1
        if not std or not free:
            return evaluate_pairs(gold, test, pairs).f1, pairs
        curr = std[0]
        perfect = [t for t in free if m[curr][t] == 1]
        candidates = perfect or [t for t in free if m[curr][t] != 0]
        best: tuple[float, list[tuple[int, int]]] | None = None
        max_alternatives = 0
        for t in candidates:
            alternatives = sum(1 for k in std if m[k][t] != 0)
            max_alternatives = max(max_alternatives, alternatives)
            if any(m[k][t] == 1 for k in std) and m[curr][t] < 1:
                continue
            result = search(std[1:], [x for x in free if x != t], pairs + [(curr, t)])
            if best is None or result[0] > best[0]:
                best = result
            if steps > SEARCH_BUDGET:
                break
        if best is None or not candidates or (len(candidates) == 1 and max_alternatives > 1):
            result = search(std[1:], free, pairs)
            if best is None or result[0] > best[0]:
                best = result
        return best

    order = sorted(range(len(gold)), key=lambda i: (TAGS.index(gold[i].tag), i))
    return search(order, list(range(len(test))), [])[1]


def score_document(gold: list[TokenSet], test: list[TokenSet]) -> dict[str, Counts]:
    """Counts per tag and overall for one document."""
    link_gold(gold)
    pairs = find_matching(gold, test)
    out = {tag: evaluate_pairs(gold, test, pairs, tag) for tag in TAGS}
    out["overall"] = evaluate_pairs(gold, test, pairs)
    return out
