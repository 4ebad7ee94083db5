"""The sphinx backend behind the same doors as the Whoosh one: the ``fahras`` commands with
``--backend sphinx`` (or ``$FAHRAS_BACKEND``), the JSON API and the pages, over a real 2-shard
cluster on loopback; a shard down gives a partial answer, a coordinator down a 503."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest
from support.articles import engine_at, write_jsonl
from support.cli import clean_failure, fahras
from support.servers import get

from search import PART_CHARS, SearchRequest
from search.sphinx_backend import cluster as cl
from web import create_app
from web.supervise import fahras_command, free_port, stop, wait_until_answering

QUERIES = ["وزارة الصحة", "الرياضة", '"وزارة الصحة"', "root:درس", "وزا*"]


def _sphinx(cluster) -> dict[str, str]:
    return {"FAHRAS_BACKEND": "sphinx", "FAHRAS_CLUSTER": str(cluster.directory)}


def _whoosh_totals(index_dir) -> dict[str, int]:
    engine = engine_at(index_dir, query_time_limit=None)
    try:
        return {q: engine.search(SearchRequest(q=q)).total for q in QUERIES}
    finally:
        engine.close()


def test_every_command_takes_backend_sphinx(make_cluster, sample_path, sample_whoosh, tmp_path):
    cluster = make_cluster()
    where = ["--backend", "sphinx", "--cluster", cluster.directory]
    done = fahras("index", sample_path, *where, "--procs", "2")
    assert done.returncode == 0 and done.stdout.startswith("indexed 168, updated 0, rejected 0"), done.stderr
    expected = _whoosh_totals(sample_whoosh)
    for q in QUERIES:
        found = fahras("search", q, "--json", env=_sphinx(cluster))  # from the environment
        assert found.returncode == 0, found.stderr
        data = json.loads(found.stdout)
        assert data["total"] == expected[q] and data["partial"] is False, q
    text = fahras("search", "وزارة", *where)
    assert text.returncode == 0 and "results" in text.stdout

    stats = fahras("stats", *where, "--json")
    assert stats.returncode == 0, stats.stderr
    numbers = json.loads(stats.stdout)
    assert numbers["documents"] == 168 and numbers["analyzer_version"] and numbers["size_bytes"] > 0
    assert sorted(numbers["shards"]) == ["shard0", "shard1"] and sum(numbers["shards"].values()) == 168
    assert "shard1" in fahras("stats", *where).stdout

    # eval ranks with the same engine: the Whoosh index and the cluster score alike
    topics, qrels = tmp_path / "topics.tsv", tmp_path / "qrels.txt"
    topics.write_text("qid\tquery\tcriterion\nq1\tوزارة الصحة\tx\nq2\tالرياضة\tx\n", encoding="utf-8")
    judged = [f"q1 0 sample-{n:04d} {n % 3}" for n in range(1, 169, 4)]
    judged += [f"q2 0 sample-{n:04d} {n % 2}" for n in range(2, 169, 5)]
    qrels.write_text("\n".join(judged) + "\n", encoding="utf-8")
    runs = [fahras("eval", "--topics", topics, "--qrels", qrels, *args)
            for args in (["--index", sample_whoosh], where)]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    whoosh, sphinx = ({line.split("\t")[0]: float(line.split("\t")[1]) for line in r.stdout.splitlines()}
                      for r in runs)
    assert whoosh.keys() == sphinx.keys() and all(abs(whoosh[m] - sphinx[m]) <= 0.01 for m in whoosh)

    gone = fahras("delete", "sample-0001", "no-such-id", *where)
    assert gone.stdout.strip() == "deleted 1"
    clean_failure(gone, "no-such-id", code=1)
    assert json.loads(fahras("stats", *where, "--json").stdout)["documents"] == 167


def test_a_backend_that_cannot_be_used_is_one_line(tmp_path, sample_path):
    no_cluster = {"FAHRAS_CLUSTER": ""}
    clean_failure(fahras("search", "وزارة", "--backend", "sphinx", env=no_cluster), "--cluster", code=1)
    clean_failure(fahras("index", sample_path, "--backend", "sphinx", env=no_cluster), "--cluster", code=1)
    clean_failure(fahras("stats", "--backend", "sphinx", "--cluster", tmp_path), "cluster start", code=1)
    clean_failure(fahras("search", "وزارة", "--backend", "nope"), "unknown search backend", code=1)
    clean_failure(fahras("delete", "x", "--backend", "nope"), "unknown search backend", code=1)


def test_the_api_and_the_pages_over_a_cluster(make_cluster, import_file, sample_path, sample_whoosh):
    cluster = make_cluster()
    import_file(cluster, sample_path)
    expected = _whoosh_totals(sample_whoosh)
    client = create_app({**_sphinx(cluster), "FAHRAS_RATE_LIMIT": 0}).test_client()
    for q in QUERIES:
        data = client.get("/api/v1/search", query_string={"q": q}).get_json()
        assert data["total"] == expected[q] and data["partial"] is False and data["shards_failed"] == []
    whoosh = create_app({"FAHRAS_INDEX": str(sample_whoosh), "FAHRAS_RATE_LIMIT": 0}).test_client()
    for path in ("/api/v1/documents/sample-0042", "/api/v1/suggest?q=وزا"):
        assert client.get(path).get_json() == whoosh.get(path).get_json(), path
    similar = client.get("/api/v1/documents/sample-0042/similar").get_json()
    assert similar["hits"] and "sample-0042" not in {h["id"] for h in similar["hits"]}
    assert similar["partial"] is False and similar["shards_failed"] == []
    page = client.get("/search", query_string={"q": "وزارة"})
    assert page.status_code == 200 and "notice--partial" not in page.get_data(as_text=True)
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["shards_failed"] == [] and health["documents"] == 168

    full = client.get("/api/v1/search", query_string={"q": "وزارة"}).get_json()
    cl.stop(cluster.directory, ["shard1"])
    cut = client.get("/api/v1/search", query_string={"q": "وزارة"}).get_json()
    assert cut["partial"] is True and cut["shards_failed"] == ["shard1"]
    assert 0 < cut["total"] < full["total"]
    page = client.get("/search", query_string={"q": "وزارة"}).get_data(as_text=True)
    assert "notice--partial" in page and "shard1" in page
    # the health check says so (still 200: searches answer, with the other shard's hits) ...
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["status"] == "degraded" and health.get_json()["shards_failed"] == ["shard1"]
    # ... and similar articles are marked partial as a search is, in the API, the page and its twin
    cut = client.get("/api/v1/documents/sample-0042/similar").get_json()
    assert cut["partial"] is True and cut["shards_failed"] == ["shard1"]
    twin = client.get("/documents/sample-0042.json").get_json()
    assert twin["partial"] is True and twin["shards_failed"] == ["shard1"]
    page = client.get("/documents/sample-0042").get_data(as_text=True)
    assert "notice--partial" in page and "shard1" in page

    cl.stop(cluster.directory, ["coordinator"])
    down = client.get("/api/v1/search", query_string={"q": "وزارة"})
    assert down.status_code == 503 and down.get_json()["error"]["code"] == "index_unavailable"
    assert client.get("/search", query_string={"q": "وزارة"}).status_code == 503


def test_serve_with_backend_sphinx_answers_over_http(make_cluster, import_file, sample_path):
    cluster = make_cluster()
    import_file(cluster, sample_path)
    port = free_port()
    proc = subprocess.Popen(
        [*fahras_command(), "serve", "--backend", "sphinx", "--cluster", str(cluster.directory),
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/healthz", proc, timeout=30)
        status, _headers, body = get(base + "/api/v1/search?q=%D9%88%D8%B2%D8%A7%D8%B1%D8%A9")
        assert status == 200 and json.loads(body)["total"] > 0
    finally:
        stop(proc)


def test_one_story_once_and_hijri_years_as_on_whoosh(both_engines):
    """Issue 15 over a cluster: the stored story folds a story into one hit (GROUP BY story counts
    the stories), pages of stories go on exactly, the Hijri year is a facet: as on Whoosh."""
    from support.stories import story_records

    whoosh, sphinx = both_engines([{**r, "date": r["date"].isoformat()} for r in story_records()])
    request = SearchRequest(q="حقل الغاز الطبيعي", per_page=20)
    for engine in (whoosh, sphinx):
        result = engine.search(request)
        folded = [h for h in result.hits if h.duplicates]
        assert len(result.hits) == 11 and len(folded) == 1 and len(folded[0].duplicates) == 2
        assert [(v.value, v.count) for v in result.facets["hijri_year"]] == [("1436", 13)]
        assert {h.date_hijri for h in result.hits} >= {"1436-10-16"}
        assert (result.total, result.total_stories) == (13, 11)
        assert {d.id for d in folded[0].duplicates} | {folded[0].id} == {"gas-okaz", "gas-riyadh", "gas-was"}
    pages = {name: [[h.id for h in engine.search(SearchRequest(q="الطبيعي", per_page=4, page=n)).hits]
                    for n in (1, 2, 3)] for name, engine in (("whoosh", whoosh), ("sphinx", sphinx))}
    assert [len(p) for p in pages["sphinx"]] == [4, 4, 3]
    assert len({i for p in pages["sphinx"] for i in p}) == 11
    assert pages["sphinx"][0][0] == pages["whoosh"][0][0]  # the best story leads on both


def test_did_you_mean_reads_side_by_side_counts_as_on_whoosh(both_engines, monkeypatch):
    """The context rules of did-you-mean (a word never written beside its neighbour, one edit from
    one that is; two words typed without their space; a word cut by one) ask the backend for side-by-side counts:
    the cluster answers as Whoosh does, inside quotes (corrected) and without (suggested)."""
    from search import suggest

    monkeypatch.setattr(suggest, "CONTEXT_BETTER", 4)  # 12 articles against 3: a small archive
    titles = (["مجلس الشورى يقر النظام"] * 12 + ["قالت الشورة في بيانها"] * 3 + ["مجلس المدينة والشورة"]
              + ["السفر خلال 3 سنوات"] * 6)
    whoosh, sphinx = both_engines([{"id": f"n{i}", "title": t, "body": t, "date": "2015-07-21"}
                                   for i, t in enumerate(titles)])
    for engine in (whoosh, sphinx):
        r = engine.search(SearchRequest(q="مجلس الشورة"))
        assert (r.suggestion, r.corrected_query, r.total_all) == ("مجلس الشورى", None, 1)
        quoted = engine.search(SearchRequest(q='"مجلس الشورة"'))
        assert (quoted.corrected_query, quoted.total) == ('"مجلس الشورى"', 12)
        glued = engine.search(SearchRequest(q="السفرخلال"))  # a space left out
        assert (glued.corrected_query, glued.total) == ("السفر خلال", 6)
        number = engine.search(SearchRequest(q="3سنوات"))  # the analysis parts a number from a word
        assert (number.corrected_query, number.total) == (None, 6)
        cut = engine.search(SearchRequest(q='"مجلس الشو رى"'))  # a stray space
        assert (cut.corrected_query, cut.total) == ('"مجلس الشورى"', 12)


def test_a_long_body_comes_a_part_at_a_time(make_cluster, import_file, tmp_path):
    """The side store keeps a long body in parts (indexer/parts.py): the API walks them by
    next_part and they join to the body; a later part marks the query's words, as on Whoosh."""
    cluster = make_cluster()
    body = "\n".join(f"سطر {n} عن الزعفران والقرنفل في خراسان" for n in range(9000))
    records = [{"id": "long", "title": "تقرير طويل", "body": body},
               {"id": "short", "title": "زعفران", "body": "الزعفران في خراسان"}]
    import_file(cluster, write_jsonl(tmp_path / "long.jsonl", records))
    client = create_app({**_sphinx(cluster), "FAHRAS_RATE_LIMIT": 0}).test_client()
    parts, url = [], "/api/v1/documents/long"
    while url:
        doc = client.get(url).get_json()
        assert doc["part"] == len(parts) + 1 and len(doc["body"]) <= PART_CHARS
        parts.append(doc["body"])
        url = doc["next_part"]
    assert len(parts) == doc["parts"] > 2 and "".join(parts) == body
    marked = client.get("/api/v1/documents/long", query_string={"part": 2, "q": "الزعفران"}).get_json()
    assert marked["body_html"].count("<mark>الزعفران</mark>") == marked["body"].count("الزعفران") > 0
    assert client.get("/api/v1/documents/long?part=99").status_code == 400


