"""The import-cost benches (issue 18) keep working: the profile's stage sorting and the near keys'
word-hash variant, on made-up stacks and a real article's words. No timings are asserted."""

from __future__ import annotations

import importlib
import pathlib
import sys

import pytest

from analyzers.terms import exact_forms
from indexer import nearduplicates as nd

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield {name: importlib.import_module(name) for name in ("import_profile", "near_keys_cost")}
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_a_sampled_stack_lands_in_its_stage(bench):
    stage_of = bench["import_profile"].stage_of
    worker = ["process 12:python -m fahras index", "_process_worker (concurrent/futures/process.py:240)"]
    new_root = [*worker, "_Filling.__missing__ (analyzers/caching.py:50)", "_computed_root (analyzers/roots.py:9)"]
    assert stage_of(new_root) == ("pool", "new word: root")
    assert stage_of([*worker, "near_of_words (indexer/nearduplicates.py:80)", "shingle_values (x.py:1)"]) == (
        "pool", "near keys: shingle values (word hashes)")
    assert stage_of(["process 11:python", "write_packed (search/sphinx_backend/store.py:3)"]) == (
        "parent", "side-store writes (SQLite)")
    assert stage_of(["process 13:python -m search.sphinx_backend.feed --part main", "main (f.py:1)"]) == (
        "build", "feed (inflate, JSON, XML)")
    assert stage_of(["process 11:python", "something_else (x.py:1)"]) == ("parent", "other")


def test_the_profile_sums_samples_by_stage(bench, tmp_path, capsys):
    raw = tmp_path / "raw.txt"
    raw.write_text("process 11:python;write_packed (s.py:1) 30\n"
                   "process 12:python;_process_worker (p.py:1);field_terms (t.py:1) 70\n", encoding="utf-8")
    bench["import_profile"].summarise(raw)
    out = capsys.readouterr().out
    assert "100 samples" in out and "70.0%" in out and "30.0%" in out


def test_the_former_road_makes_keys_of_the_stored_shape(bench):
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = exact_forms(" ".join(a + b + "ان" for a in letters[:8] for b in letters[8:16]))  # 64 words
    made, former = nd.keys_of_words(words), bench["near_keys_cost"].former_keys(words)
    assert len(former) == len(made) == nd.BANDS and former != made  # another hash, other keys
    assert [k[:2] for k in former] == [k[:2] for k in made]  # band numbers, then the band's hash
    assert former == bench["near_keys_cost"].former_keys(list(words))  # deterministic
    assert bench["near_keys_cost"].former_keys(words[:10]) == []  # too short for keys, as made
