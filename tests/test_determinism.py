"""Every process gives the same terms (DESIGN.md): the analyzers run in fresh interpreters with
different hash seeds over thousands of real words, and every field's terms must agree.

Two gunicorn workers, or two ``--procs`` import workers, are such processes: when roots came from
tashaphyne's set and dict iteration, ``root:كتب`` found different articles from run to run.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import pathlib
import subprocess
import sys

import pytest

from analyzers.normalize import TOKEN_PATTERN
from analyzers.pipeline import FIELD_KINDS

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SEEDS = ("0", "1", "3", "42", "4242")

ANALYZE = """
import json, sys
from analyzers.pipeline import FIELD_KINDS, analyze
from analyzers.terms import field_terms
words = json.load(open(sys.argv[1], encoding="utf-8"))
text = " ".join(words)
terms = {field: [t for t, _, _ in analyze(text, field)] for field in FIELD_KINDS}
# the import's one-pass road (analyzers/terms.py), whose caches are filled by the same words
terms.update(zip(("fast exact", "fast text", "fast roots"), field_terms(text), strict=True))
print(json.dumps(terms))
"""


def real_words(corpus: pathlib.Path, sample: pathlib.Path) -> list[str]:
    """The distinct words of the bundled sample archive, plus those of 300 corpus articles when
    ../shared is there: several thousand words as news writes them."""
    texts = []
    for line in sample.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        texts.append(f"{doc.get('title') or ''} {doc.get('body') or ''}")
    if corpus.exists():
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, 300):
                doc = json.loads(line)
                texts.append(f"{doc.get('title') or ''} {doc.get('body') or ''}")
    return sorted({word for text in texts for word in TOKEN_PATTERN.findall(text)})


def analyze_in_subprocess(words_file: pathlib.Path, seed: str) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", ANALYZE, str(words_file)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


@pytest.mark.slow
def test_every_field_gives_the_same_terms_whatever_the_hash_seed(tmp_path, sample_path):
    words = real_words(CORPUS, sample_path)
    assert len(words) >= 5_000
    words_file = tmp_path / "words.json"
    words_file.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    runs = {seed: analyze_in_subprocess(words_file, seed) for seed in SEEDS}
    first = runs[SEEDS[0]]
    assert all(len(first[field]) > 3_000 for field in first)
    assert all(first[f"fast {field}"] == first[field] for field in FIELD_KINDS)
    for seed, terms in runs.items():
        for field, expected in first.items():
            differing = sum(a != b for a, b in zip(terms[field], expected, strict=True))
            assert differing == 0, f"PYTHONHASHSEED={seed}: {differing} {field} terms differ from seed 0"


BROKEN_PLURALS = """
import json
from analyzers.broken_plurals import table
print(json.dumps(table(), ensure_ascii=False))
"""


@pytest.mark.slow
def test_broken_plural_table_is_the_same_whatever_the_hash_seed():
    tables = {
        subprocess.run(
            [sys.executable, "-c", BROKEN_PLURALS], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout
        for seed in SEEDS[:3]
    }  # fmt: skip
    assert len(tables) == 1 and len(json.loads(tables.pop())) > 500