def test_keyword_fields_by_label_and_folded_form_as_on_whoosh(both_engines):
    """``مصدر:عكاظ`` names the stored slug ``okaz`` through the labels file, ``source:الرياض`` the
    label of ``alriyadh``, on a cluster as on Whoosh (issue 15 item 4)."""
    from support.stories import story_records

    labels = str(pathlib.Path(__file__).parents[2] / "data" / "labels" / "saudinewsnet.json")
    whoosh, sphinx = both_engines([{**r, "date": r["date"].isoformat()} for r in story_records()], labels=labels)
    for q, ids in (("مصدر:عكاظ", ["gas-okaz"]), ("source:الرياض", ["gas-riyadh"]), ("مصدر:واس", ["gas-was"]),
                   ("مصدر:okaz", ["gas-okaz"])):
        for engine in (whoosh, sphinx):
            result = engine.search(SearchRequest(q=q, collapse=False))
            assert [h.id for h in result.hits] == ids, (engine.backend.name, q)


def test_a_compound_is_one_word_to_the_partial_matches_on_both_backends(both_engines):
    """The compound is grouped on the query tree, so the cluster's tiers are Whoosh's."""
    from support.articles import compound_articles

    whoosh, sphinx = both_engines(compound_articles())
    for q, totals in (("واتس اب", (6, 0)), ("واتساب", (6, 0)), ("رسائل واتس اب", (2, 4))):
        answers = [e.search(SearchRequest(q=q)) for e in (whoosh, sphinx)]
        assert [(r.total_all, r.total_partial) for r in answers] == [totals, totals], q


