"""Is a re-ranking setting chosen on 30 dev topics worth anything on topics it was not chosen on?

The re-ranking benches (``bench/proximity.py``, ``bench/feedback.py``) each score a grid of
settings against the shipped ranking. With 30 topics the best cell of a grid is mostly the noise
of a few topics, so each bench reports it held out, as issue 19's outside checks will see it: the
setting with the best nDCG@10 on the odd-numbered topics is reported on the even ones and the other
way round (again with nDCG@10 on judged articles only: the pools came from BM25 runs, and a
re-ranking that lifts unjudged articles is under-rated), then the same over many random halvings.

A row is ``(setting, aggregate, per topic)``, the first row being the shipped ranking (setting
``None``); :func:`measured` gives the two dicts of a run.
"""

from __future__ import annotations

import random
import statistics

import numpy as np

from search.evaluation import metrics


def measured(ranked: metrics.Run, qrels: dict) -> tuple[dict, dict]:
    """(aggregate, per topic) measures of ``ranked``, with ``judged``: nDCG@10 on judged
    documents only (condensed lists)."""
    aggregate, per = metrics.measure(ranked, qrels)
    condensed = {q: [d for d in docs if d[0] in qrels.get(q, {})] for q, docs in ranked.items()}
    judged_agg, judged = metrics.measure(condensed, qrels)
    aggregate["judged"] = judged_agg["ndcg@10"]
    for q, values in judged.items():
        per[q]["judged"] = values["ndcg@10"]
    return aggregate, per


def odd_even(qids) -> tuple[set[str], set[str]]:
    """The odd- and even-numbered topics (``t07`` is odd)."""
    qids = set(qids)
    odd = {q for q in qids if int(q.lstrip("t")) % 2}
    return odd, qids - odd


def half(per: dict, qids: set[str], measure: str) -> float:
    return sum(per[q][measure] for q in qids) / len(qids)


def best_on(settings: list, qids: set[str], measure: str = "ndcg@10") -> tuple:
    """The (setting, aggregate, per topic) row with the best ``measure`` on ``qids`` (then Recall@100)."""
    return max(settings, key=lambda r: (half(r[2], qids, measure), half(r[2], qids, "recall@100")))


def table(rows: list, odd: set[str], even: set[str]) -> str:
    """The rows as a Markdown table, each with its odd and even halves."""
    lines = ["| setting | nDCG@10 | Recall@100 | P@10 | MRR@10 | nDCG@10 judged only "
             "| odd nDCG@10 / R@100 | even nDCG@10 / R@100 |",
             "|---|---|---|---|---|---|---|---|"]
    for setting, agg, per in rows:
        cells = [f"{agg[m]:.4f}" for m in ("ndcg@10", "recall@100", "p@10", "mrr@10", "judged")]
        cells += [f"{half(per, h, 'ndcg@10'):.4f} / {half(per, h, 'recall@100'):.4f}" for h in (odd, even)]
        lines.append(f"| {setting or 'none (shipped)'} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def deltas(base: dict, per: dict, measure: str = "ndcg@10") -> str:
    """The topics a row moves: ``qid measure-change/Recall@100-change``."""
    return " ".join(f"{q} {per[q][measure] - base[q][measure]:+.3f}/"
                    f"{per[q]['recall@100'] - base[q]['recall@100']:+.3f}"
                    for q in sorted(per) if any(abs(per[q][m] - base[q][m]) > 1e-4 for m in (measure, "recall@100")))


def no_loss(rows: list, odd: set[str], even: set[str]) -> list:
    """The rows losing neither nDCG@10 nor Recall@100 on either half, nor P@10 or MRR@10 on the
    whole set, best nDCG@10 first."""
    (_, base_agg, base), out = rows[0], []
    for row in rows[1:]:
        _, agg, per = row
        if all(half(per, h, m) >= half(base, h, m) - 1e-9 for h in (odd, even) for m in ("ndcg@10", "recall@100")) \
                and all(agg[m] >= base_agg[m] - 1e-9 for m in ("p@10", "mrr@10")):
            out.append(row)
    return sorted(out, key=lambda r: -r[1]["ndcg@10"])


def cross_half(rows: list, odd: set[str], even: set[str]) -> None:
    """Prints the setting chosen on each half (by nDCG@10, then by its judged-only figure) and
    what it does on the other half, with its per-topic deltas."""
    base = rows[0][2]
    for measure in ("ndcg@10", "judged"):
        for name, chosen_on, reported_on in (("odd", odd, even), ("even", even, odd)):
            setting, agg, per = best_on(rows[1:], chosen_on, measure)
            print(f"chosen on the {name} topics by {measure}: {setting}; on them "
                  f"{half(base, chosen_on, measure):.4f} -> {half(per, chosen_on, measure):.4f}; on the others "
                  f"{half(base, reported_on, measure):.4f} -> {half(per, reported_on, measure):.4f}, Recall@100 "
                  f"{half(base, reported_on, 'recall@100'):.4f} -> {half(per, reported_on, 'recall@100'):.4f}; whole "
                  f"set nDCG@10 {agg['ndcg@10']:.4f}, judged only {agg['judged']:.4f}, Recall@100 "
                  f"{agg['recall@100']:.4f}, P@10 {agg['p@10']:.4f}. Per topic ({measure}/Recall@100): "
                  f"{deltas(base, per, measure)}\n")


def held_out(rows: list, qids: list[str], splits: int, seed: int = 19) -> str:
    """Beyond the one odd/even split: over ``splits`` random halvings, the setting with the best
    nDCG@10 on one half, measured on the other against the shipped ranking. How a tuned setting
    would carry over to topics it was not chosen on."""
    rng = random.Random(seed)
    (_, _, base), settings = rows[0], rows[1:]
    # the settings' per-topic figures as arrays: a grid of 1,700 settings over 1,000 halvings
    ndcg = np.array([[per[q]["ndcg@10"] for q in qids] for _, _, per in settings])
    recall = np.array([[per[q]["recall@100"] for q in qids] for _, _, per in settings])
    base_ndcg = np.array([base[q]["ndcg@10"] for q in qids])
    base_recall = np.array([base[q]["recall@100"] for q in qids])
    gains, recalls, kept = [], [], 0
    for _ in range(splits):
        chosen = np.isin(qids, rng.sample(qids, len(qids) // 2))
        on = ndcg[:, chosen].mean(axis=1)
        ties = np.flatnonzero(on == on.max())
        pick = ties[np.argmax(recall[ties][:, chosen].mean(axis=1))]  # then Recall@100, as best_on
        gain = float((ndcg[pick, ~chosen] - base_ndcg[~chosen]).mean())
        lost = float((recall[pick, ~chosen] - base_recall[~chosen]).mean())
        gains.append(gain)
        recalls.append(lost)
        kept += gain >= 0 and lost >= 0
    gains.sort()
    recalls.sort()
    return (f"over {splits} random halvings, the setting chosen on one half changes the other half's "
            f"nDCG@10 by {statistics.mean(gains):+.4f} on average (median {statistics.median(gains):+.4f}, "
            f"5th-95th percentile {gains[len(gains) // 20]:+.4f} to {gains[-len(gains) // 20 - 1]:+.4f}) and its "
            f"Recall@100 by {statistics.mean(recalls):+.4f} (median {statistics.median(recalls):+.4f}, "
            f"5th-95th percentile {recalls[len(recalls) // 20]:+.4f} to {recalls[-len(recalls) // 20 - 1]:+.4f}); "
            f"it loses neither in {kept} of them")