def test_a_name_typed_apart_is_its_words_side_by_side_on_both_backends(both_engines):
    """The requirement is on the query tree, so the cluster matches what Whoosh matches."""
    from support.articles import head_stop_word_articles, name_articles

    whoosh, sphinx = both_engines(name_articles() + head_stop_word_articles())
    for q, totals in (("عبد الملك", (6, 0)), ("عبدالملك", (6, 0)), ("رسائل عبد الملك", (1, 5)),
                      ("ابو ظبي", (6, 0)), ("ابوظبي", (6, 0))):
        answers = [e.search(SearchRequest(q=q, per_page=20)) for e in (whoosh, sphinx)]
        assert [(r.total_all, r.total_partial) for r in answers] == [totals, totals], q
        # the same articles, highlighted alike (a requirement's words are highlighted on both)
        in_whoosh, in_sphinx = ({h.id: h.snippet_html for h in r.hits} for r in answers)
        assert in_whoosh == in_sphinx, q


def test_a_rare_stop_word_narrows_the_results_on_both_backends(both_engines):
    """The stop word rule is decided on the query tree, so the cluster answers as Whoosh does."""
    from support.articles import stop_word_articles

    whoosh, sphinx = both_engines(stop_word_articles())
    for q, totals in (("عين العرب", (3, 10)), ("في العرب", (13, 0)), ("عين الكتاب", (0, 30))):
        answers = [e.search(SearchRequest(q=q)) for e in (whoosh, sphinx)]
        assert [(r.total_all, r.total_partial) for r in answers] == [totals, totals], q


def test_a_stop_word_typed_as_a_name_ranks_the_name_first_on_both_backends(both_engines):
    """علي typed with ي is the name beside صالح on the cluster as on Whoosh: the pair first."""
    records = [{"id": f"as{i:02d}", "title": f"خبر رقم {i}", "body": text, "date": "2015-07-01"}
               for i, text in enumerate(["قال الرئيس اليمني السابق علي صالح في كلمة"] * 3
                                        + ["كتب صالح الصالح عن صالح العام وصالح الناس على الصفحة"] * 3
                                        + ["افتتح معرض الكتاب على ارض الرياض"] * 24)]
    for engine in both_engines(records):
        found = engine.search(SearchRequest(q="علي صالح", per_page=10))
        assert found.total == 6 and sorted(h.id for h in found.hits[:3]) == ["as00", "as01", "as02"], engine


def _spelt_in_two() -> list[dict]:
    """واتساب joined in some articles, «واتس اب» apart in others (in the title, the body, or
    several times), both in one; اب (father) alone in others; every title word is in its body, so
    that each form's title and body frequencies are the same on both backends."""
    texts = [("واتس اب يطلق ميزة", "واتس اب يطلق ميزة جديدة للمستخدمين"),
             ("ميزة جديدة", "ميزة جديدة في واتس اب و واتس اب و واتس اب"),
             ("تقرير", "تقرير طويل عن التطبيقات والهواتف والشبكات في العالم العربي وعن واتس اب"),
             ("واتساب يطلق ميزة", "واتساب يطلق ميزة جديدة"),
             ("تقرير", "تقرير عن واتساب وعن واتس اب معا"),
             ("تقرير", "تقرير عن واتساب واتساب"),
             ("خبر", "خبر عن اب الطفل"), ("خبر", "خبر عن اب و اب")]
    texts += [("نشرة", f"نشرة الطقس رقم {i} أمطار ورياح") for i in range(12)]
    return [{"id": f"w{i:02d}", "title": title, "body": body, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, (title, body) in enumerate(texts)]


@pytest.mark.parametrize("query", ["واتساب", "واتساب ميزة", "body:واتساب"])
def test_a_word_written_in_two_scores_as_on_whoosh(both_engines, query):
    """The joined word's spelling in two (search/expansion.py) is re-scored at its weight on the
    cluster (rescore.py), as Whoosh scores it: the same order, the same scores but for Whoosh's
    field lengths, which its phrase scoring reads as stored in a byte (11 words read 12)."""
    whoosh, sphinx = both_engines(_spelt_in_two())
    answers = [e.search(SearchRequest(q=query, collapse=False)) for e in (whoosh, sphinx)]
    assert answers[0].total >= 2
    w, s = ([(h.id, h.score) for h in r.hits] for r in answers)
    assert [i for i, _s in w] == [i for i, _s in s], (w, s)
    assert [score for _i, score in s] == pytest.approx([score for _i, score in w], rel=0.04), (w, s)


def test_autocomplete_reads_what_follows_the_word_before_on_both_backends(both_engines):
    """What the articles write after the word typed before comes first on a cluster as on Whoosh,
    and both read the completions' counts off their term lists alike."""
    from search.deadline import Deadline

    bodies = ["أعلنت وزارة الصحة اليوم"] * 4 + ["الرعاية الصحية في المملكة"] * 9
    whoosh, sphinx = both_engines([{"id": f"ctx-{i}", "title": f"خبر {i}", "body": body, "source": "s"}
                                   for i, body in enumerate(bodies)])
    for engine in (whoosh, sphinx):
        assert engine.suggest("الص")[:2] == ["الصحية", "الصحة"]
        assert engine.suggest("وزارة الص")[:2] == ["وزارة الصحة", "وزارة الصحية"]
    listed = []
    for engine in (whoosh, sphinx):
        with engine.backend.searcher(Deadline(None)) as s:
            listed.append(s.prefix_frequencies("body_exact", "ال", 50))
    assert listed[0] == listed[1] and listed[0]


def test_the_completion_table_is_mined_alike_on_both_backends(both_engines, monkeypatch):
    """A cluster's import lists the commonest terms of each big prefix from its vocabulary file as
    the Whoosh import does from its term lists (here a prefix is big past 3 terms)."""
    import search.suggest
    from indexer import completions

    monkeypatch.setattr(completions, "COMPLETION_SCAN", 3)
    monkeypatch.setattr(search.suggest, "COMPLETION_SCAN", 3)
    bodies = ["الأرض الأمل البحر التمر اليوم"] + ["اليوم أعلنت المملكة"] * 5
    whoosh, sphinx = both_engines([{"id": f"c{i}", "title": f"خبر {i}", "body": body, "source": "s"}
                                   for i, body in enumerate(bodies)])
    assert sphinx.backend.completions() == whoosh.backend.completions()
    assert whoosh.backend.completions()["ال"][:2] == [("اليوم", 6), ("المملكه", 5)]
    assert sphinx.suggest("ال") == whoosh.suggest("ال") and whoosh.suggest("ال")[:2] == ["اليوم", "المملكة"]
